"""Charts across the dashboard: one colour per constellation, zero kept on log axes, axes bounded to the data and
the milestones, labels that do not overprint, every shell plotted, and each chart's data as a CSV table."""

import datetime as dt
import json
from types import SimpleNamespace

import pandas as pd
import pytest

from dashboard import colours, figures
from tests.web.test_pages import figures_in

AS_OF = dt.date(2026, 11, 25)


@pytest.mark.parametrize("kind", ["constellation", "operator", "administration"])
def test_each_known_key_has_a_colour_of_its_own(kind):
    table = {"constellation": colours.CONSTELLATION_COLOURS, "operator": colours.OPERATOR_COLOURS}.get(
        kind, {k: v for k, v in colours.ADMINISTRATION_COLOURS.items() if len(k) == 3})
    assert len(set(table.values())) == len(table)
    assert all(colours.colour_for(kind, key) == colour for key, colour in table.items())


@pytest.mark.parametrize(("a", "b"), [("kuiper", "starlink"), ("cinnamon", "starlink"), ("kuiper", "qianfan")])
def test_constellations_the_issue_saw_confused_are_apart(a, b):
    assert colours.colour_for("constellation", a) != colours.colour_for("constellation", b)


def test_china_is_not_kuipers_orange():
    assert colours.colour_for("administration", "CHN") != colours.colour_for("constellation", "kuiper")
    assert colours.colour_for("administration", "China") == colours.colour_for("administration", "CHN")


def test_an_unknown_key_gets_the_same_palette_colour_every_time():
    first = colours.colour_for("constellation", "brand-new")
    assert first in colours.PALETTE and first == colours.colour_for("constellation", "brand-new")
    assert colours.colour_for("operator", None) == colours.UNKNOWN


def race(frame, targets=(), until=None, log=True):
    labels = {k: k.title() for k in frame.columns}
    return json.loads(figures.race_chart(frame, labels, AS_OF, fig_id="r", title="t", group="constellation",
                                         targets=targets, until=until, log=log).json)


def test_race_chart_colours_are_the_constellations_whatever_else_is_drawn():
    index = pd.to_datetime(["2026-01-01", "2026-06-01"])
    alone = race(pd.DataFrame({"kuiper": [0, 100]}, index=index))
    together = race(pd.DataFrame({"cinnamon": [0, 0], "kuiper": [0, 100], "starlink": [9000, 9400]}, index=index))
    colour = {t["name"]: t["line"]["color"] for t in together["data"]}
    assert alone["data"][0]["line"]["color"] == colour["Kuiper"] == colours.colour_for("constellation", "kuiper")
    assert len(set(colour.values())) == 3


def test_zero_counts_stay_on_the_log_axis_and_read_zero():
    index = pd.to_datetime(["2026-01-01", "2026-06-01"])
    spec = race(pd.DataFrame({"cinnamon": [0, 0], "starlink": [9000, 9400]}, index=index))
    cinnamon = next(t for t in spec["data"] if t["name"] == "Cinnamon")
    assert cinnamon["y"] == [figures.LOG_ZERO] * 2 and cinnamon["customdata"] == [0, 0]
    axis = spec["layout"]["yaxis"]
    assert axis["type"] == "log" and axis["ticktext"][0] == "0" and axis["tickvals"][0] == figures.LOG_ZERO
    assert 10 ** axis["range"][0] < figures.LOG_ZERO and 10 ** axis["range"][1] > 9400
    # The CSV has the counts, zeros included, not the floor they are drawn on.
    assert ["Cinnamon", "in orbit", "2026-01-01", 0, ""] in spec["csv"]["rows"]


def test_race_x_axis_ends_at_the_last_target_not_the_horizon():
    index = pd.to_datetime(["2025-01-01", "2026-06-01"])
    spec = race(pd.DataFrame({"kuiper": [10, 100]}, index=index),
                targets=[("kuiper", "Kuiper Gen1", [(dt.date(2029, 7, 30), 3232, "upcoming")])],
                until=dt.date(2030, 12, 31))
    end = dt.date.fromisoformat(spec["layout"]["xaxis"]["range"][1][:10])
    assert dt.date(2029, 7, 30) < end <= dt.date(2029, 7, 30) + figures.X_MARGIN


def result(title, due, required, status="upcoming", projected=None, deployed=None):
    return SimpleNamespace(title=title, due_date=due, required=required, status=status, projected_date=projected,
                           deployed=deployed, provision="")


