"""The figure builders' shared finish: the house layout, template expanded, as plotly's own update_layout gives it."""

import json

import plotly.graph_objects as go

from dashboard import figures


def _traces(fig):
    fig.add_trace(dict(type="scatter", x=[1, 2, 3], y=[1, 4, 9], name="a"))
    fig.update_layout(legend={"x": 0.5, "y": -0.3}, hovermode="closest", margin={"l": 90})
    fig.update_xaxes(title_text="inclination (°)")
    return fig


def test_finish_gives_what_plotly_update_layout_gives():
    expected = _traces(go.Figure())  # validated: the template is expanded as plotly.js needs it
    figures._layout(expected, 333)
    got = figures._finish(_traces(figures.new_figure()), "f", "Title", "Alt", 333)
    assert json.loads(got.json) == json.loads(expected.to_json())
    layout = json.loads(got.json)["layout"]
    assert isinstance(layout["template"], dict) and layout["template"]["layout"]["plot_bgcolor"] == "white"
    # The house layout wins where both set a key, nested keys merged: the builder's legend x is overridden,
    # its margin's left kept as the house margin sets it.
    assert layout["legend"]["x"] == 0 and layout["margin"]["l"] == 60 and layout["height"] == 333


def test_merge_leaves_both_inputs_alone():
    own = {"legend": {"x": 1}, "title": "t"}
    house = {"legend": {"y": 2}, "font": {"size": 3}, "template": {"layout": {"plot_bgcolor": "white"}}}
    merged = figures._merged(own, house)
    assert merged == {"legend": {"x": 1, "y": 2}, "title": "t", "font": {"size": 3},
                      "template": {"layout": {"plot_bgcolor": "white"}}}
    assert own == {"legend": {"x": 1}, "title": "t"}
    assert house == {"legend": {"y": 2}, "font": {"size": 3}, "template": {"layout": {"plot_bgcolor": "white"}}}


def test_the_house_layout_is_not_changed_by_finishing_figures():
    before = json.dumps(figures._house_layout(), sort_keys=True)
    for height in (200, 300):
        figures._finish(_traces(figures.new_figure()), "f", "T", "", height)
    assert json.dumps(figures._house_layout(), sort_keys=True) == before
