"""plotly figures, built in Python and handed to the page as JSON (drawn by static/js/figures.js).

Every builder returns a ``Figure``: the plotly JSON plus a title and a text alternative for readers
who cannot see the chart. Builders take plain values (lists, dicts, DataFrames), never querysets.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import textwrap
from dataclasses import dataclass

import plotly.graph_objects as go
from plotly.io.json import to_json_plotly

from compliance.rules.calendar import add_years
from compliance.rules.risk import HORIZON_YEARS
from dashboard.colours import PALETTE, colour_for
from dashboard.compute_race import si_flops

# Status colours from Okabe-Ito and Tol (dashboard/colours.py): red/green are told apart by lightness too.
STATUS_COLOURS = {
    "met": "#117733", "missed": "#B2182B", "due_soon": "#E69F00", "upcoming": "#0072B2",
    "waived": "#777777", "not_applicable": "#BBBBBB", "not_computable": "#999999",
    "projected_late": "#CC79A7",
}
# A log axis has no zero: a count of 0 is drawn on this floor, labelled "0", so it stays on the chart.
LOG_ZERO = 0.5
# How far past the last date a chart shows (its last marker is not drawn on the frame).
X_MARGIN = dt.timedelta(days=120)
FONT = {"family": "system-ui, -apple-system, Segoe UI, Roboto, sans-serif", "size": 13, "color": "#1b2430"}


@dataclass(frozen=True)
class Figure:
    id: str
    title: str
    alt: str
    json: str
    height: int = 420
    clickable: bool = False


def colour_map(labels) -> dict:
    """Colours for labels that are not constellations, operators or administrations (profiles, statuses)."""
    return {label: PALETTE[i % len(PALETTE)] for i, label in enumerate(sorted(set(labels), key=str))}


def _cell(value):
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, float) and value != value:
        return None
    return value


def data_table(columns, rows) -> dict:
    """The plotted data as a table (static/js/figures.js offers it as a CSV download under the chart)."""
    return {"columns": list(columns), "rows": [[_cell(v) for v in row] for row in rows]}


def log_ticks(largest: float) -> tuple[list, list]:
    """Tick values and labels of a log count axis whose zero sits on LOG_ZERO: 0, 1, 10, 100, ..."""
    decades = max(1, math.ceil(math.log10(max(largest, 1))))
    values = [LOG_ZERO] + [10 ** i for i in range(decades + 1)]
    return values, ["0"] + [f"{v:,}" for v in values[1:]]


def as_of_marker(fig: go.Figure, as_of: dt.date, colour: str = "#5a6573") -> None:
    """The as-of line and its label, the label at the foot of the plot: at the top, plotly's toolbar covers it
    on a phone."""
    fig.add_vline(x=as_of.isoformat(), line={"color": colour, "dash": "dot", "width": 1})
    fig.add_annotation(x=as_of.isoformat(), y=0, yref="paper", text=f"as of {as_of:%-d %b %Y}", showarrow=False,
                       xanchor="right", yanchor="bottom", font={"size": 11, "color": colour},
                       bgcolor="rgba(255,255,255,0.8)")


def new_figure(*traces) -> go.Figure:
    """A figure that skips plotly's per-property validation (the builders here are covered by tests and
    plotly.js draws them in the browser tests); validation costs more than the rest of a page."""
    fig = go.Figure(_validate=False)
    for trace in traces:
        fig.add_trace(trace)
    return fig


def _layout(fig: go.Figure, height: int, **extra) -> None:
    fig.update_layout(
        template="plotly_white", height=height, font=FONT, margin={"l": 60, "r": 20, "t": 20, "b": 50},
        legend={"orientation": "h", "yanchor": "top", "y": -0.18, "x": 0},
        hoverlabel={"font": {"size": 13}}, **extra,
    )


def _finish(fig: go.Figure, fig_id: str, title: str, alt: str, height: int, clickable=False,
            table: dict | None = None, legend: dict | None = None) -> Figure:
    """``legend``: where this figure's legend goes, over the house's (below the plot, a fraction of its height
    away: on a tall chart, far below)."""
    spec = fig.to_plotly_json()
    spec["layout"] = _merged(spec.get("layout", {}), {**_house_layout(), "height": height})
    if legend is not None:
        spec["layout"]["legend"] = {**spec["layout"].get("legend", {}), **legend}
    if table is not None:
        spec["csv"] = table
    return Figure(fig_id, title, alt, to_json_plotly(spec), height, clickable)


@functools.lru_cache(maxsize=1)
def _house_layout() -> dict:
    """The layout ``_layout`` gives every figure, template expanded, worked out once: applying the template
    through plotly's objects costs ~9 ms a figure. ``_finish`` merges it over the figure's own layout as
    ``update_layout`` would (tests/web/test_figures.py holds the two equal)."""
    fig = go.Figure()
    _layout(fig, 100)
    layout = fig.to_plotly_json()["layout"]
    layout.pop("height")
    return layout


def _merged(own: dict, house: dict) -> dict:
    """``own`` updated by ``house``, nested dictionaries merged key by key (update_layout's rule). Neither input
    is changed; the result shares what it takes whole from ``house`` (the template: copying it cost more than the
    rest of a figure), so it is serialised, never edited."""
    merged = dict(own)
    for key, value in house.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merged(merged[key], value)
        else:
            merged[key] = value
    return merged


def _iso(value) -> str:
    return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else str(value)


# -- overview: the race -------------------------------------------------------------------------------


def race_chart(frame, labels: dict, as_of: dt.date, *, fig_id: str, title: str, group: str,
               targets=(), own=(), until: dt.date | None = None, log: bool = False) -> Figure:
    """Satellites in orbit over time, one line per column of ``frame`` (date × key: constellation keys, or
    administration names when ``group`` is "administration"), each in its colour from dashboard/colours.py.

    targets: (key, label, [(due_date, required, status), ...]) drawn as dashed steps in the key's colour.
    own: (key, label, [(date, count), ...]): a filing's own satellites (its share of the constellation's
    attribution), drawn dotted in the key's colour where a constellation holds several authorisations: each
    filing's target is met by its own satellites, not by the constellation's total.
    On a log axis a count of zero is drawn at LOG_ZERO and labelled 0, so a constellation with none in orbit
    stays visible.
    """
    fig = new_figure()
    kind = "administration" if group == "administration" else "constellation"
    colours = {key: colour_for(kind, key) for key in frame.columns}
    x = [d.date().isoformat() for d in frame.index]
    lines, table, largest = [], [], 1
    for key in frame.columns:
        values = frame[key]
        if values.isna().all():
            continue
        label = labels.get(key, key)
        last = values.dropna()
        lines.append(f"{label}: {int(last.iloc[-1]):,} on {last.index[-1].date():%-d %b %Y}")
        counts = [None if v != v else int(v) for v in values]
        largest = max([largest, *(c for c in counts if c is not None)])
        table += [(label, "in orbit", day, count, "") for day, count in zip(x, counts) if count is not None]
        fig.add_trace(dict(type="scatter",
            x=x, y=[c if c is None or not log else max(c, LOG_ZERO) for c in counts], customdata=counts,
            name=label, mode="lines+markers",
            line={"color": colours[key], "width": 3, "shape": "hv"}, marker={"size": 5},
            legendgroup=label, connectgaps=False,
            hovertemplate=f"{label}<br>%{{x|%-d %b %Y}}: %{{customdata:,}} in orbit<extra></extra>",
        ))
    for key, label, points in own:
        counts = [int(c) for _, c in points]
        largest = max([largest, *counts])
        table += [(labels.get(key, key), f"{label}: its own satellites", _iso(d), c, "") for d, c in points]
        fig.add_trace(dict(type="scatter",
            x=[_iso(d) for d, _ in points], y=[max(c, LOG_ZERO) if log else c for c in counts], customdata=counts,
            name=f"{label}: its own satellites", mode="lines",
            line={"color": colours.get(key, "#555"), "width": 1.5, "dash": "dot", "shape": "hv"},
            legendgroup=f"{labels.get(key, key)}-own",
            hovertemplate=f"{label}<br>%{{x|%-d %b %Y}}: %{{customdata:,}} attributed<extra></extra>",
        ))
    # One dashed trace per group, each filing's steps separated by a gap: a registry with hundreds of filings
    # then draws a few dozen traces, not one per filing (plotly's cost, and the legend's, grow with traces).
    steps_by_group = {}
    shown_targets = 0
    last_due = None
    for key, label, steps in targets:
        steps = sorted((s for s in steps if s[0] and s[1] and (until is None or s[0] <= until)), key=lambda s: s[0])
        if not steps:
            continue
        shown_targets += 1
        xs, ys, text, colour = steps_by_group.setdefault(labels.get(key, key), ([], [], [], colours.get(key, "#555")))
        if xs:
            xs.append(None), ys.append(None), text.append(None)
        for due, required, status in steps:
            xs.append(_iso(due))
            ys.append(required)
            text.append(f"{label} ({status.replace('_', ' ')})")
            table.append((labels.get(key, key), f"{label} milestone target", due, required, status))
            largest = max(largest, required)
            last_due = max(last_due or due, due)
    for group_label, (xs, ys, text, colour) in steps_by_group.items():
        fig.add_trace(dict(type="scatter",
            x=xs, y=ys, name=f"{group_label} milestone targets", mode="lines+markers", connectgaps=False,
            line={"color": colour, "width": 1.5, "dash": "dash", "shape": "hv"},
            marker={"size": 9, "symbol": "diamond-open", "color": colour},
            legendgroup=f"{group_label}-t", text=text,
            hovertemplate="%{text}<br>%{y:,} required by %{x|%-d %b %Y}<extra></extra>",
        ))
    # The x axis ends at the last thing drawn (a target, or the as-of date), not at the horizon asked for.
    end = max(d for d in (as_of, last_due, dt.date.fromisoformat(x[-1]) if x else None) if d) + X_MARGIN
    if until is not None:
        end = min(end, until + X_MARGIN)
    if x:
        fig.update_xaxes(range=[x[0], _iso(end)])
    as_of_marker(fig, as_of)
    if log:
        tickvals, ticktext = log_ticks(largest)
        fig.update_yaxes(title_text="satellites (log scale)", type="log", tickvals=tickvals, ticktext=ticktext,
                         range=[math.log10(LOG_ZERO * 0.8), math.log10(largest * 1.6)])
    else:
        fig.update_yaxes(title_text="satellites in orbit", rangemode="tozero", separatethousands=True)
    fig.update_xaxes(title_text=None, type="date")
    alt = (f"Satellites in orbit by {group}, as of {as_of:%-d %B %Y}. "
           + ("; ".join(lines) + "." if lines else "No deployment counts are recorded yet.")
           + (f" Dashed steps show {shown_targets} filings' milestone targets due by {until:%Y}." if shown_targets else "")
           + (" Dotted lines show, where a constellation holds several authorisations, each targeted filing's own "
              "satellites: " + "; ".join(f"{label} {int(points[-1][1]):,}" for _, label, points in own if points)
              + "." if own else ""))
    return _finish(fig, fig_id, title, alt, 440,
                   table=data_table((group, "series", "date", "satellites", "status"), table))


# -- filing detail ---------------------------------------------------------------------------------------


def _shown_projection(r, as_of: dt.date) -> bool:
    """A projected date is drawn only within the risk core's horizon (compliance.rules.risk.HORIZON_YEARS)."""
    return bool(r.projected_date and r.projected_date <= add_years(as_of, HORIZON_YEARS))


