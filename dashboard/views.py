"""The regulatory dashboard: overview, filings table, filing detail (with what-if), shells map, compute race."""

from __future__ import annotations

import datetime as dt
import functools
from collections import defaultdict
from urllib.parse import urlencode

from dateutil.relativedelta import relativedelta
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Count, F, Sum
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404, render
from django.utils.functional import SimpleLazyObject

from changelog import versions
from compliance.evaluation import (
    deployment_for_rules,
    evaluate_hypothetical,
    facts_for,
    filings_for_evaluation,
    hypothetical_grant_error,
)
from compliance.risk import risk_context, risk_fields
from compliance.rules import DeploymentSeries, evaluate
from compliance.rules.codes import OPEN_STATUSES
from compliance.scoring import plan_for
from constellations.deployment import constellation_series, deployment_by_filing, deployment_fingerprint
from constellations.models import Constellation
from dashboard import analysis, data, figures
from dashboard import constellation as constellation_page
from dashboard import race as race_table
from dashboard import compute_race as race
from dashboard.forms import DEFAULT_ORDERING, ORDERINGS, FilingFilterForm, WhatIfForm
from dashboard.notices import declared_by_row
from filings.filtersets import search_filings
from filings.models import Filing

PAGE_SIZE = 25
RACE_YEARS = 5
TARGET_YEARS = 4  # milestone targets drawn on the race chart: those due by the end of as_of's year + this
EXPORT_PATH = "/api/v1/filings/"
MILESTONES_PATH = "/api/v1/milestones/"
# Bars in the compute race chart: past a few dozen a bar chart is no longer read; the table lists every filing.
CHART_BARS = 30
# Upper bound on how long a cached page body lives; a registry change retires it at once anyway.
PAGE_CACHE_SECONDS = 24 * 3600


def _as_of(request):
    as_of, error = data.parse_as_of(request.GET.get("as_of"))
    return as_of, error, as_of == data.today()


# -- overview -------------------------------------------------------------------------------------------


def overview(request):
    as_of, as_of_error, is_today = _as_of(request)
    filings = Filing.objects.as_of(as_of)  # the registry as it stood on the date
    results = data.all_results(as_of)
    standings = race_table.race(as_of, results)
    totals = standings["totals"]
    deadlines = results.next_deadlines()
    risk = results.at_risk()
    for row in risk.rows:
        row.late = data.late_projection(row)
    race = _race(as_of, results)
    by_admin = list(
        filings.values("administration__name", "administration__iso_code")
        .annotate(n=Count("pk"), filed=Sum("satellites_filed"), authorised=Sum("satellites_authorised"))
        .order_by(Coalesce("filed", 0).desc(), "administration__name")
    )
    for row in by_admin:
        row["in_orbit"] = race["in_orbit_by_admin"].get(row["administration__name"])

    recent = filings.select_related("administration", "operator").order_by("-updated_at", "name")[:8]
    context = {
        "as_of": as_of, "as_of_error": as_of_error, "is_today": is_today, "totals": totals,
        "in_orbit_total": race["in_orbit_total"], "by_admin": by_admin, "results": results,
        "deadlines": deadlines, "at_risk": risk, "race": race["by_constellation"], "race_admin": race["by_admin"],
        "recent": recent, "changes": data.changes(limit=10), "lists": _full_lists(as_of) if results.stored else None,
        "standings": standings, "data_date": standings["data_date"],
    }
    return render(request, "dashboard/overview.html", context)


def _full_lists(as_of: dt.date) -> dict:
    """API links to every row of the overview's capped tables (stored results only: the API's milestone list
    reads the stored rows)."""
    end = as_of + dt.timedelta(days=data.DEADLINE_DAYS)
    deadlines = urlencode([*(("status", status) for status in OPEN_STATUSES), ("due_date_after", as_of.isoformat()),
                           ("due_date_before", end.isoformat())])
    return {"deadlines": f"{MILESTONES_PATH}?{deadlines}", "at_risk": f"{MILESTONES_PATH}?at_risk=true"}


