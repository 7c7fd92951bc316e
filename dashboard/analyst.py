"""The analyst's pages: the deadline timeline, a page per administration and per operator, and the comparison of
filings side by side. Thin views: rows through the models' querysets and the app-level filtersets, milestone
numbers from the stored Milestone rows (what the API lists) or, for another as-of date, the rules evaluated on
the fly (dashboard.data.all_results), figures from dashboard.figures."""

from __future__ import annotations

from urllib.parse import urlencode

from django import forms
from django.db.models import Count, Sum
from django.shortcuts import get_object_or_404, render
from django.utils.datastructures import MultiValueDict

from compliance.filtersets import MilestoneFilterSet
from compliance.models import Milestone
from compliance.rules import codes
from compliance.rules.codes import OPEN_STATUSES
from constellations.deployment import deployment_by_filing
from dashboard import data, figures, timeline
from filings.models import Administration, Filing, Operator

MILESTONES_PATH = "/api/v1/milestones/"
FILINGS_PATH = "/api/v1/filings/"
COMPARE_MAX = 8  # filings side by side: past this the columns no longer fit a laptop's width


def _as_of(request):
    as_of, error = data.parse_as_of(request.GET.get("as_of"))
    return as_of, error, as_of == data.today()


# -- the deadline timeline -----------------------------------------------------------------------------------


class TimelineFilterForm(forms.Form):
    """The timeline's filters, named as MilestoneFilterSet (and so the API's milestone list) names them."""

    administration = forms.ChoiceField(required=False, label="Administration")
    operator = forms.ChoiceField(required=False, label="Operator")
    regime = forms.ChoiceField(required=False, label="Regime",
                               choices=[("", "All regimes"), *codes.choices(codes.REGIME_LABELS)])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["administration"].choices = [("", "All administrations"), *(
            (a.iso_code, a.name) for a in Administration.objects.order_by("name"))]
        self.fields["operator"].choices = [("", "All operators"), *(
            (o.key, o.short_name) for o in Operator.objects.order_by("short_name"))]
        for field in self.fields.values():
            field.widget.attrs["data-autosubmit"] = "1"


def _open_rows(as_of, filters: dict):
    """Open milestones of live filings as of ``as_of``, with their filings: stored rows (through
    MilestoneFilterSet, as the API filters them) for today, else every filing evaluated on the fly."""
    results = data.all_results(as_of)
    live = Filing.objects.live()
    if results.stored:
        queryset = Milestone.objects.filter(status__in=OPEN_STATUSES, due_date__isnull=False, filing__in=live)
        chosen = MultiValueDict({k: [v] for k, v in filters.items() if v})  # the filterset's fields take lists
        queryset = MilestoneFilterSet(chosen, queryset=queryset).qs
        return list(queryset.select_related("filing__administration", "filing__operator")), results
    live_ids = set(live.values_list("pk", flat=True))
    rows = [r for r in results.items if r.status in OPEN_STATUSES and r.due_date and r.filing.pk in live_ids]
    if filters.get("administration"):
        rows = [r for r in rows if r.filing.administration.iso_code == filters["administration"]]
    if filters.get("operator"):
        rows = [r for r in rows if r.filing.operator_id and r.filing.operator.key == filters["operator"]]
    if filters.get("regime"):
        rows = [r for r in rows if r.regime == filters["regime"]]
    return rows, results


def timeline_page(request):
    as_of, as_of_error, is_today = _as_of(request)
    form = TimelineFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    rows, results = _open_rows(as_of, filters)
    gantt = timeline.gantt_rows(rows, as_of)
    api = [*(("status", s) for s in OPEN_STATUSES), *((k, v) for k, v in filters.items() if v)]
    context = {
        "as_of": as_of, "as_of_error": as_of_error, "is_today": is_today, "form": form, "rows": gantt,
        "filings": len({r["filing"].pk for r in gantt}), "stored": results.stored,
        "chart": figures.deadline_gantt(gantt, as_of) if gantt else None,
        "export": f"{MILESTONES_PATH}?" + urlencode([*api, ("format", "csv")]) if results.stored else None,
    }
    return render(request, "dashboard/timeline.html", context)


# -- administrations and operators ------------------------------------------------------------------------------


def _filings_with_deployment(queryset, as_of):
    """The filings (next deadline annotated) with each one's in-orbit count and its date, as the rules see it."""
    filings = list(queryset.select_related("administration", "operator", "constellation")
                   .with_next_deadline("title", "status").order_by("name"))
    series = deployment_by_filing(filings) if filings else {}
    for filing in filings:
        reading = series[filing.pk].reading_at(as_of) if filing.pk in series else None
        filing.in_orbit = reading.count if reading else None
        filing.in_orbit_on = reading.on if reading else None
    return filings


