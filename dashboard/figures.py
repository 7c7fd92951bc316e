"""plotly figures, built in Python and handed to the page as JSON (drawn by static/js/figures.js).

Every builder returns a ``Figure``: the plotly JSON plus a title and a text alternative for readers
who cannot see the chart. Builders take plain values (lists, dicts, DataFrames), never querysets.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

import plotly.graph_objects as go
from plotly.io.json import to_json_plotly

from compliance.rules.calendar import add_years
from compliance.rules.risk import HORIZON_YEARS

# Okabe-Ito, then Tol's muted palette: distinguishable with the common colour-vision deficiencies.
PALETTE = [
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#882255",
    "#117733", "#999933", "#332288", "#AA4499", "#44AA99", "#88CCEE", "#DDCC77", "#661100",
]
STATUS_COLOURS = {
    "met": "#117733", "missed": "#B2182B", "due_soon": "#E69F00", "upcoming": "#0072B2",
    "waived": "#777777", "not_applicable": "#BBBBBB", "not_computable": "#999999",
}
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
    return {label: PALETTE[i % len(PALETTE)] for i, label in enumerate(sorted(set(labels), key=str))}


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


def _finish(fig: go.Figure, fig_id: str, title: str, alt: str, height: int, clickable=False) -> Figure:
    spec = fig.to_plotly_json()
    spec["layout"] = _merged(spec.get("layout", {}), {**_house_layout(), "height": height})
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
               targets=(), until: dt.date | None = None, log: bool = False) -> Figure:
    """Satellites in orbit over time, one line per column of ``frame`` (date × key).

    targets: (key, label, [(due_date, required, status), ...]) drawn as dashed steps in the key's colour.
    """
    fig = new_figure()
    colours = colour_map(labels.values())
    x = [d.date().isoformat() for d in frame.index]
    lines = []
    for key in frame.columns:
        values = frame[key]
        if values.isna().all():
            continue
        label = labels.get(key, key)
        last = values.dropna()
        lines.append(f"{label}: {int(last.iloc[-1]):,} on {last.index[-1].date():%-d %b %Y}")
        fig.add_trace(dict(type="scatter", 
            x=x, y=[None if v != v else int(v) for v in values], name=label, mode="lines+markers",
            line={"color": colours[label], "width": 3, "shape": "hv"}, marker={"size": 5},
            legendgroup=label, connectgaps=False,
            hovertemplate=f"{label}<br>%{{x|%-d %b %Y}}: %{{y:,}} in orbit<extra></extra>",
        ))
    # One dashed trace per group, each filing's steps separated by a gap: a registry with hundreds of filings
    # then draws a few dozen traces, not one per filing (plotly's cost, and the legend's, grow with traces).
    steps_by_group = {}
    shown_targets = 0
    for key, label, steps in targets:
        steps = sorted((s for s in steps if s[0] and s[1] and (until is None or s[0] <= until)), key=lambda s: s[0])
        if not steps:
            continue
        shown_targets += 1
        xs, ys, text = steps_by_group.setdefault(labels.get(key, key), ([], [], []))
        if xs:
            xs.append(None), ys.append(None), text.append(None)
        for due, required, status in steps:
            xs.append(_iso(due))
            ys.append(required)
            text.append(f"{label} ({status.replace('_', ' ')})")
    for group_label, (xs, ys, text) in steps_by_group.items():
        colour = colours.get(group_label, "#555")
        fig.add_trace(dict(type="scatter",
            x=xs, y=ys, name=f"{group_label} milestone targets", mode="lines+markers", connectgaps=False,
            line={"color": colour, "width": 1.5, "dash": "dash", "shape": "hv"},
            marker={"size": 9, "symbol": "diamond-open", "color": colour},
            legendgroup=f"{group_label}-t", text=text,
            hovertemplate="%{text}<br>%{y:,} required by %{x|%-d %b %Y}<extra></extra>",
        ))
    if until is not None:
        fig.update_xaxes(range=[x[0] if x else None, _iso(until)])
    fig.add_vline(x=as_of.isoformat(), line={"color": "#5a6573", "dash": "dot", "width": 1})
    fig.add_annotation(x=as_of.isoformat(), y=1, yref="paper", text=f"as of {as_of:%-d %b %Y}",
                       showarrow=False, xanchor="left", yanchor="top", font={"size": 11, "color": "#5a6573"})
    if log:
        fig.update_yaxes(title_text="satellites (log scale)", type="log", dtick=1, separatethousands=True)
    else:
        fig.update_yaxes(title_text="satellites in orbit", rangemode="tozero", separatethousands=True)
    fig.update_xaxes(title_text=None, type="date")
    alt = (f"Satellites in orbit by {group}, as of {as_of:%-d %B %Y}. "
           + ("; ".join(lines) + "." if lines else "No deployment counts are recorded yet.")
           + (f" Dashed steps show {shown_targets} filings' milestone targets due by {until:%Y}." if shown_targets else ""))
    return _finish(fig, fig_id, title, alt, 440)


# -- filing detail ---------------------------------------------------------------------------------------


def _axis_end(results, as_of: dt.date, points=()) -> dt.date:
    """The x-axis ends a little after the data and the milestones (issue 15: a projection to the year 2473 must
    not stretch the axis); a projection past it is drawn to the edge."""
    dates = [as_of, *(r.due_date for r in results if r.due_date), *(d for d, _ in points)]
    return max(dates) + dt.timedelta(days=365)


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
    fig.add_vline(x=as_of.isoformat(), line={"color": "#1b2430", "dash": "dot", "width": 1})
    fig.update_xaxes(type="date", range=[origin.isoformat(), _axis_end(rows, as_of).isoformat()])
    fig.update_yaxes(autorange="reversed", automargin=True)
    fig.update_layout(barmode="overlay", bargap=0.35)
    height = max(220, 70 + 42 * len({r.title for r in rows}))
    alt = "; ".join(f"{r.title}: due {r.due_date:%-d %b %Y}, {r.status.replace('_', ' ')}" for r in rows)
    return _finish(fig, fig_id, "Milestone timeline", (alt or "No dated milestone.") + ".", height)


def deployment_chart(points, results, as_of: dt.date, *, what_if=None, data_as_of: dt.date | None = None,
                     fig_id="deployment-chart") -> Figure:
    """Deployed satellites (step line) against each milestone's requirement, with the projection.

    points: [(date, count)]; what_if: optional [(date, count)] for the cadence the reader typed in.
    data_as_of: the date catalog counts are known to; past it (up to as_of) the count is drawn dashed and
    labelled "carried forward".
    """
    fig = new_figure()
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
    for r in results:
        if not (r.due_date and r.required):
            continue
        colour = STATUS_COLOURS.get(r.status, "#888")
        fig.add_trace(dict(type="scatter", 
            x=[r.due_date.isoformat()], y=[r.required], mode="markers+text", name=r.title, showlegend=False,
            marker={"symbol": "line-ew-open", "size": 26, "line": {"width": 3, "color": colour}},
            text=[r.title.split(" (")[0]], textposition="top left", textfont={"size": 11, "color": colour},
            hovertemplate=f"{r.title}<br>%{{y:,}} required by %{{x|%-d %b %Y}}<br>{r.status.replace('_', ' ')}<extra></extra>",
        ))
        if _shown_projection(r, as_of) and r.deployed is not None and r.projected_date > as_of:
            fig.add_trace(dict(type="scatter", 
                x=[as_of.isoformat(), r.projected_date.isoformat()], y=[r.deployed, r.required], mode="lines",
                line={"dash": "dot", "color": "#5a6573"}, showlegend=False, name=f"projection to {r.title}",
                hovertemplate="projection at the current rate: %{y:,} on %{x|%-d %b %Y}<extra></extra>",
            ))
    if what_if:
        fig.add_trace(dict(type="scatter", 
            x=[_iso(d) for d, _ in what_if], y=[c for _, c in what_if], name="your cadence (what-if)",
            mode="lines", line={"color": "#D55E00", "width": 2, "dash": "dash"},
            hovertemplate="what-if %{x|%-d %b %Y}: %{y:,}<extra></extra>",
        ))
    fig.add_vline(x=as_of.isoformat(), line={"color": "#1b2430", "dash": "dot", "width": 1})
    fig.update_yaxes(title_text="satellites", rangemode="tozero", separatethousands=True)
    starts = [d for d, _ in points] + [d for d, _ in (what_if or [])[:1]]
    fig.update_xaxes(type="date", range=[_iso(min(starts)) if starts else None,
                                         _axis_end(results, as_of, points).isoformat()])
    last = f"{points[-1][1]:,} in orbit on {points[-1][0]:%-d %b %Y}" if points else "no deployment count recorded"
    needs = "; ".join(
        f"{r.title}: {r.required:,} by {r.due_date:%-d %b %Y}" for r in results if r.due_date and r.required
    )
    if points and data_as_of is not None and as_of > data_as_of:
        last += f" (data date {data_as_of:%-d %b %Y}; {CARRIED_FORWARD} to {as_of:%-d %b %Y})"
    alt = f"Deployment: {last}. Requirements: {needs or 'none dated'}."
    return _finish(fig, fig_id, "Deployment against each milestone", alt, 420)


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
    return _finish(fig, fig_id, "Sunlit fraction by shell", alt + ".", 320)


# -- shells map ------------------------------------------------------------------------------------------


def shells_map(points, colour_by: str, bands, fig_id="shells-map") -> Figure:
    """points: [{"altitude", "inclination", "satellites", "filing", "url", "operator", "administration", "label"}]
    bands: [{"low", "high", "ratio", "filings"}] contended altitude bands, shaded."""
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
    groups = {}
    for p in points:
        groups.setdefault(p[colour_by] or "unknown", []).append(p)
    colours = colour_map(groups)
    biggest = max((p["satellites"] for p in points), default=1)
    for name in sorted(groups, key=str):
        items = groups[name]
        fig.add_trace(dict(type="scatter", 
            x=[p["inclination"] for p in items], y=[p["altitude"] for p in items], mode="markers", name=name,
            marker={"size": [p["satellites"] for p in items], "sizemode": "area", "sizemin": 5,
                    "sizeref": 2.0 * biggest / 60**2, "color": colours[name], "opacity": 0.75,
                    "line": {"width": 1, "color": "#ffffff"}},
            customdata=[[p["url"], p["filing"], p["satellites"], p["label"]] for p in items],
            hovertemplate="%{customdata[1]}<br>%{customdata[3]}<br>%{customdata[2]:,} satellites"
                          "<br>click to open the filing<extra>" + str(name) + "</extra>",
        ))
    fig.update_xaxes(title_text="inclination (°)", range=[0, 180] if any(p["inclination"] > 100 for p in points) else None)
    fig.update_yaxes(title_text="altitude (km)")
    fig.update_layout(hovermode="closest")
    alt = (f"{len(points)} filed shells plotted by altitude against inclination, bubble area by satellites, "
           f"coloured by {colour_by}. " + (f"{len(bands)} contended altitude bands are shaded: "
           + ", ".join(f"{b['low']:g}–{b['high']:g} km" for b in bands) + "." if bands else "No contended band."))
    return _finish(fig, fig_id, "Filed shells: altitude against inclination", alt, 560, clickable=True)


# -- compute race ----------------------------------------------------------------------------------------


def compute_race(rows, profiles, *, key: str, fig_id: str, title: str) -> Figure:
    """rows: [{key: label, "<profile>": pflops}], horizontal grouped bars on a log axis."""
    rows = sorted(rows, key=lambda r: max(r[p] or 0 for p in profiles))
    fig = new_figure()
    for i, profile in enumerate(profiles):
        fig.add_trace(dict(type="bar", 
            y=[r[key] for r in rows], x=[r[profile] for r in rows], orientation="h",
            name=profile.replace("_", " "), marker={"color": PALETTE[i]},
            hovertemplate="%{y}<br>%{x:,.1f} PFLOP/s sustained<extra>" + profile.replace("_", " ") + "</extra>",
        ))
    fig.update_xaxes(type="log", dtick=1, title_text="sustained PFLOP/s (log scale)")
    fig.update_yaxes(automargin=True)
    fig.update_layout(barmode="group")
    height = max(260, 90 + 34 * len(rows))
    top = sorted(rows, key=lambda r: -(r[profiles[0]] or 0))[:5]
    alt = f"Compute yield by {key} under the {', '.join(p.replace('_', ' ') for p in profiles)} profiles. Largest: " + "; ".join(
        f"{r[key]}: " + ", ".join(f"{(r[p] or 0):,.0f} PFLOP/s ({p.replace('_', ' ')})" for p in profiles) for r in top
    ) + "."
    return _finish(fig, fig_id, title, alt, height)


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