def _race(as_of: dt.date, results) -> dict:
    """The race charts and in-orbit totals, cached until the data behind them changes (building the
    series and the plotly figures is most of the overview's cost)."""
    key = f"overview-race:{deployment_fingerprint(with_results=True)}:{as_of.isoformat()}"
    race = cache.get(key)
    if race is None:
        race = _build_race(as_of, results)
        cache.set(key, race, timeout=24 * 3600)
    return race


def _build_race(as_of: dt.date, results) -> dict:
    constellations = {c["key"]: c for c in Constellation.objects.values("key", "name", "administration__name")}
    start = dt.date(as_of.year - RACE_YEARS, 1, 1)
    frame = constellation_series(start, as_of, "MS")
    latest = frame.iloc[-1].fillna(0) if len(frame) else {}
    in_orbit_total = int(sum(latest.values)) if len(frame) else 0
    names = {key: constellations.get(key, {}).get("name", key) for key in frame.columns}
    admin_of = {key: constellations.get(key, {}).get("administration__name") or "unknown" for key in frame.columns}
    by_admin_frame = frame.T.groupby(admin_of).sum(min_count=1).T if len(frame.columns) else frame
    in_orbit_by_admin = {name: int(v) for name, v in (by_admin_frame.iloc[-1].fillna(0).items() if len(frame) else [])}

    targets = defaultdict(list)
    for key, filing_name, due_date, required, status in results.targets():
        if key in frame.columns:
            targets[(key, filing_name)].append((due_date, required, status))
    target_rows = [(key, name, steps) for (key, name), steps in sorted(targets.items())]
    race = figures.race_chart(frame, names, as_of, fig_id="race-constellation", group="constellation",
                              title="Satellites in orbit by constellation, with milestone targets",
                              targets=target_rows, own=_own_satellites(frame, target_rows),
                              until=dt.date(as_of.year + TARGET_YEARS, 12, 31), log=True)
    race_admin = figures.race_chart(by_admin_frame, {k: k for k in by_admin_frame.columns}, as_of,
                                    fig_id="race-administration", group="administration",
                                    title="Satellites in orbit by administration", log=True)
    return {"by_constellation": race, "by_admin": race_admin, "in_orbit_total": in_orbit_total,
            "in_orbit_by_admin": in_orbit_by_admin}


def _own_satellites(frame, target_rows) -> list:
    """(constellation key, filing name, [(date, count)]) for each targeted filing of a constellation that holds
    several authorisations: the series its rules read (its share of the constellation's attribution; for a
    system granted in stages, the sum over its grants) on the chart's dates, so its target is drawn beside the
    satellites that count for it (Starlink Gen1's, not all of Starlink's)."""
    targeted = defaultdict(set)
    for key, name, _ in target_rows:
        targeted[key].add(name)
    several = {key for key, n in Constellation.objects.filter(key__in=targeted, filings__in=Filing.objects.live())
               .annotate(n=Count("filings")).values_list("key", "n") if n > 1}
    filings = (filings_for_evaluation().filter(constellation__key__in=several)
               .filter(name__in={name for key in several for name in targeted[key]}).order_by("name"))
    lines = []
    for filing in filings:
        series = deployment_for_rules(filing, facts_for(filing))
        if series.source != "catalog":
            continue
        counts = [(d.date(), series.count_at(d.date())) for d in frame.index]
        lines.append((filing.constellation.key, filing.name, [(d, n) for d, n in counts if n is not None]))
    return lines


# -- filings table ---------------------------------------------------------------------------------------


def filtered_filings(form: FilingFilterForm):
    queryset = Filing.objects.select_related("administration", "operator").with_next_deadline("title", "status")
    values = form.cleaned_data if form.is_valid() else {}
    q = (values.get("q") or "").strip()
    if q:
        queryset = search_filings(queryset, q)  # as the API reads ?q=, so the export links list the same rows
    for field, lookup in (("administration", "administration__iso_code"), ("operator", "operator__key"),
                          ("regulator", "regulator"), ("status", "status")):
        if values.get(field):
            queryset = queryset.filter(**{lookup: values[field]})
    res35 = values.get("res35_applies")
    if res35 == "unknown":
        queryset = queryset.filter(res35_applies__isnull=True)
    elif res35 in ("true", "false"):
        queryset = queryset.filter(res35_applies=res35 == "true")
    if values.get("deadline_within"):
        now = data.today()
        queryset = queryset.next_deadline_between(now, now + dt.timedelta(days=int(values["deadline_within"])))
    ordering = values.get("ordering") or DEFAULT_ORDERING
    fields = ORDERINGS[ordering.lstrip("-")]
    descending = ordering.startswith("-")
    order = [(f"-{f}" if descending and i == 0 else f) for i, f in enumerate(fields)]
    expression = F(order[0].lstrip("-"))
    order[0] = expression.desc(nulls_last=True) if descending else expression.asc(nulls_last=True)
    return queryset.order_by(*order, "pk"), ordering