def milestone_timeline(results, start: dt.date | None, as_of: dt.date, fig_id="milestone-timeline") -> Figure:
    """One bar per dated milestone, from the filing's start to its due date, coloured by status."""
    rows = [r for r in results if r.due_date]
    fig = new_figure()
    origin = start or min((r.due_date for r in rows), default=as_of) - dt.timedelta(days=365)
    by_status = {}
    for r in rows:
        by_status.setdefault(r.status, []).append(r)
    for status, items in by_status.items():
        fig.add_trace(dict(type="bar", 
            base=[origin.isoformat()] * len(items),
            x=[(r.due_date - origin).days * 86400000 for r in items],
            y=[r.title for r in items], orientation="h", name=status.replace("_", " "),
            marker={"color": STATUS_COLOURS.get(status, "#888")},
            customdata=[[r.due_date.isoformat(), r.provision] for r in items],
            hovertemplate="%{y}<br>due %{customdata[0]}<br>%{customdata[1]}<extra>" + status.replace("_", " ") + "</extra>",
        ))
    projected = [r for r in rows if _shown_projection(r, as_of)]
    if projected:
        fig.add_trace(dict(type="scatter", 
            x=[r.projected_date.isoformat() for r in projected], y=[r.title for r in projected], mode="markers",
            name="projected at the current rate", marker={"symbol": "diamond", "size": 11, "color": "#1b2430"},
            hovertemplate="%{y}<br>projected %{x|%-d %b %Y}<extra></extra>",
        ))
    as_of_marker(fig, as_of, "#1b2430")
    last = max([as_of, *(r.due_date for r in rows), *(r.projected_date for r in projected if _shown_projection(r, as_of))])
    fig.update_xaxes(type="date", range=[origin.isoformat(), (last + X_MARGIN).isoformat()])
    fig.update_yaxes(autorange="reversed", automargin=True)
    fig.update_layout(barmode="overlay", bargap=0.35)
    height = max(220, 70 + 42 * len({r.title for r in rows}))
    alt = "; ".join(f"{r.title}: due {r.due_date:%-d %b %Y}, {r.status.replace('_', ' ')}" for r in rows)
    table = data_table(("milestone", "from", "due", "status", "projected"),
                       [(r.title, origin, r.due_date, r.status, r.projected_date) for r in rows])
    return _finish(fig, fig_id, "Milestone timeline", (alt or "No dated milestone.") + ".", height, table=table)


