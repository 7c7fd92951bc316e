"""The Django shell around the pure catalog layer: upsert parsed records, keep snapshots, recompute.

``import_catalog_source`` is what the ``import_catalog`` command and the Celery task call. One file is one
transaction: the good rows, their element-set snapshots, the membership/orbit-state recompute and the
CatalogImport row commit together, so a file with rejected rows still imports its good rows and a file
that fails half-way leaves nothing of itself behind.

A failed file is logged as a ``failed`` CatalogImport row. When the database itself is what failed (a
restart terminates the session mid-import), that row is written once the server is back (reconnecting for
up to ``FAILURE_LOG_RETRY_SECONDS``); the original error is what the caller sees either way.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from django.conf import settings
from django.db import DatabaseError, connection, models, transaction
from django.db.models import Max
from django.utils import timezone

from constellations.catalog import (
    CatalogFormat,
    CatalogFormatError,
    CatalogRecord,
    ParseResult,
    classify,
    estimate_launch_dates,
    orbit_states,
    parse_catalog,
)
from constellations.catalog.membership import NON_SATELLITE_TYPES
from constellations.models import (
    CatalogImport,
    Constellation,
    ElementSetSnapshot,
    MembershipBasis,
    OrbitState,
    SpaceObject,
)
from constellations.rules import database_rules
from constellations.shells import catalog_tolerances, constellation_shells
from slotwatch import bulksql

log = logging.getLogger(__name__)

CHUNK = 2000
FAILURE_LOG_RETRY_SECONDS = 15.0  # how long a failed import keeps trying to log itself while the database is away
ELEMENT_FORMATS = {CatalogFormat.TLE_2LINE, CatalogFormat.TLE_3LINE, CatalogFormat.OMM_JSON, CatalogFormat.OMM_CSV}

# Fields a file may set whenever it carries a value (SATCAT metadata; the newest value wins trivially).
META_FIELDS = ("object_type", "owner", "launch_date", "decay_date")
# Orbit fields follow the newest source (source_as_of); a SATCAT orbit carries no epoch.
ORBIT_FIELDS = (
    "epoch", "mean_motion", "eccentricity", "raan_deg", "arg_perigee_deg", "mean_anomaly_deg", "bstar",
    "mean_altitude_km", "perigee_km", "apogee_km", "inclination_deg",
)
CHAR_LIMITS = {"name": 80, "cospar_id": 12, "object_type": 20, "owner": 20}


class ImportRefused(Exception):
    """The file as a whole cannot be imported (empty, binary, unknown format); nothing was written."""


@dataclass
class UpsertCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    touched: list[int] = field(default_factory=list)
    kinds: dict[int, tuple] = field(default_factory=dict)  # NORAD id -> (object type, decay date) as stored


def data_as_of(result: ParseResult) -> dt.date | None:
    """The date a file describes.

    Element sets: the median epoch's UTC date (a CelesTrak group spans a few days of epochs, with the odd
    high-orbit object dated ahead: SOURCES.md 1). SATCAT: the newest launch or decay date it lists.
    """
    if result.format in ELEMENT_FORMATS:
        epochs = sorted(r.epoch for r in result.records if r.epoch is not None)
        return epochs[len(epochs) // 2].date() if epochs else None
    dates = [d for r in result.records for d in (r.launch_date, r.decay_date) if d is not None]
    return max(dates) if dates else None


def import_catalog_source(
    source,
    *,
    file_name: str | None = None,
    fmt: str | None = None,
    as_of: dt.date | None = None,
    progress: Callable[[str], None] | None = None,
    progress_every: int = 5000,
    not_after: dt.datetime | None = None,
) -> CatalogImport:
    """Parse and import one file (path, bytes or binary file object). Raises ImportRefused for an unusable file.

    The file, and its content if gzip, may not pass ``SLOTWATCH_CATALOG_MAX_BYTES``; element sets dated after
    ``not_after`` (default: now plus a day) are rejected rows.
    """
    started = timezone.now()
    name = file_name or (os.fspath(source) if isinstance(source, (str, os.PathLike)) else "upload")
    say = progress or (lambda message: None)
    parse_started = time.perf_counter()
    try:
        result = parse_catalog(
            source, fmt=fmt, progress=lambda n: say(f"{name}: {n:,} rows read"), progress_every=progress_every,
            max_bytes=settings.SLOTWATCH_CATALOG_MAX_BYTES, not_after=not_after,
        )
    except CatalogFormatError as exc:
        raise ImportRefused(f"{name}: {exc}; nothing imported") from exc
    if not result.records and not result.rejections:
        raise ImportRefused(f"{name}: no catalog rows found; nothing imported")
    snapshot_date = as_of or data_as_of(result)
    record = CatalogImport(
        file_name=name[-300:], format=result.format.value, sha256=result.sha256,
        content_sha256=result.content_sha256, data_as_of=snapshot_date, started_at=started,
        rejected=len(result.rejections), duplicates_skipped=result.duplicates_skipped,
        rejections=[{"line": r.line, "norad": r.norad_id, "reason": r.reason}
                    for r in result.rejections[:CatalogImport.MAX_STORED_REJECTIONS]],
    )
    try:
        with transaction.atomic():
            clock = [time.perf_counter()]
            counts = upsert_records(result.records, result.format, snapshot_date, say=say, name=name)
            clock.append(time.perf_counter())
            snapshots = write_snapshots(result.records, snapshot_date, counts.kinds)
            clock.append(time.perf_counter())
            changed = recompute_catalog(data_date=snapshot_date)
            clock.append(time.perf_counter())
            timings = (f" (parse {clock[0] - parse_started:.1f} s, store {clock[1] - clock[0]:.1f} s, "
                       f"snapshots {clock[2] - clock[1]:.1f} s, recompute {clock[3] - clock[2]:.1f} s)")
            record.created, record.updated, record.unchanged = counts.created, counts.updated, counts.unchanged
            record.status = CatalogImport.Status.DONE
            record.finished_at = timezone.now()
            record.message = (f"{snapshots:,} element-set snapshots on {snapshot_date}; "
                              f"{changed:,} objects reclassified{timings}")
            record.save()
    except Exception as exc:
        record.status = CatalogImport.Status.FAILED
        record.finished_at = timezone.now()
        record.message = f"{type(exc).__name__}: {exc}"
        _save_failure(record)
        raise
    return record


def _save_failure(record: CatalogImport) -> None:
    """Write the failed import's log row without hiding the import's own error.

    The file's transaction is already rolled back. If the database went away (restart, failover), the
    session is dead: reconnect and retry for a while. Inside a caller's transaction a reconnect is not
    possible, so one attempt only. If the row cannot be written, that is logged and the caller still gets
    the original exception.
    """
    deadline = time.monotonic() + FAILURE_LOG_RETRY_SECONDS
    delay = 0.2
    while True:
        try:
            record.save()
            return
        except DatabaseError as exc:
            if connection.in_atomic_block or time.monotonic() >= deadline:
                log.error("catalog import of %s failed (%s) and its failure could not be logged: %s",
                          record.file_name, record.message, exc)
                return
            connection.close()  # a dead session: the next attempt opens a new one
            time.sleep(delay)
            delay = min(delay * 2, 2.0)


# --- upsert ----------------------------------------------------------------------------------------

def _record_as_of(record: CatalogRecord, file_as_of: dt.datetime | None) -> dt.datetime | None:
    return record.epoch if record.epoch is not None else file_as_of


def _clip(name: str, value):
    if name not in CHAR_LIMITS:
        return value
    return "" if value is None else value[: CHAR_LIMITS[name]]


def _incoming(record: CatalogRecord, as_of: dt.datetime | None) -> dict:
    """The values this record would set on a new object."""
    values = {name: _clip(name, getattr(record, name)) for name in ("name", "cospar_id", *META_FIELDS)}
    for name in ORBIT_FIELDS:
        values[name] = getattr(record, name)
    values["source_as_of"] = as_of
    if record.decay_date is not None and record.decay_date <= dt.date.today():
        values["orbit_state"] = OrbitState.DECAYED.value  # what the recompute would say: saves a second write
    return values


def _merge(obj: SpaceObject, record: CatalogRecord, as_of: dt.datetime | None) -> list[str]:
    """Apply a record to a stored object; return the names of the fields that changed."""
    changed = []

    def put(name, value):
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed.append(name)

    for name in META_FIELDS:
        value = getattr(record, name)
        if value is not None:
            put(name, _clip(name, value))
    if record.launch_date is not None:
        put("launch_date_estimated", False)
    newer = as_of is not None and (obj.source_as_of is None or as_of >= obj.source_as_of)
    if newer or (as_of is None and obj.source_as_of is None):
        for name in ("name", "cospar_id"):  # sources disagree now and then (2023-113W/X): newest wins
            if getattr(record, name):
                put(name, _clip(name, getattr(record, name)))
        if record.mean_altitude_km is not None or record.inclination_deg is not None:
            for name in ORBIT_FIELDS:
                put(name, getattr(record, name))
        if as_of is not None:
            put("source_as_of", as_of)
    else:
        for name in ("name", "cospar_id"):
            if not getattr(obj, name) and getattr(record, name):
                put(name, _clip(name, getattr(record, name)))
    return changed


_COLUMNS = ("norad_id", "name", "cospar_id", *META_FIELDS, "launch_date_estimated", *ORBIT_FIELDS, "source_as_of",
            "orbit_state", "membership_basis", "updated_at")


class _StoredObject:
    """The importer's columns of one stored SpaceObject: what ``_merge`` compares and sets.

    A plain slotted holder filled from ``values_list`` (the same database converters as a model instance, so
    values compare exactly as before) costs a fraction of a model instance, which 100,000 objects notice.
    """

    __slots__ = _COLUMNS

    def __init__(self, values):
        for name, value in zip(_COLUMNS, values):
            setattr(self, name, value)


def _new_object(norad_id: int, values: dict) -> _StoredObject:
    """A new object's columns: the record's values over the model's own defaults."""
    obj = _StoredObject(())
    for name in _COLUMNS:
        setattr(obj, name, values[name] if name in values else _DEFAULTS[name])
    obj.norad_id = norad_id
    return obj