def filing_list(request):
    form = FilingFilterForm(request.GET or None)
    if not form.is_bound:
        form = FilingFilterForm({})
    queryset, ordering = filtered_filings(form)
    totals = queryset.aggregate(filings=Count("pk"), satellites_filed=Sum("satellites_filed"),
                                satellites_authorised=Sum("satellites_authorised"))
    paginator = Paginator(queryset, PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    params = {k: v for k, v in request.GET.items() if k not in ("page",) and v}
    columns = [("name", "Filing"), ("regulator", "Regulator"), ("administration", "Administration"),
               ("operator", "Operator"), ("satellites_filed", "Satellites filed"),
               ("satellites_authorised", "Authorised"), ("date_of_receipt", "Date of receipt"),
               ("status", "Status"), ("next_deadline", "Next deadline")]
    headers = []
    for key, label in columns:
        current = ordering.lstrip("-") == key
        descending = ordering.startswith("-")
        target = f"-{key}" if current and not descending else key
        if not current and key in ("satellites_filed", "satellites_authorised"):
            target = f"-{key}"
        headers.append({
            "key": key, "label": label, "url": "?" + urlencode({**params, "ordering": target}),
            "sort": ("descending" if descending else "ascending") if current else None,
            "numeric": key.startswith("satellites"),
        })
    # The page's ordering goes along, so the file lists the rows in the page's order.
    export = {fmt: f"{EXPORT_PATH}?" + urlencode({**params, "ordering": ordering, "format": fmt})
              for fmt in ("csv", "xlsx")}
    context = {
        "form": form, "page": page, "filings": page.object_list, "totals": totals, "headers": headers,
        "ordering": ordering, "query": form.cleaned_data.get("q", "") if form.is_valid() else "",
        "export": export, "params": urlencode(params), "today": data.today(),
    }
    return render(request, "dashboard/filing_list.html", context)


# -- filing detail ---------------------------------------------------------------------------------------


def _cadence_series(points, start: dt.date, per_month: float, until: dt.date, cap: int | None,
                    origin: dt.date | None = None) -> list:
    """Observed points before ``start``, then a straight line at ``per_month`` from the count at ``start``.

    Where no count is recorded before ``start``, the filing is taken to have had none in orbit from
    ``origin`` (its date of receipt or grant), so milestones due before ``start`` read as missed rather
    than not computable; the page says so.
    """
    before = [(d, c) for d, c in points if d < start]
    if not before and origin and origin < start:
        before = [(origin, 0)]
    base = before[-1][1] if before else 0
    line, month, day = [], 0, start
    while day <= until and month <= 12 * 40:
        count = int(round(base + per_month * month))
        line.append((day, min(count, cap) if cap else count))
        month += 1
        day = start + relativedelta(months=month)
    return before + line


def _what_if(filing, facts, points, results, as_of, form, observed_rate):
    dated = [r for r in results if r.due_date and r.required]
    if not dated:
        return None
    horizon = max(r.due_date for r in dated) + dt.timedelta(days=31)
    cap = filing.satellites_counted
    rate, start = form.cleaned_data["rate"], form.cleaned_data["start"]
    origin = filing.date_of_receipt or filing.grant_date
    cadence = _cadence_series(points, start, rate, horizon, cap, origin)
    chosen = evaluate(facts, DeploymentSeries.from_counts(cadence, source="what-if"), horizon,
                      warning_days=data.warning_days())
    observed = None
    if observed_rate is not None:
        observed_points = _cadence_series(points, as_of, max(observed_rate, 0.0), horizon, cap, origin)
        observed = evaluate(facts, DeploymentSeries.from_counts(observed_points, source="observed"), horizon,
                            warning_days=data.warning_days())
    by_code = {r.code: r for r in chosen}
    seen = {r.code: r for r in observed} if observed else {}
    rows = []
    for r in dated:
        mine = by_code.get(r.code)
        rows.append({"result": r, "what_if": mine, "observed": seen.get(r.code)})
    return {"rows": rows, "series": cadence, "rate": rate, "start": start, "horizon": horizon,
            "assumed_zero": not any(d < start for d, _ in points) and bool(origin and origin < start), "origin": origin}


def filing_detail(request, pk):
    filing = get_object_or_404(
        Filing.objects.select_related("administration", "operator", "constellation", "parent").prefetch_related(
            "shells__sources", "sources", "milestone_conditions__sources", "waivers__sources", "modifications",
            "deployment_reports", "administration__sources", "operator__sources", "notices__sources",
        ),
        pk=pk,
    )
    as_of, as_of_error, is_today = _as_of(request)
    facts = facts_for(filing)
    series = deployment_for_rules(filing, facts)  # a system granted in stages is judged on all its grants
    results = evaluate(facts, series, as_of, warning_days=data.warning_days())
    points = [(p.on, p.in_orbit) for p in series.points]
    rate_per_day = series.recent_rate(as_of)
    observed_rate = None if rate_per_day is None else rate_per_day * 365.2425 / 12

    initial = {"rate": round(observed_rate, 1) if observed_rate else 0, "start": as_of}
    whatif_form = WhatIfForm(request.GET if "rate" in request.GET else None, initial=initial)
    what_if = None
    if whatif_form.is_bound and whatif_form.is_valid():
        what_if = _what_if(filing, facts, points, results, as_of, whatif_form, observed_rate)

    shells = list(filing.shells.all())
    score = data.score_of(filing)
    sunlight = analysis.filing_sunlight(filing, analysis.analysis_year(as_of), score)
    suns = analysis.shell_suns(sunlight, shells)
    sunlit_rows = [{"label": s.label, "mean": s.mean, "minimum": s.minimum, "maximum": s.maximum}
                   for s in suns if s.mean is not None]
    shown = [r for r in results if r.status != "not_applicable"]
    declared = declared_by_row(shown, facts.notices, as_of)
    start = filing.date_of_receipt or filing.grant_date
    counts = _filing_counts(filing, as_of, series)
    context = {**counts,
        "filing": filing, "as_of": as_of, "as_of_error": as_of_error, "is_today": is_today,
        "results": shown, "milestone_rows": _milestone_rows(filing, shown, declared, as_of),
        "notices": list(filing.notices.all()), "not_applicable": [r for r in results if r.status == "not_applicable"],
        "series": series, "points": points, "observed_rate": observed_rate,
        "shell_rows": list(zip(shells, suns)), "sunlight": sunlight, "filing_sunlit": sunlight.mean,
        "year": sunlight.period, "score": score, "changes": data.changes(filing),
        "whatif_form": whatif_form, "what_if": what_if, "hypothetical": _hypothetical(request, filing, as_of),
        "timeline": figures.milestone_timeline(shown, start, as_of) if any(r.due_date for r in shown) else None,
        "deployment_chart": figures.deployment_chart(points, shown, as_of,
                                                     data_as_of=counts["counts_dated"]["data_as_of"] if counts else None,
                                                     what_if=what_if["series"] if what_if else None)
        if (points or any(r.required for r in shown)) else None,
        "sunlit_chart": figures.sunlit_by_shell(sunlit_rows) if sunlit_rows else None,
    }
    return render(request, "dashboard/filing_detail.html", context)


def _filing_counts(filing, as_of, series) -> dict:
    """The data date of the page's catalog counts and its constellation's attribution table (the API's)."""
    if series.source != "catalog" or not filing.constellation_id:
        return {}
    extra = constellation_page.attribution_context(filing.constellation, as_of)
    extra.pop("found")
    return {**extra, "counts_dated": extra["attribution"], "highlight": filing.key}
def _milestone_rows(filing, shown, declared, as_of) -> list:
    """(result, declared deployment, risk fields) per milestone: the risk as the milestone API gives it."""
    context = risk_context(as_of)
    return [(r, declared.get(i), risk_fields(filing, r, context)) for i, r in enumerate(shown)]


def _hypothetical(request, filing, as_of):
    """A pending FCC application: the milestones that WOULD apply if granted on the date the user picks (default
    the page's date), labelled hypothetical. None for any other filing."""
    if hypothetical_grant_error(filing):
        return None
    raw = request.GET.get("hypothetical_grant")
    grant_on, error = data.parse_as_of(raw) if raw else (as_of, "")
    when, results = evaluate_hypothetical(filing, grant_on, as_of, warning_days=data.warning_days())
    return {"grant_on": grant_on, "as_of": when, "error": error,
            "results": [r for r in results if r.regime == "fcc" and r.status != "not_applicable"]}


# -- shells map ------------------------------------------------------------------------------------------


def shells(request):
    colour_by = "administration" if request.GET.get("colour") == "administration" else "operator"
    context = _cached_page_context(lambda: _shells_analysis(colour_by),
                                   ("points", "bands", "chart", "parameters"))
    return render(request, "dashboard/shells.html", {"colour_by": colour_by, **context})


def _live_filings_with_shells():
    """Live filings with what their plans need (administration, shells) and what the pages show."""
    return Filing.objects.live().select_related("administration", "operator").prefetch_related("shells")


def _shells_analysis(colour_by: str) -> dict:
    filings = list(_live_filings_with_shells())
    plans = {f.key: plan_for(f) for f in filings}
    for f in filings:
        f.url = f.get_absolute_url()  # one reverse() per filing, not per shell
    rows = sorted((s for f in filings for s in f.shells.all()), key=lambda s: (s.altitude_km, s.filing.name))
    report = analysis.capacity(plans.values())
    names = {f.key: f for f in filings}
    contended = report.contending_filings() if report else {}
    bands = []
    if report:
        for b in report.bands:
            key = (b.altitude_min_km, b.altitude_max_km)
            if key in contended:
                bands.append({"low": b.altitude_min_km, "high": b.altitude_max_km, "ratio": b.oversubscription,
                              "claimed": b.satellites_claimed, "capacity": b.capacity_reference,
                              "filings": sorted((names[f] for f in contended[key] if f in names), key=lambda f: f.name)})
    planned = {(plan.key, p.ordinal): p for plan in plans.values() for p in plan.shells}
    points = []
    for s in rows:
        shell = planned.get((s.filing.key, s.ordinal))
        # Every filed shell is plotted: where its plan puts it, else at its filed altitudes. A shell whose
        # inclination is not filed (the plan's is only assumed, for sunlight) goes in the "unknown" column; one
        # without a satellite count gets the smallest bubble and says so.
        low = shell.altitude_min_km if shell else s.altitude_km
        high = shell.altitude_max_km if shell else (s.altitude_max_km or s.altitude_km)
        known_inclination = s.inclination_deg is not None or s.sun_synchronous
        inclination = None
        if known_inclination:
            inclination = round(shell.inclination_deg if shell else s.inclination_deg, 2)
        points.append({
            "altitude": (low + high) / 2, "altitude_low": low, "altitude_high": high, "inclination": inclination,
            "satellites": shell.satellites if shell else s.satellite_count, "filing": s.filing.name,
            "url": s.filing.url,
            "operator": s.filing.operator.short_name if s.filing.operator_id else "unknown operator",
            "operator_key": s.filing.operator.key if s.filing.operator_id else None,
            "administration": s.filing.administration.name,
            "administration_key": s.filing.administration.iso_code,
            "label": f"{s.altitude_label}, {s.inclination_label}", "shell": s,
        })
    chart = figures.shells_map([{k: v for k, v in p.items() if k != "shell"} for p in points], colour_by, bands)
    return {"points": points, "bands": bands, "chart": chart,
            "parameters": report.parameters if report else {}}


def _cached_page_context(build, names) -> dict:
    """The context of a page whose body the template caches (``{% cache %}`` on ``page_version``): each value
    is lazy, so ``build`` runs only when the cached fragment is missing. The version is the registry's token
    (changelog.versions): any change to a filing or shell renders the page anew, in every process."""
    built = functools.cache(build)
    lazy = {name: SimpleLazyObject(functools.partial(lambda n: built()[n], name)) for name in names}
    return {**lazy, "page_version": versions.current(), "page_seconds": PAGE_CACHE_SECONDS}


# -- compute race ----------------------------------------------------------------------------------------


def compute(request):
    year = analysis.analysis_year(data.today())
    names = ("rows", "paper", "skipped", "admin_rows", "by_filing_chart", "by_admin_chart", "costs")
    context = _cached_page_context(lambda: _compute_analysis(year, data.today()), names)
    return render(request, "dashboard/compute.html", {
        **context, "year": year, "profiles": analysis.profile_rows(), "profile_names": list(analysis.PROFILES),
        "step_hours": analysis.STEP_MINUTES / 60,
        "cost_assumptions": {p: race.cost_assumptions(p) for p in analysis.PROFILES},
    })


def _compute_analysis(year: int, as_of: dt.date) -> dict:
    """Each live filing under the profile that fits it (dashboard.compute_race.profile_for), its potential (every
    filed satellite) and what is deployed (its satellites in orbit as its milestones count them), ranked on what
    is deployed; filings with nothing in orbit listed apart, on paper."""
    filings = list(_live_filings_with_shells().select_related("score", "constellation").order_by("name"))
    series = deployment_by_filing(filings) if filings else {}
    rows, skipped = [], []
    by_admin = defaultdict(lambda: {"satellites": 0, "in_orbit": 0, "filings": 0, "potential": 0.0, "deployed": 0.0})
    for filing in filings:
        if not filing.shells.all():  # the race ranks filed shells; the score's assumed shell is not one
            skipped.append({"filing": filing, "reason": "no shell published"})
            continue
        sunlight = analysis.filing_sunlight(filing, year, data.score_of(filing))
        if sunlight.mean is None:
            skipped.append({"filing": filing, "reason": sunlight.plan.reason})
            continue
        reading = series[filing.pk].reading_at(as_of) if filing.pk in series else None
        row = race.race_row(filing.key, filing.name, race.profile_for(filing.name, filing.services),
                            sunlight.satellites, reading.count if reading else None, sunlight.mean,
                            filing=filing, in_orbit_on=reading.on if reading else None,
                            from_score=sunlight.from_score, assumptions=list(sunlight.plan.assumptions),
                            yields=analysis.yields(sunlight.satellites, sunlight.mean),
                            colour_key=filing.constellation.key if filing.constellation_id else filing.key)
        rows.append(row)
        admin = by_admin[filing.administration.name]
        admin["administration"] = filing.administration
        admin["satellites"] += row.satellites
        admin["in_orbit"] += min(row.in_orbit or 0, row.satellites)
        admin["filings"] += 1
        admin["potential"] += row.potential_pflops
        admin["deployed"] += row.deployed_pflops
    deployed, paper = race.rank(rows)
    admin_rows = sorted(by_admin.values(), key=lambda r: (-r["deployed"], -r["potential"]))
    ranked = deployed + paper
    costs = {}
    for profile in analysis.PROFILES:
        mine = [r for r in ranked if r.profile == profile and r.satellites]
        if mine:  # the satellite-weighted sunlit fraction of the filings under this profile
            sunlit = sum(r.sunlit * r.satellites for r in mine) / sum(r.satellites for r in mine)
            costs[profile] = {"sunlit": sunlit, "cases": race.cost_cases(profile, sunlit),
                              "filings": [r.name for r in mine]}
    return {
        "rows": deployed, "paper": paper, "skipped": skipped, "admin_rows": admin_rows, "costs": costs,
        "by_filing_chart": figures.compute_race(
            ranked[:CHART_BARS], fig_id="compute-filings",
            title="Compute by filing: deployed, and every filed satellite" if len(ranked) <= CHART_BARS
            else f"Compute: the first {CHART_BARS} of {len(ranked):,} filings (all of them in the tables)",
        ) if ranked else None,
        "by_admin_chart": figures.compute_by_administration(admin_rows, fig_id="compute-admins")
        if admin_rows else None,
    }