# Legend entries wrap at this many characters: plotly does not wrap them, and a phone is 390 px wide.
LEGEND_WRAP = 40


def legend_text(text: str, width: int = LEGEND_WRAP) -> str:
    """A legend entry broken into lines (plotly's <br>) so that it fits a phone's width."""
    return "<br>".join(textwrap.wrap(text, width, break_on_hyphens=False)) or text


def deployment_chart(points, results, as_of: dt.date, *, what_if=None, data_as_of: dt.date | None = None,
                     fig_id="deployment-chart") -> Figure:
    """Deployed satellites (step line) against each milestone's requirement, with the projection.

    points: [(date, count)]; what_if: optional [(date, count)] for the cadence the reader typed in. The x axis
    runs from the first count (or milestone) to the last milestone, the as-of date or the last count, whichever
    is latest: a what-if line, or a projection, runs on only that far. Milestones are named in the legend, not
    by text on the plot: labels there overprinted whenever two milestones fell close together (Kuiper's).
    data_as_of: the date catalog counts are known to; past it (up to as_of) the count is drawn dashed and
    labelled "carried forward".
    """
    fig = new_figure()
    dated = sorted((r for r in results if r.due_date and r.required), key=lambda r: (r.due_date, r.required))
    first = min([*(d for d, _ in points), *(r.due_date for r in dated)], default=as_of)
    last = max([as_of, *(d for d, _ in points), *(r.due_date for r in dated)])
    end = last + X_MARGIN
    table = [("in orbit", d, c, "") for d, c in points]
    if points:
        x, y = [_iso(d) for d, _ in points], [c for _, c in points]
        if data_as_of is not None and as_of > data_as_of and x[-1] < as_of.isoformat():
            x, y = x + [as_of.isoformat()], y + [y[-1]]  # the last count held to the page's date
        kx, ky, cx, cy = _split_at(x, y, data_as_of)
        fig.add_trace(dict(type="scatter", 
            x=kx, y=ky, name="in orbit (reported / catalog)",
            mode="lines+markers", line={"shape": "hv", "color": "#0072B2", "width": 3},
            hovertemplate="%{x|%-d %b %Y}: %{y:,}<extra></extra>",
        ))
        if cx:
            fig.add_trace(dict(type="scatter", x=cx, y=cy, name=f"in orbit, {CARRIED_FORWARD} past "
                               f"{data_as_of:%-d %b %Y}", mode="lines",
                               line={"shape": "hv", "color": "#0072B2", "width": 3, "dash": "dash"},
                               hovertemplate=f"{CARRIED_FORWARD}: %{{y:,}} on %{{x|%-d %b %Y}}<extra></extra>"))
    for r in dated:
        colour = STATUS_COLOURS.get(r.status, "#888")
        table.append((r.title, r.due_date, r.required, r.status))
        fig.add_trace(dict(type="scatter",
            x=[r.due_date.isoformat()], y=[r.required], mode="markers",
            name=legend_text(f"{r.title.split(' (')[0]}: {r.required:,} by {r.due_date:%b %Y} "
                             f"({r.status.replace('_', ' ')})"),
            marker={"symbol": "line-ew-open", "size": 26, "line": {"width": 3, "color": colour}},
            hovertemplate=f"{r.title}<br>%{{y:,}} required by %{{x|%-d %b %Y}}<br>{r.status.replace('_', ' ')}<extra></extra>",
        ))
        if _shown_projection(r, as_of) and r.deployed is not None and r.projected_date > as_of:
            # Drawn up to the axis' end: beyond the last milestone, the line is cut where the axis stops.
            stop, reached = r.projected_date, r.required
            if stop > end:
                share = (end - as_of).days / (stop - as_of).days
                stop, reached = end, round(r.deployed + (r.required - r.deployed) * share)
            table.append((f"projection to {r.title}", stop, reached, ""))
            fig.add_trace(dict(type="scatter",
                x=[as_of.isoformat(), stop.isoformat()], y=[r.deployed, reached], mode="lines",
                line={"dash": "dot", "color": "#5a6573"}, showlegend=False, name=f"projection to {r.title}",
                hovertemplate="projection at the current rate: %{y:,} on %{x|%-d %b %Y}<extra></extra>",
            ))
    if what_if:
        shown = [(d, c) for d, c in what_if if d <= end]
        table += [("your cadence (what-if)", d, c, "") for d, c in shown]
        fig.add_trace(dict(type="scatter",
            x=[_iso(d) for d, _ in shown], y=[c for _, c in shown], name="your cadence (what-if)",
            mode="lines", line={"color": "#D55E00", "width": 2, "dash": "dash"},
            hovertemplate="what-if %{x|%-d %b %Y}: %{y:,}<extra></extra>",
        ))
    as_of_marker(fig, as_of, "#1b2430")
    fig.update_yaxes(title_text="satellites", rangemode="tozero", separatethousands=True)
    fig.update_xaxes(type="date", range=[(first - X_MARGIN).isoformat(), end.isoformat()])
    last_count = f"{points[-1][1]:,} in orbit on {points[-1][0]:%-d %b %Y}" if points else "no deployment count recorded"
    needs = "; ".join(f"{r.title}: {r.required:,} by {r.due_date:%-d %b %Y}" for r in dated)
    if points and data_as_of is not None and as_of > data_as_of:
        last_count += f" (data date {data_as_of:%-d %b %Y}; {CARRIED_FORWARD} to {as_of:%-d %b %Y})"
    alt = f"Deployment: {last_count}. Requirements: {needs or 'none dated'}."
    return _finish(fig, fig_id, "Deployment against each milestone", alt, 420,
                   table=data_table(("series", "date", "satellites", "status"), table))