# The model's defaults as plain values (a choices default is an enum member; the database stores its value).
_DEFAULTS = {name: getattr(default, "value", default)
             for name in _COLUMNS for default in [SpaceObject._meta.get_field(name).get_default()]}


def upsert_records(
    records: list[CatalogRecord], fmt: CatalogFormat, snapshot_date: dt.date | None, *, say=None, name=""
) -> UpsertCounts:
    """Create new objects and update changed ones, comparing in Python against one query per chunk.

    New and changed rows go to the database in one INSERT ... ON CONFLICT DO UPDATE per chunk
    (slotwatch.bulksql); unchanged rows are not written at all. ``counts.kinds`` keeps each object's type and
    decay date as stored now, so the snapshots need not read them back.
    """
    file_as_of = (
        dt.datetime.combine(snapshot_date, dt.time(), tzinfo=dt.timezone.utc)
        if snapshot_date is not None and fmt not in ELEMENT_FORMATS else None
    )
    counts = UpsertCounts()
    now = timezone.now()
    update_columns = [c for c in _COLUMNS if c not in ("norad_id", "orbit_state", "membership_basis")]
    read_columns = _COLUMNS[:-1]  # updated_at is only written
    # Which objects exist at all, as bare ids: a first import of 100,000 objects then reads no rows back.
    existing = set(SpaceObject.objects.values_list("pk", flat=True))
    for start in range(0, len(records), CHUNK):
        chunk = records[start:start + CHUNK]
        known = [r.norad_id for r in chunk if r.norad_id in existing]
        stored = {values[0]: values for values in SpaceObject.objects.filter(
            pk__in=known).values_list(*read_columns)} if known else {}
        write, create = [], []
        for record in chunk:
            as_of = _record_as_of(record, file_as_of)
            values = stored.get(record.norad_id)
            if values is None:
                obj = _new_object(record.norad_id, _incoming(record, as_of))
                obj.updated_at = now
                create.append(tuple(getattr(obj, c) for c in _COLUMNS))
                counts.created += 1
                counts.kinds[record.norad_id] = (obj.object_type, obj.decay_date)
                counts.touched.append(record.norad_id)
                continue
            obj = _StoredObject(values)
            if _merge(obj, record, as_of):
                counts.updated += 1
            else:
                counts.unchanged += 1
                counts.kinds[record.norad_id] = (obj.object_type, obj.decay_date)
                continue
            counts.kinds[record.norad_id] = (obj.object_type, obj.decay_date)
            obj.updated_at = now
            write.append(tuple(getattr(obj, c) for c in _COLUMNS))
            counts.touched.append(record.norad_id)
        if create:  # ids not in the table (read above, inside this transaction): a plain insert, COPY on PostgreSQL
            bulksql.insert_rows(SpaceObject, _COLUMNS, create)
        if write:
            bulksql.upsert(SpaceObject, _COLUMNS, write, ["norad_id"], update_columns)
        if say and len(records) > CHUNK:
            say(f"{name}: {min(start + CHUNK, len(records)):,} of {len(records):,} objects stored")
    return counts