def _party_context(request, filings_queryset, filter_key: str, filter_value: str, kind: str):
    as_of, as_of_error, is_today = _as_of(request)
    filings = _filings_with_deployment(filings_queryset, as_of)
    live_ids = set(filings_queryset.live().values_list("pk", flat=True))
    live = [f for f in filings if f.pk in live_ids]
    rows, _ = _open_rows(as_of, {filter_key: filter_value})
    gantt = timeline.gantt_rows(rows, as_of)
    totals = filings_queryset.aggregate(filed=Sum("satellites_filed"), authorised=Sum("satellites_authorised"),
                                        n=Count("pk"))
    in_orbit_by_constellation = {}
    for f in live:
        if f.constellation_id and f.in_orbit is not None:
            current = in_orbit_by_constellation.get(f.constellation.key)
            # Filings of one constellation share its satellites: count the constellation once, at its largest.
            if current is None or f.in_orbit > current["in_orbit"]:
                in_orbit_by_constellation[f.constellation.key] = {
                    "constellation": f.constellation, "in_orbit": f.in_orbit, "on": f.in_orbit_on}
    compare_keys = [f.key for f in live][:COMPARE_MAX]
    return {
        "as_of": as_of, "as_of_error": as_of_error, "is_today": is_today, "filings": filings, "live": live,
        "deadlines": gantt, "totals": totals, "deployment": sorted(in_orbit_by_constellation.values(),
                                                                  key=lambda r: -r["in_orbit"]),
        "chart": figures.deadline_gantt(gantt, as_of, fig_id=f"{kind}-timeline") if gantt else None,
        "compare_url": "/compare/?" + urlencode({"filings": ",".join(compare_keys)}) if len(compare_keys) > 1 else None,
        "timeline_url": "/timeline/?" + urlencode({filter_key: filter_value}),
        "export": {"filings": f"{FILINGS_PATH}?" + urlencode({filter_key: filter_value, "format": "csv"}),
                   "milestones": f"{MILESTONES_PATH}?" + urlencode({filter_key: filter_value, "format": "csv"})},
    }


def administration_page(request, code):
    administration = get_object_or_404(Administration, iso_code=code.upper())
    queryset = Filing.objects.filter(administration=administration)
    context = _party_context(request, queryset, "administration", administration.iso_code, "administration")
    operators = Operator.objects.filter(filings__administration=administration).distinct().order_by("short_name")
    return render(request, "dashboard/party.html", {
        **context, "party": administration, "kind": "administration", "title": administration.name,
        "operators": operators,
    })


def operator_page(request, key):
    lookup = {"pk": int(key)} if key.isdigit() else {"key": key}
    operator = get_object_or_404(Operator.objects.select_related("administration"), **lookup)
    queryset = Filing.objects.filter(operator=operator)
    context = _party_context(request, queryset, "operator", operator.key, "operator")
    return render(request, "dashboard/party.html", {
        **context, "party": operator, "kind": "operator", "title": operator.name, "operators": (),
    })


# -- compare -------------------------------------------------------------------------------------------------------


def compare_keys(raw: str) -> list[str]:
    """Filing keys from ``?filings=a,b,c``, in the order given, each once."""
    seen = []
    for part in (raw or "").split(","):
        key = part.strip()
        if key and key not in seen:
            seen.append(key)
    return seen


def compare(request):
    as_of, as_of_error, is_today = _as_of(request)
    keys = compare_keys(request.GET.get("filings", ""))[:COMPARE_MAX]
    queryset = (Filing.objects.filter(key__in=keys).select_related("administration", "operator", "score")
                .prefetch_related("shells"))
    found = {f.key: f for f in _filings_with_deployment(queryset, as_of)}
    missing = [k for k in keys if k not in found]
    filings = [found[k] for k in keys if k in found]
    results = data.all_results(as_of)
    if results.stored:
        milestones = Milestone.objects.filter(filing__in=[f.pk for f in filings]).exclude(status="not_applicable")
        by_filing = {}
        for m in milestones.select_related("filing").order_by("due_date", "code"):
            by_filing.setdefault(m.filing_id, []).append(m)
    else:
        by_filing = {}
        for r in results.items:
            if r.filing.pk in {f.pk for f in filings} and r.status != "not_applicable":
                by_filing.setdefault(r.filing.pk, []).append(r)
    for f in filings:
        f.compared_milestones = timeline.order_rows(by_filing.get(f.pk, []))
        f.compared_score = data.score_of(f)
    choices = Filing.objects.live().order_by("name").values_list("key", "name")
    if len(filings) < 2 and request.GET.get("filings") is not None and not missing:
        missing_note = "Choose two or more filings."
    else:
        missing_note = ""
    return render(request, "dashboard/compare.html", {
        "as_of": as_of, "as_of_error": as_of_error, "is_today": is_today, "filings": filings, "missing": missing,
        "note": missing_note, "choices": choices, "keys": keys,
    })