def sunlit_by_shell(rows, fig_id="sunlit-chart") -> Figure:
    """rows: [{"label", "mean", "minimum", "maximum"}]"""
    fig = new_figure(dict(type="bar", 
        x=[r["label"] for r in rows], y=[r["mean"] for r in rows], marker={"color": "#E69F00"},
        error_y={"type": "data", "symmetric": False, "array": [r["maximum"] - r["mean"] for r in rows],
                 "arrayminus": [r["mean"] - r["minimum"] for r in rows], "color": "#5a6573"},
        hovertemplate="%{x}<br>mean sunlit %{y:.1%}<extra></extra>", name="sunlit fraction",
        width=[0.5 if len(rows) < 4 else 0.8] * len(rows),
    ))
    fig.update_yaxes(title_text="sunlit fraction", tickformat=".0%", range=[0, 1.05])
    alt = "; ".join(f"{r['label']}: {r['mean']:.1%} (orbits {r['minimum']:.0%}–{r['maximum']:.0%})" for r in rows)
    table = data_table(("shell", "mean sunlit fraction", "lowest", "highest"),
                       [(r["label"], r["mean"], r["minimum"], r["maximum"]) for r in rows])
    return _finish(fig, fig_id, "Sunlit fraction by shell", alt + ".", 320, table=table)