def test_deployment_chart_x_axis_is_bounded_to_the_data_and_milestones():
    points = [(dt.date(2025, 1, 1), 10), (dt.date(2026, 6, 1), 300)]
    results = [result("FCC 50 % milestone (b)", dt.date(2028, 7, 30), 1616),
               result("FCC 100 % milestone (b)", dt.date(2029, 7, 30), 3232)]
    what_if = [(dt.date(2026, 11, 25) + dt.timedelta(days=30 * m), 300 + 10 * m) for m in range(12 * 40)]
    spec = json.loads(figures.deployment_chart(points, results, AS_OF, what_if=what_if).json)
    start, end = (dt.date.fromisoformat(v[:10]) for v in spec["layout"]["xaxis"]["range"])
    assert end <= dt.date(2029, 7, 30) + figures.X_MARGIN and start < dt.date(2025, 1, 1)
    whatif = next(t for t in spec["data"] if t["name"] == "your cadence (what-if)")
    assert max(whatif["x"]) <= end.isoformat()  # a 40-year what-if no longer stretches the axis to the 2060s


def test_deployment_chart_names_milestones_in_the_legend_and_cuts_late_projections():
    results = [result("Half (b)", dt.date(2026, 7, 30), 1616, "waived"),
               result("Keep half (d)", dt.date(2029, 7, 30), 1616),
               result("All (b)", dt.date(2029, 7, 30), 3232, projected=dt.date(2045, 1, 1), deployed=324)]
    spec = json.loads(figures.deployment_chart([(dt.date(2026, 8, 22), 324)], results, AS_OF).json)
    marks = [t for t in spec["data"] if t.get("marker", {}).get("symbol") == "line-ew-open"]
    assert all("text" not in t and t.get("showlegend", True) for t in marks)  # no text to overprint
    assert [t["name"].replace("<br>", " ") for t in marks] == [
        "Half: 1,616 by Jul 2026 (waived)", "Keep half: 1,616 by Jul 2029 (upcoming)", "All: 3,232 by Jul 2029 (upcoming)"]
    end = spec["layout"]["xaxis"]["range"][1][:10]
    projection = next(t for t in spec["data"] if t["name"].startswith("projection"))
    assert projection["x"][-1] == end and 324 < projection["y"][-1] < 3232  # cut at the axis' end, not 2045


@pytest.mark.parametrize(("text", "lines"), [
    ("Short", ["Short"]),
    ("Launch and operate half of the authorised satellites: 1,616 by Jul 2026 (missed)",
     ["Launch and operate half of the", "authorised satellites: 1,616 by Jul 2026", "(missed)"]),
])
def test_legend_text_wraps_for_a_phone(text, lines):
    assert figures.legend_text(text).split("<br>") == lines
    assert all(len(line) <= figures.LEGEND_WRAP for line in lines)


def point(filing, altitude, inclination, satellites, low=None, high=None):
    return {"altitude": altitude, "altitude_low": low or altitude, "altitude_high": high or altitude,
            "inclination": inclination, "satellites": satellites, "filing": filing, "url": f"/f/{filing}/",
            "operator": "Op", "operator_key": "spacex", "administration": "Rwanda", "administration_key": "RWA",
            "label": "x"}


def test_shells_map_plots_unknown_inclinations_ranges_and_meo():
    points = [point("Starlink", 550, 53, 1584), point("CINNAMON-937", 596.5, None, 336960, 550, 643),
              point("OneWeb MEO", 8500, 87.9, None), point("ODC", 1250, 97.7, 500000, 500, 2000)]
    spec = json.loads(figures.shells_map(points, "operator", []).json)
    trace = spec["data"][0]
    assert len(trace["x"]) == 4 and figures.UNKNOWN_INCLINATION_X in trace["x"]
    assert trace["error_y"]["arrayminus"][3] == 750 and trace["error_y"]["array"][3] == 750
    axis = spec["layout"]["yaxis"]
    assert axis["type"] == "log" and 10 ** axis["range"][0] < 500 and 10 ** axis["range"][1] > 8500
    assert "unknown" in spec["layout"]["xaxis"]["ticktext"]
    assert len(spec["csv"]["rows"]) == 4 and ["OneWeb MEO", "Op", 8500, 8500, 87.9, None] in spec["csv"]["rows"]


@pytest.mark.django_db
def test_the_bundled_shells_map_plots_every_live_shell(client, settings):
    from filings.models import FilingShell
    from tests.web.dataset import load_bundled

    load_bundled()
    response = client.get("/shells/")
    live = FilingShell.objects.of_live_filings().count()
    assert len(response.context["points"]) == live
    chart = figures_in(response.content.decode())["shells-map"]
    plotted = [name for t in chart["data"] if t.get("customdata") for _, name, *_ in t["customdata"]]
    assert len(plotted) == live and {"SpaceX Orbital Data Center system", "CINNAMON-937"} <= set(plotted)
    assert "not plotted" not in response.content.decode()


@pytest.mark.django_db
def test_every_chart_on_the_pages_carries_its_data_table(client, registry):
    for url in ("/", "/shells/", "/compute/", "/timeline/", registry["kuiper"].get_absolute_url()):
        for target, spec in figures_in(client.get(url).content.decode()).items():
            assert spec["csv"]["columns"] and spec["csv"]["rows"], (url, target)