def write_snapshots(records: Iterable[CatalogRecord], snapshot_date: dt.date | None,
                    kinds: dict[int, tuple] | None = None) -> int:
    """One altitude/inclination row per satellite in orbit on the file's date (not rocket bodies or debris).

    ``kinds`` maps NORAD id to (object type, decay date) as stored (``upsert_records`` gives it); ids missing
    from it are read from the database.
    """
    if snapshot_date is None:
        return 0
    with_orbit = {r.norad_id: r for r in records if r.mean_altitude_km is not None and r.inclination_deg is not None}
    if not with_orbit:
        return 0
    kinds = dict(kinds or {})
    missing = [norad_id for norad_id in with_orbit if norad_id not in kinds]
    for start in range(0, len(missing), CHUNK):
        part = missing[start:start + CHUNK]
        meta = SpaceObject.objects.filter(pk__in=part).values_list("norad_id", "object_type", "decay_date")
        kinds.update((norad_id, (object_type, decay_date)) for norad_id, object_type, decay_date in meta)
    rows = []
    for norad_id, record in with_orbit.items():
        if norad_id not in kinds:
            continue
        object_type, decay_date = kinds[norad_id]
        if object_type in NON_SATELLITE_TYPES or (decay_date is not None and decay_date <= snapshot_date):
            continue
        rows.append((norad_id, snapshot_date, record.mean_altitude_km, record.inclination_deg))
    bulksql.upsert(ElementSetSnapshot, ["space_object", "date", "altitude_km", "inclination_deg"], rows,
                   ["space_object", "date"], ["altitude_km", "inclination_deg"])
    return len(rows)