# -- shells map ------------------------------------------------------------------------------------------


# The shells map's column for shells whose inclination is not filed, left of 0°.
UNKNOWN_INCLINATION_X = -15.0


def shells_map(points, colour_by: str, bands, fig_id="shells-map") -> Figure:
    """points: [{"altitude", "altitude_low", "altitude_high", "inclination" (None: not filed), "satellites"
    (None: not filed), "filing", "url", "operator", "operator_key", "administration", "administration_key",
    "label"}]; bands: [{"low", "high", "ratio", "filings"}] contended altitude bands, shaded.

    Every point is drawn: an altitude range as a bar through the bubble, an unknown inclination in a column of
    its own, and the altitude axis turns logarithmic when the shells span more than a factor of four (MEO and
    VLEO on one chart), bounded to the shells."""
    fig = new_figure()
    for band in bands:
        fig.add_hrect(y0=band["low"], y1=band["high"], fillcolor="#B2182B", line_width=0,
                      opacity=0.20 if band["ratio"] > 1 else 0.08,
                      layer="below")
    if bands:
        fig.add_trace(dict(type="scatter",
            x=[None], y=[None], mode="markers", name="contended band (darker: over capacity)",
            marker={"symbol": "square", "size": 14, "color": "rgba(178,24,43,0.25)"},
        ))
    key_field = "administration_key" if colour_by == "administration" else "operator_key"
    groups = {}
    for p in points:
        groups.setdefault(p[colour_by] or "unknown", []).append(p)
    biggest = max((p["satellites"] or 0 for p in points), default=1) or 1
    for name in sorted(groups, key=str):
        items = groups[name]
        colour = colour_for(colour_by, items[0].get(key_field))
        fig.add_trace(dict(type="scatter",
            x=[UNKNOWN_INCLINATION_X if p["inclination"] is None else p["inclination"] for p in items],
            y=[p["altitude"] for p in items], mode="markers", name=name,
            error_y={"type": "data", "symmetric": False, "thickness": 1.5, "width": 0, "color": colour,
                     "array": [p["altitude_high"] - p["altitude"] for p in items],
                     "arrayminus": [p["altitude"] - p["altitude_low"] for p in items]},
            marker={"size": [p["satellites"] or 0 for p in items], "sizemode": "area", "sizemin": 5,
                    "sizeref": 2.0 * biggest / 60**2, "color": colour, "opacity": 0.75,
                    "line": {"width": 1, "color": "#ffffff"}},
            customdata=[[p["url"], p["filing"], "not filed" if p["satellites"] is None else f"{p['satellites']:,}",
                         p["label"]] for p in items],
            hovertemplate="%{customdata[1]}<br>%{customdata[3]}<br>%{customdata[2]} satellites"
                          "<br>click to open the filing<extra>" + str(name) + "</extra>",
        ))
    lows = [p["altitude_low"] for p in points] + [b["low"] for b in bands]
    highs = [p["altitude_high"] for p in points] + [b["high"] for b in bands]
    if lows and max(highs) / max(min(lows), 1) > 4:
        low, high = min(lows) * 0.85, max(highs) * 1.15
        ticks = [v for v in (200, 300, 400, 500, 700, 1000, 1500, 2000, 3000, 5000, 8000, 12000, 20000, 36000)
                 if low <= v <= high]
        fig.update_yaxes(type="log", range=[math.log10(low), math.log10(high)], tickvals=ticks,
                         ticktext=[f"{v:,}" for v in ticks])
    elif lows:
        pad = max(20.0, (max(highs) - min(lows)) * 0.05)
        fig.update_yaxes(range=[max(0.0, min(lows) - pad), max(highs) + pad])
    unknown = any(p["inclination"] is None for p in points)
    ticks = ([UNKNOWN_INCLINATION_X] if unknown else []) + [0, 30, 60, 90, 120, 150, 180]
    top = 180 if any((p["inclination"] or 0) > 100 for p in points) else 100
    fig.update_xaxes(title_text="inclination (°)", range=[(UNKNOWN_INCLINATION_X - 8) if unknown else -5, top + 5],
                     tickvals=[t for t in ticks if t <= top], ticktext=["unknown" if t < 0 else f"{t}°" for t in ticks if t <= top])
    fig.update_yaxes(title_text="altitude (km)")
    fig.update_layout(hovermode="closest")
    alt = (f"{len(points)} filed shells plotted by altitude against inclination, bubble area by satellites, "
           f"coloured by {colour_by}" + (f"; {sum(p['inclination'] is None for p in points)} without a filed "
                                         "inclination in the column marked unknown" if unknown else "") + ". "
           + (f"{len(bands)} contended altitude bands are shaded: "
              + ", ".join(f"{b['low']:g}–{b['high']:g} km" for b in bands) + "." if bands else "No contended band."))
    table = data_table(("filing", colour_by, "altitude low (km)", "altitude high (km)", "inclination (deg)",
                        "satellites"),
                       [(p["filing"], p[colour_by], p["altitude_low"], p["altitude_high"], p["inclination"],
                         p["satellites"]) for p in points])
    return _finish(fig, fig_id, "Filed shells: altitude against inclination", alt, 560, clickable=True, table=table)


