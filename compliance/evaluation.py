"""The thin shell around the rules core: build facts and deployment from the database, store the results."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import operator
from collections import Counter, defaultdict

from django.db import connection, models, transaction
from django.db.models.functions import Cast
from django.utils import timezone

from compliance.models import Milestone
from compliance.rules import DeploymentSeries, FilingFacts, MilestoneResult, Waiver, evaluate
from constellations.models import DeploymentReport
from filings.models import Filing

RESULT_FIELDS = [f.name for f in Milestone._meta.get_fields() if f.name in MilestoneResult.__dataclass_fields__]


def facts_for(filing: Filing) -> FilingFacts:
    return FilingFacts(
        filing_id=filing.pk,
        name=filing.name,
        regulator=filing.regulator,
        kind=filing.kind,
        status=filing.status,
        date_of_receipt=filing.date_of_receipt,
        grant_date=filing.grant_date,
        satellites_filed=filing.satellites_filed,
        satellites_authorised=filing.satellites_authorised,
        res35_applies=filing.res35_applies,
        brought_into_use_on=filing.brought_into_use_on,
        suspended_on=filing.suspended_on,
        resumed_on=filing.resumed_on,
        surrendered_on=filing.surrendered_on,
        bond_posted_on=filing.bond_posted_on,
        small_satellite=filing.small_satellite,
        milestone_conditions=tuple((c.milestone, c.due_date) for c in filing.milestone_conditions.all()),
        waivers=tuple(
            Waiver(w.milestone, w.kind, w.granted_on, w.extended_to, w.notes) for w in filing.waivers.all()
        ),
    )


def reported_series(reports) -> DeploymentSeries:
    """Dated counts from published statements; 'launched' stands in where 'in orbit' was not given."""
    points = {}
    for report in reports:
        count = report.in_orbit if report.in_orbit is not None else report.launched
        points[report.as_of] = count
    return DeploymentSeries.from_counts(sorted(points.items()), source="reported")


def deployment_for(filing: Filing, live_filings: dict | None = None) -> DeploymentSeries:
    """The best deployment series for a filing: catalog counts first, published counts otherwise.

    ``live_filings`` (constellation id -> number of live filings) saves a query per filing in bulk runs.
    """
    from constellations.deployment import catalog_series_for_filing  # late: the catalog app may be absent

    catalog = catalog_series_for_filing(filing)
    if catalog is not None and not catalog.is_empty():
        return catalog
    own = [r for r in filing.deployment_reports.all()]
    if own:
        return reported_series(own)
    if filing.constellation_id and _sole_active_filing(filing, live_filings):
        return reported_series(DeploymentReport.objects.filter(constellation_id=filing.constellation_id))
    return DeploymentSeries()


CLOSED_FILING_STATUSES = ["superseded", "denied", "withdrawn", "cancelled"]


def _sole_active_filing(filing: Filing, live_filings: dict | None = None) -> bool:
    """A constellation-wide count belongs to a filing only if no other live filing shares the constellation."""
    if live_filings is not None:
        return live_filings.get(filing.constellation_id, 0) == 1
    live = Filing.objects.filter(constellation_id=filing.constellation_id).exclude(status__in=CLOSED_FILING_STATUSES)
    return live.count() == 1


def live_filings_per_constellation() -> dict[int, int]:
    live = Filing.objects.exclude(status__in=CLOSED_FILING_STATUSES).exclude(constellation_id=None)
    counts = Counter(live.values_list("constellation_id", flat=True))
    return dict(counts)


def filings_for_evaluation():
    return Filing.objects.select_related("administration", "operator", "constellation").prefetch_related(
        "milestone_conditions", "waivers", "deployment_reports"
    )


def evaluate_filing(
    filing: Filing, as_of: dt.date, warning_days: int | None = None, *, live_filings: dict | None = None,
    deployment: DeploymentSeries | None = None,
) -> list[MilestoneResult]:
    from django.conf import settings

    days = warning_days or settings.SLOTWATCH_DUE_SOON_DAYS
    series = deployment if deployment is not None else deployment_for(filing, live_filings)
    return evaluate(facts_for(filing), series, as_of, warning_days=days)


def deployment_fingerprint(*, with_results: bool = False) -> str:
    """Changes whenever anything a deployment series is built from changes: the registry (filings, shells,
    reports; see changelog.versions) or the catalog (an import, a recompute, an override). ``with_results``:
    also whenever the stored milestone results change (for what is drawn from both)."""
    from django.db.models import Count, Max

    from changelog import versions
    from constellations.models import CatalogImport, SpaceObject

    catalog = SpaceObject.objects.aggregate(n=Count("pk"), changed=Max("updated_at"))
    last_import = CatalogImport.objects.aggregate(last=Max("pk"))["last"]
    tokens = versions.current_all() if with_results else versions.current()
    state = f"{tokens}:{catalog['n']}:{catalog['changed']}:{last_import}"
    return hashlib.sha1(state.encode()).hexdigest()  # safe in any cache backend's keys


def deployment_by_filing(filings) -> dict[int, DeploymentSeries]:
    """Each filing's deployment series, cached until the data behind them changes.

    Building a catalog series costs queries and pandas work per filing; pages that evaluate every filing
    as of another date (the dashboard's "as of" control) would otherwise pay it on every request.
    """
    from django.core.cache import cache

    key = f"deployment-by-filing:{deployment_fingerprint()}"
    known = cache.get(key) or {}
    missing = [f for f in filings if f.pk not in known]
    if missing:
        live = live_filings_per_constellation()
        known = {**known, **{f.pk: deployment_for(f, live) for f in missing}}
        cache.set(key, known, timeout=24 * 3600)
    return known


def store_results(filing: Filing, results: list[MilestoneResult], as_of: dt.date) -> None:
    store_batch([(filing.pk, results)], as_of)


def store_batch(batch: list[tuple[int, list[MilestoneResult]]], as_of: dt.date) -> None:
    """Store the results of several filings in a few statements instead of two per row.

    1. read the filings' current rows; 2. delete rows of rules that no longer return a result;
    3. stamp every row with the evaluation date; 4. update only the columns that changed, grouped by
    which columns they are (a day's changes are mostly the same one or two columns); 5. insert new rows.
    Row ids stay stable, so anything that points at a Milestone keeps pointing at it.
    """
    filing_ids = [filing_id for filing_id, _ in batch]
    now = timezone.now()
    with transaction.atomic():
        existing = {(row["filing_id"], row["code"]): row for row in _current_rows(filing_ids)}
        new, changed, kept = [], defaultdict(list), set()
        for filing_id, results in batch:
            for result in results:
                values = _row_values(result)
                row = existing.get((filing_id, result.code))
                if row is None:
                    new.append({**values, "filing_id": filing_id, "evaluated_as_of": as_of, "evaluated_at": now})
                    continue
                kept.add(row["pk"])
                if _PLAIN(row) == _PLAIN(values) and all(_same(row[n], values[n]) for n in _JSON_FIELDS):
                    continue  # the usual case, checked without a call per column
                columns = tuple(name for name in RESULT_FIELDS if not _same(row[name], values[name]))
                if columns:
                    changed[columns].append({**values, "pk": row["pk"]})
        gone = [row["pk"] for row in existing.values() if row["pk"] not in kept]
        if gone:
            Milestone.objects.filter(pk__in=gone).delete()
        Milestone.objects.filter(filing_id__in=filing_ids).update(evaluated_as_of=as_of, evaluated_at=now)
        for columns, rows in changed.items():
            _update_rows(columns, rows)
        _insert_rows(new)
        # These writes bypass model signals (and every row's evaluated_as_of moved): retire the cached answers
        # and figures built from the results (changelog.versions).
        from changelog import versions

        versions.bump_results()


_JSON_FIELDS = {f.name for f in Milestone._meta.concrete_fields if isinstance(f, models.JSONField)}
_PLAIN = operator.itemgetter(*(name for name in RESULT_FIELDS if name not in _JSON_FIELDS))


def _current_rows(filing_ids):
    """The stored rows, JSON columns as their stored text: decoding 3 x 130,000 of them cost seconds."""
    as_text = {name: Cast(name, models.TextField()) for name in _JSON_FIELDS}
    fields = [name for name in RESULT_FIELDS if name not in _JSON_FIELDS]
    q = Milestone.objects.filter(filing_id__in=filing_ids).annotate(**{f"{n}_as_text": e for n, e in as_text.items()})
    for row in q.values("pk", "filing_id", *fields, *(f"{n}_as_text" for n in as_text)):
        for name in _JSON_FIELDS:
            text = row.pop(f"{name}_as_text")
            row[name] = None if text is None else _StoredJson(text)
        yield row


class _StoredJson(str):
    """JSON text as stored; equal to a value when the texts match or, failing that, the decoded values do."""


def _same(stored, value) -> bool:
    if isinstance(stored, _StoredJson):
        if stored == json.dumps(value) or stored == json.dumps(value, ensure_ascii=False):
            return True
        return json.loads(stored) == value  # the database may format it its own way
    return stored == value


# Django's bulk_create and bulk_update prepare every value through the generic field machinery and, on
# SQLite, split into statements of at most 999 parameters; for the 130,000 rows of a large registry
# that cost most of the daily run. The same statements as executemany with plain adapted values are
# several times faster on SQLite and PostgreSQL alike. Only plain columns are written here: no
# signals, no auto fields other than the id.

def _adapter(field):
    ops = connection.ops
    if isinstance(field, models.JSONField):
        return lambda value: ops.adapt_json_value(value, field.encoder)
    if isinstance(field, models.DateTimeField):
        return ops.adapt_datetimefield_value
    if isinstance(field, models.DateField):
        return ops.adapt_datefield_value
    return None


def _insert_rows(rows: list[dict]) -> None:
    if not rows:
        return
    fields = [f for f in Milestone._meta.concrete_fields if not f.primary_key]
    defaults = {f.attname: f.get_default() for f in fields}
    rows = [{**defaults, **row} for row in rows]
    adapters = [(f.attname, _adapter(f)) for f in fields]
    quote = connection.ops.quote_name
    sql = (
        f"INSERT INTO {quote(Milestone._meta.db_table)} ({', '.join(quote(f.column) for f in fields)}) "
        f"VALUES ({', '.join(['%s'] * len(fields))})"
    )
    params = [[adapt(row[name]) if adapt else row[name] for name, adapt in adapters] for row in rows]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":  # COPY: psycopg formats the rows in C, one round trip
            columns = ", ".join(quote(f.column) for f in fields)
            with cursor.cursor.copy(f"COPY {quote(Milestone._meta.db_table)} ({columns}) FROM STDIN") as copy:
                for row in params:
                    copy.write_row(row)
        else:
            cursor.executemany(sql, params)


def _update_rows(columns: tuple[str, ...], rows: list[dict]) -> None:
    fields = [Milestone._meta.get_field(name) for name in columns]
    adapters = [(f.attname, _adapter(f)) for f in fields]
    quote = connection.ops.quote_name
    sql = (
        f"UPDATE {quote(Milestone._meta.db_table)} SET {', '.join(f'{quote(f.column)} = %s' for f in fields)} "
        f"WHERE {quote(Milestone._meta.pk.column)} = %s"
    )
    params = [[*(adapt(row[name]) if adapt else row[name] for name, adapt in adapters), row["pk"]] for row in rows]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


def _row_values(result: MilestoneResult) -> dict:
    values = {}
    for name in RESULT_FIELDS:
        value = getattr(result, name)
        values[name] = list(value) if isinstance(value, tuple) else value
    return values


BATCH = 500


def refresh_milestones(as_of: dt.date | None = None, filings=None) -> Counter:
    """Evaluate every filing as of a date (today by default) and store the results; return counts by status."""
    as_of = as_of or timezone.now().date()
    filings = filings if filings is not None else filings_for_evaluation()
    if hasattr(filings, "iterator"):
        filings = filings.iterator(chunk_size=BATCH)  # prefetches per chunk; 10,000 filings never all in memory
    live = live_filings_per_constellation()
    statuses = Counter()
    batch = []
    for filing in filings:
        results = evaluate_filing(filing, as_of, live_filings=live)
        statuses.update(r.status for r in results)
        batch.append((filing.pk, results))
        if len(batch) >= BATCH:
            store_batch(batch, as_of)
            batch = []
    if batch:
        store_batch(batch, as_of)
    return statuses