# --- membership, launch estimates, orbit state ------------------------------------------------------

_STATE_COLUMNS = ["constellation_id", "membership_basis", "orbit_state", "shell_id", "launch_date",
                  "launch_date_estimated"]


def latest_data_date(also: dt.date | None = None) -> dt.date | None:
    """The newest date any imported file describes (launch estimates never run past it)."""
    stored = CatalogImport.objects.filter(status=CatalogImport.Status.DONE).aggregate(d=Max("data_as_of"))["d"]
    dates = [d for d in (stored, also) if d is not None]
    return max(dates) if dates else None


def recompute_catalog(today: dt.date | None = None, data_date: dt.date | None = None) -> int:
    """Membership (DB rules), launch-date estimates, orbit state and shell of every object; writes only changes.

    ``data_date`` is the date of the file just imported (not yet recorded). Returns the number of objects
    whose stored values changed.
    """
    today = today or timezone.now().date()
    columns = ["norad_id", "name", "cospar_id", "object_type", "launch_date", "launch_date_estimated",
               "decay_date", "mean_altitude_km", "perigee_km", "inclination_deg", "source_as_of", "constellation_id",
               "membership_basis", "orbit_state", "shell_id"]
    frame = _read_objects(columns)
    if frame.empty:
        return 0
    stored = frame[_STATE_COLUMNS].copy()

    # Membership with its basis: overrides (norad) > launch > name, as in the pure layer.
    rules = database_rules()
    args = (frame["name"], frame["cospar_id"], frame["object_type"], frame["norad_id"])
    slugs = classify(*args, rules)
    by_override = pd.notna(classify(*args, [r for r in rules if r.kind == "norad"]))
    by_launch = pd.notna(classify(*args, [r for r in rules if r.kind == "cospar_launch"]))
    ids = dict(Constellation.objects.values_list("key", "pk"))
    frame["constellation_id"] = pd.Series(slugs, dtype=object).map(ids).astype("Int64")
    member = frame["constellation_id"].notna().to_numpy()
    frame["membership_basis"] = np.where(
        ~member, "", np.where(by_override, MembershipBasis.OVERRIDE, np.where(by_launch, MembershipBasis.COSPAR,
                                                                              MembershipBasis.NAME)))

    # Launch dates: SATCAT dates are kept; the rest are estimated from the designator, and flagged.
    known_launch = frame["launch_date"].where(~frame["launch_date_estimated"].astype(bool), None)
    snapshot = latest_data_date(data_date) or today
    dates, estimated = estimate_launch_dates(frame["cospar_id"].where(frame["cospar_id"] != "", None), known_launch,
                                             snapshot_date=snapshot)
    frame["launch_date"] = np.asarray(dates, dtype="datetime64[D]").astype(object)  # dates, None for NaT
    frame["launch_date_estimated"] = estimated

    _orbit_states(frame, today)
    return _write_changes(frame, stored)