# -- the deadline timeline ---------------------------------------------------------------------------------


GANTT_LABEL_WRAP = 34


def deadline_gantt(rows, as_of: dt.date, fig_id="deadline-timeline") -> Figure:
    """A Gantt of deadlines: one bar per open milestone (dashboard.timeline.gantt_rows), from the filing's start
    to the due date, coloured by status, with a diamond on the due date; rows top to bottom in page order."""
    fig = new_figure()
    # Row names wrapped in two or three short lines: unwrapped, they took most of a phone's width.
    wrapped = {r["label"]: legend_text(r["label"], GANTT_LABEL_WRAP) for r in rows}
    labels = [wrapped[r["label"]] for r in rows]
    by_status = {}
    for r in rows:
        by_status.setdefault(r["status"], []).append(r)
    for status, items in by_status.items():
        colour = STATUS_COLOURS.get(status, "#888")
        name = items[0]["status_label"]
        fig.add_trace(dict(type="bar", orientation="h", name=name, legendgroup=status,
            base=[r["start"].isoformat() for r in items],
            x=[(r["due"] - r["start"]).days * 86400000 for r in items], y=[wrapped[r["label"]] for r in items],
            marker={"color": colour, "opacity": 0.55},
            customdata=[[r["filing"].get_absolute_url(), r["due"].isoformat(), r["provision"],
                         "—" if r["required"] is None else f"{r['required']:,}"] for r in items],
            hovertemplate="%{y}<br>due %{customdata[1]}<br>required %{customdata[3]}<br>%{customdata[2]}"
                          "<extra>" + name + "</extra>",
        ))
        fig.add_trace(dict(type="scatter", mode="markers", name=f"{name}: due date", legendgroup=status,
            showlegend=False, x=[r["due"].isoformat() for r in items], y=[wrapped[r["label"]] for r in items],
            marker={"symbol": "diamond", "size": 10, "color": colour, "line": {"width": 1, "color": "#1b2430"}},
            customdata=[[r["filing"].get_absolute_url()] for r in items], hoverinfo="skip",
        ))
    first = min((r["start"] for r in rows), default=as_of)
    last = max([as_of, *(r["due"] for r in rows)])
    as_of_marker(fig, as_of, "#1b2430")
    fig.update_xaxes(type="date", range=[(first - X_MARGIN).isoformat(), (last + X_MARGIN).isoformat()])
    fig.update_yaxes(autorange="reversed", automargin=True, categoryorder="array", categoryarray=labels,
                     tickfont={"size": 11})
    fig.update_layout(barmode="overlay", bargap=0.3, hovermode="closest")
    lines = max((label.count("<br>") + 1 for label in labels), default=1)
    height = max(260, 120 + (14 * lines + 10) * len(labels))  # 11 px text: 14 px a line, and a gap
    soonest = rows and min(rows, key=lambda r: r["due"])
    alt = (f"{len(rows)} open milestones of {len({r['filing'].pk for r in rows})} live filings as of "
           f"{as_of:%-d %B %Y}, each a bar from the filing's start to its due date, coloured by status"
           + (f"; the soonest is {soonest['label']}, due {soonest['due']:%-d %b %Y}." if soonest else "."))
    table = data_table(("filing", "milestone", "start", "due", "status", "required", "projected"),
                       [(r["filing_name"], r["milestone"], r["start"], r["due"], r["status_label"], r["required"],
                         r["projected"]) for r in rows])
    return _finish(fig, fig_id, "Open milestones on one time axis", alt, height, clickable=True, table=table,
                   legend={"y": 1.0, "yanchor": "bottom"})


