"""Template helpers: embed a plotly figure as a JSON data block (no inline script), and small formatters."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from compliance.rules import codes

register = template.Library()

_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag
def figure(fig):
    """A chart: title, the plot area, the figure's JSON and its text alternative.

    ``fig`` is a dashboard.figures.Figure. static/js/figures.js finds every
    ``<script type="application/json" data-figure>`` block and draws it into the div named by
    ``data-target``; the script is data, not code, so a CSP without 'unsafe-inline' allows it.
    """
    if not fig:  # None, or a lazy value (dashboard.views._cached_page_context) that holds None
        return ""
    payload = mark_safe(fig.json.translate(_JSON_ESCAPES))
    return format_html(
        '<figure class="chart" id="{id}-figure" aria-labelledby="{id}-title">'
        '<figcaption><h3 class="chart-title" id="{id}-title">{title}</h3></figcaption>'
        '<div class="plot" id="{id}" data-figure-target{click} role="img" aria-label="{title}" '
        'aria-describedby="{id}-alt" style="min-height:{height}px"></div>'
        '<script type="application/json" data-figure data-target="{id}">{payload}</script>'
        '<p class="chart-alt" id="{id}-alt">{alt}</p>'
        "</figure>",
        id=fig.id, title=fig.title, click=mark_safe(' data-click-links="1"') if fig.clickable else "",
        payload=payload, alt=fig.alt, height=fig.height,
    )


@register.filter
def pct(value, digits=1):
    if value is None or value == "":
        return "—"
    return f"{float(value) * 100:.{int(digits)}f}\u00a0%"


@register.filter
def num(value, digits=0):
    """A number with thousands separators, or a dash."""
    if value is None or value == "":
        return "—"
    return f"{float(value):,.{int(digits)}f}"


@register.filter
def sig(value):
    """Four significant figures (1.41e+12 stays readable as 1.41e+12, 0.7 as 0.7)."""
    if value is None or value == "":
        return "—"
    return f"{float(value):,.4g}"


@register.filter
def status_label(value):
    return (value or "").replace("_", " ")


@register.simple_tag(takes_context=True)
def query(context, **changes):
    """The current query string with some parameters replaced (None or '' removes them)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.filter
def fact_labels(facts) -> str:
    """Missing facts as a reader names them ("grant date", not "grant_date")."""
    return ", ".join(codes.fact_label(f) for f in facts or ())


@register.filter
def flops(pflops):
    """Sustained PFLOP/s with an SI prefix: "155 ZFLOP/s", never "155,026,841.7 PFLOP/s"."""
    from dashboard.compute_race import si_flops  # the template library loads before the apps' modules

    return si_flops(pflops if pflops not in ("", None) else None)