def _read_objects(columns: list[str]) -> pd.DataFrame:
    """Every SpaceObject's ``columns`` as a frame, read in one plain query.

    The values are what ``values_list`` gives (dates, UTC-aware moments, booleans), converted here column by
    column rather than by the ORM's per-row converters, which cost seconds at 100,000 rows.
    """
    quote = connection.ops.quote_name
    fields = [SpaceObject._meta.get_field(name) for name in columns]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(quote(f.column) for f in fields)} FROM "
                       f"{quote(SpaceObject._meta.db_table)}")
        frame = pd.DataFrame.from_records(cursor.fetchall(), columns=columns)
    if connection.vendor != "sqlite" or frame.empty:
        return frame
    # SQLite hands back text (or, through Django's declared-type converters, dates and naive UTC datetimes).
    for field, name in zip(fields, columns):
        if isinstance(field, models.DateTimeField):
            frame[name] = pd.Series([_utc_moment(v) for v in frame[name]], index=frame.index)
        elif isinstance(field, models.DateField):
            frame[name] = pd.Series([dt.date.fromisoformat(v) if isinstance(v, str) else v for v in frame[name]],
                                    index=frame.index, dtype=object)
        elif isinstance(field, models.BooleanField):
            frame[name] = frame[name].astype(bool)
    return frame


def _utc_moment(value):
    if value is None:
        return None
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    return value.replace(tzinfo=dt.timezone.utc) if value.tzinfo is None else value