# -- compute race ----------------------------------------------------------------------------------------


def compute_race(rows, *, fig_id: str, title: str) -> Figure:
    """rows: dashboard.compute_race.RaceRow, in rank order (deployed first, then on paper). Two bars a filing on
    a log axis, in its constellation's colour: solid what is deployed, pale every filed satellite. A filing with
    nothing in orbit has no solid bar (a log axis has no zero) and says "on paper"."""
    fig = new_figure()
    labels = [f"{r.name} ({'ODC' if r.profile == 'orbital_data_centre' else 'broadband'})" for r in rows]
    colours = [colour_for("constellation", r.extra.get("colour_key")) for r in rows]
    fig.add_trace(dict(type="bar", orientation="h", name="every filed satellite (potential)", y=labels,
        x=[r.potential_pflops or None for r in rows], marker={"color": colours, "opacity": 0.35},
        customdata=[[si_flops(r.potential_pflops), f"{r.satellites:,}"] for r in rows],
        text=["on paper" if r.on_paper else "" for r in rows], textposition="inside", insidetextanchor="start",
        hovertemplate="%{y}<br>%{customdata[0]} sustained with all %{customdata[1]} filed satellites<extra></extra>",
    ))
    fig.add_trace(dict(type="bar", orientation="h", name="in orbit (deployed)", y=labels,
        x=[r.deployed_pflops or None for r in rows], marker={"color": colours},
        customdata=[[si_flops(r.deployed_pflops), f"{min(r.in_orbit or 0, r.satellites):,}"] for r in rows],
        hovertemplate="%{y}<br>%{customdata[0]} sustained with %{customdata[1]} in orbit<extra></extra>",
    ))
    values = [v for r in rows for v in (r.potential_pflops, r.deployed_pflops) if v]
    low, high = (min(values), max(values)) if values else (1, 10)
    tick_exponents = range(math.floor(math.log10(low)), math.ceil(math.log10(high)) + 1)
    fig.update_xaxes(type="log", title_text="sustained compute (log scale)",
                     range=[math.log10(low) - 0.3, math.log10(high) + 0.3],
                     tickvals=[10.0 ** e for e in tick_exponents],
                     ticktext=[si_flops(10.0 ** e, digits=1) for e in tick_exponents])
    fig.update_yaxes(automargin=True, autorange="reversed", tickfont={"size": 11})
    fig.update_layout(barmode="overlay", bargap=0.25)
    height = max(280, 120 + 26 * len(rows))
    deployed = [r for r in rows if not r.on_paper][:5]
    alt = ("Sustained compute by filing, each under the profile that fits it. Largest deployed: "
           + ("; ".join(f"{r.name}: {si_flops(r.deployed_pflops)} from {min(r.in_orbit or 0, r.satellites):,} in orbit"
                        for r in deployed) or "none") + f". {sum(r.on_paper for r in rows)} filings are on paper.")
    table = data_table(("filing", "profile", "satellites filed", "in orbit", "sustained PFLOP/s deployed",
                        "sustained PFLOP/s potential"),
                       [(r.name, r.profile, r.satellites, r.in_orbit, r.deployed_pflops, r.potential_pflops)
                        for r in rows])
    return _finish(fig, fig_id, title, alt, height, table=table)


def compute_by_administration(rows, *, fig_id: str) -> Figure:
    """rows: [{"administration", "deployed", "potential", ...}] summed over an administration's filings."""
    fig = new_figure()
    names = [r["administration"].name for r in rows]
    colours = [colour_for("administration", r["administration"].iso_code) for r in rows]
    for name, key, opacity in (("every filed satellite (potential)", "potential", 0.35), ("in orbit (deployed)", "deployed", 1.0)):
        fig.add_trace(dict(type="bar", orientation="h", name=name, y=names, x=[r[key] or None for r in rows],
            marker={"color": colours, "opacity": opacity}, customdata=[si_flops(r[key]) for r in rows],
            hovertemplate="%{y}<br>%{customdata} sustained<extra>" + name + "</extra>"))
    values = [v for r in rows for v in (r["potential"], r["deployed"]) if v]
    low, high = (min(values), max(values)) if values else (1, 10)
    exponents = range(math.floor(math.log10(low)), math.ceil(math.log10(high)) + 1)
    fig.update_xaxes(type="log", title_text="sustained compute (log scale)",
                     range=[math.log10(low) - 0.3, math.log10(high) + 0.3],
                     tickvals=[10.0 ** e for e in exponents], ticktext=[si_flops(10.0 ** e, digits=1) for e in exponents])
    fig.update_yaxes(automargin=True, autorange="reversed")
    fig.update_layout(barmode="overlay", bargap=0.3)
    alt = "Sustained compute by administration: " + "; ".join(
        f"{r['administration'].name}: {si_flops(r['deployed'])} deployed, {si_flops(r['potential'])} filed" for r in rows) + "."
    table = data_table(("administration", "sustained PFLOP/s deployed", "sustained PFLOP/s potential"),
                       [(r["administration"].name, r["deployed"], r["potential"]) for r in rows])
    return _finish(fig, fig_id, "Compute by administration", alt, max(240, 110 + 34 * len(rows)), table=table)


# -- a constellation: its satellites per filing ------------------------------------------------------------

CARRIED_FORWARD = "carried forward"


def _split_at(x: list[str], y: list, data_as_of: dt.date | None) -> tuple[list, list, list, list]:
    """(x, y) up to ``data_as_of`` and the part after it, the carried-forward part starting at its last known
    point so the two lines join; everything is known where ``data_as_of`` is None."""
    if data_as_of is None:
        return x, y, [], []
    cut = data_as_of.isoformat()
    known = [i for i, d in enumerate(x) if d <= cut]
    after = [i for i, d in enumerate(x) if d > cut]
    if not after:
        return x, y, [], []
    kx, ky = [x[i] for i in known], [y[i] for i in known]
    if kx and kx[-1] < cut:  # the last known count holds to the data date itself, drawn solid
        kx, ky = kx + [cut], ky + [ky[-1]]
    return kx, ky, kx[-1:] + [x[i] for i in after], ky[-1:] + [y[i] for i in after]


def constellation_attribution_chart(frame, labels: dict, as_of: dt.date, data_as_of: dt.date | None, *,
                                    fig_id: str = "attribution-chart") -> Figure:
    """Satellites in orbit per filing (one line per column of ``frame``: date x filing key, plus
    'unattributed' and 'in_orbit'), solid up to the data date and dashed, labelled "carried forward", after it.
    ``labels``: column -> legend label."""
    fig = new_figure()
    colours = colour_map(labels.values())
    x = [d.date().isoformat() for d in frame.index]
    for column in frame.columns:
        label = labels.get(column, str(column))
        y = [int(v) for v in frame[column]]
        kx, ky, cx, cy = _split_at(x, y, data_as_of)
        width = 3 if column == "in_orbit" else 2
        fig.add_trace(dict(type="scatter", x=kx, y=ky, name=label, mode="lines", legendgroup=label,
                           line={"color": colours[label], "width": width, "shape": "hv"},
                           hovertemplate=f"{label}<br>%{{x|%-d %b %Y}}: %{{y:,}}<extra></extra>"))
        if cx:
            fig.add_trace(dict(type="scatter", x=cx, y=cy, name=f"{label} ({CARRIED_FORWARD})", mode="lines",
                               legendgroup=label, showlegend=False,
                               line={"color": colours[label], "width": width, "shape": "hv", "dash": "dash"},
                               hovertemplate=f"{label}, {CARRIED_FORWARD}<br>%{{x|%-d %b %Y}}: %{{y:,}}"
                               "<extra></extra>"))
    if data_as_of is not None and data_as_of < as_of:
        fig.add_vline(x=data_as_of.isoformat(), line={"color": "#5a6573", "dash": "dot", "width": 1})
        fig.add_annotation(x=data_as_of.isoformat(), y=1, yref="paper", text=f"data date; {CARRIED_FORWARD} after",
                           showarrow=False, xanchor="left", yanchor="top", font={"size": 11, "color": "#5a6573"})
    fig.update_yaxes(title_text="satellites in orbit", rangemode="tozero", separatethousands=True)
    fig.update_xaxes(type="date")
    last = ", ".join(f"{labels.get(c, c)} {int(frame[c].iloc[-1]):,}" for c in frame.columns) if len(frame) else ""
    carried = f"; counts after {data_as_of:%-d %b %Y} are carried forward" if data_as_of and data_as_of < as_of else ""
    alt = f"Satellites in orbit per filing to {as_of:%-d %b %Y}: {last or 'none'}{carried}."
    return _finish(fig, fig_id, "Satellites in orbit per filing (the attribution)", alt, 420)