def _orbit_states(frame: pd.DataFrame, today: dt.date) -> None:
    frame["orbit_state"] = OrbitState.UNKNOWN.value
    frame["shell_id"] = None
    tolerances = catalog_tolerances()
    raising_days = np.timedelta64(settings.SLOTWATCH_CATALOG_RAISING_DAYS, "D")
    stale_days = np.timedelta64(settings.SLOTWATCH_CATALOG_STALE_DAYS, "D")
    source_day = pd.to_datetime(frame["source_as_of"], utc=True).dt.tz_localize(None).to_numpy().astype(
        "datetime64[D]")
    launch_day = pd.to_datetime(frame["launch_date"]).to_numpy().astype("datetime64[D]")
    decay_day = pd.to_datetime(frame["decay_date"]).to_numpy().astype("datetime64[D]")
    decayed = ~np.isnat(decay_day) & (decay_day <= np.datetime64(today, "D"))
    perigee = frame["perigee_km"].to_numpy(float)
    low_perigee = np.isfinite(perigee) & (perigee < settings.SLOTWATCH_CATALOG_DECAY_PERIGEE_KM)
    for constellation_id in frame["constellation_id"].dropna().unique():
        rows = (frame["constellation_id"] == constellation_id).to_numpy(dtype=bool, na_value=False) & ~decayed
        shells = constellation_shells(int(constellation_id))
        newest = source_day[rows][~np.isnat(source_day[rows])].max() if rows.any() else None
        sub = frame.loc[rows]
        settled = ~np.isnat(launch_day[rows]) & (source_day[rows] - launch_day[rows] > raising_days)
        states = orbit_states(sub["mean_altitude_km"].to_numpy(float), sub["inclination_deg"].to_numpy(float),
                              shells, decaying=settled & low_perigee[rows], **tolerances)
        state, shell = states.state.copy(), states.shell_id.copy()
        # Long past its launch, below its shell and not low enough to be decaying: parked off the filed shells.
        state[(state == OrbitState.RAISING.value) & settled] = OrbitState.UNMATCHED.value
        if newest is not None and not np.isnat(newest):
            stale = np.isnat(source_day[rows]) | (newest - source_day[rows] > stale_days)
            state[stale] = OrbitState.UNKNOWN.value
            shell[stale] = None
        frame.loc[rows, "orbit_state"] = state
        frame.loc[rows, "shell_id"] = pd.Series([None if v is None else int(v) for v in shell],
                                                index=sub.index, dtype=object)
    frame.loc[decayed, "orbit_state"] = OrbitState.DECAYED.value


def _comparable(frame: pd.DataFrame) -> pd.DataFrame:
    """The state columns in one comparable form each (numbers as float, dates as datetime64, text as str)."""
    return pd.DataFrame({
        "constellation_id": pd.to_numeric(frame["constellation_id"], errors="coerce").astype(float),
        "membership_basis": frame["membership_basis"].fillna("").astype(str),
        "orbit_state": frame["orbit_state"].fillna("").astype(str),
        "shell_id": pd.to_numeric(frame["shell_id"], errors="coerce").astype(float),
        "launch_date": pd.to_datetime(frame["launch_date"]),
        "launch_date_estimated": frame["launch_date_estimated"].fillna(False).astype(bool),
    })


def _write_changes(frame: pd.DataFrame, stored: pd.DataFrame) -> int:
    new, old = _comparable(frame[_STATE_COLUMNS]), _comparable(stored)
    changed = np.zeros(len(frame), dtype=bool)
    for column in _STATE_COLUMNS:
        a, b = new[column], old[column]
        changed |= ~((a == b) | (a.isna() & b.isna())).to_numpy()
    if not changed.any():
        return 0
    now = timezone.now()

    def ids(column):  # float with NaN -> int or None
        return [None if np.isnan(v) else int(v) for v in new[column].to_numpy(float)[changed]]

    launches = new["launch_date"].to_numpy("datetime64[D]")[changed].astype(object)  # dates, None for NaT
    rows = list(zip(
        ids("constellation_id"), new["membership_basis"].to_numpy(object)[changed].tolist(),
        new["orbit_state"].to_numpy(object)[changed].tolist(), ids("shell_id"), launches.tolist(),
        new["launch_date_estimated"].to_numpy(bool)[changed].tolist(), [now] * int(changed.sum()),
        frame["norad_id"].to_numpy()[changed].astype(int).tolist(),
    ))
    bulksql.update(SpaceObject, [*_STATE_COLUMNS, "updated_at"], rows)
    return int(changed.sum())
