"""Backup and restore of everything Slotwatch holds: ``manage.py export_all PATH`` / ``manage.py import_all PATH``.

The file is gzip-compressed JSON Lines, read and written as a stream (memory stays flat with 60,000 space objects
and their snapshots):

    {"format": "slotwatch-backup", "version": 1, "created_at": ..., "migrations": {app: last migration}, ...}
    {"model": "filings.source", "fields": ["id", "key", ...]}          one header per table, then its rows:
    [1, "fcc-20-102", ...]
    ...
    {"end": true, "counts": {"filings.source": 12, ...}, "sha256": "..."}  the trailer: a cut file is refused

The trailer's ``sha256`` is the SHA-256 of every line before it, byte for byte (the header, table headers and
rows, each with its newline); a restore recomputes it and refuses a mismatch or a trailer without one, inside its
transaction, so nothing is imported. It is a checksum, not a signature: it catches a damaged file and an edit
made without recomputing it (an edited row that turned a reader into a superuser), but anyone who can write the
file can recompute it too. Keep backups where only the operator can write them.

Every table of the registry, the catalog, the rules' results, the alert outbox (subscriptions, alerts, deliveries,
attempts), the change log, users and groups and the beat schedule is written, including the many-to-many tables.
Content types and permissions are written by natural key (their ids differ between databases). API tokens are
written as the SHA-256 digests the database holds; secrets are never stored, so none can be exported. Sessions and
the API cache are not written.

The export is written to a temporary file beside PATH and renamed over it when complete, so PATH is either the
old file or the whole new one. The import runs in one transaction: a wrong format or version, a file from a newer
schema, a cut or corrupt file, or a database that already holds data (unless ``replace``) leaves the database as
it was.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gzip
import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from django.apps import apps
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DatabaseError, connection, models, transaction
from django.db.migrations.recorder import MigrationRecorder

FORMAT = "slotwatch-backup"
VERSION = 1
CHUNK = 2000

# The apps whose tables are backed up, in an order where every foreign key points at an earlier table
# (foreign keys are deferred to the commit anyway, so the order only matters for readability).
APP_ORDER = ("auth", "accounts", "filings", "constellations", "compliance", "alerts", "changelog", "admin",
             "django_celery_beat")
# Tables written elsewhere or not worth keeping: the permission catalogue (rebuilt by migrate), the cache
# version token (bumped after an import).
SKIPPED = {"auth.permission", "changelog.registryversion"}
# Tables a freshly migrated database already fills (the 'editors' group, beat's schedule): an import replaces
# them without --replace.
HOUSEKEEPING_APPS = {"django_celery_beat"}
HOUSEKEEPING = {"auth.group", "auth.group_permissions"}


class BackupError(Exception):
    """The file cannot be imported (or written); nothing was changed."""


def label(model) -> str:
    return model._meta.label_lower


def backup_models() -> list[type[models.Model]]:
    """Every backed-up table, auto-created many-to-many tables right after their owner."""
    chosen = []
    for app_label in APP_ORDER:
        try:
            config = apps.get_app_config(app_label)
        except LookupError:
            continue
        for model in _dependency_order(list(config.get_models())):
            if label(model) in SKIPPED or model._meta.proxy:
                continue
            chosen.append(model)
            for field in model._meta.local_many_to_many:
                through = field.remote_field.through
                if through._meta.auto_created:
                    chosen.append(through)
    return chosen


def _dependency_order(app_models):
    """Models of one app, each after the models of the same app it points at (self-references aside)."""
    done, ordered = set(), []

    def visit(model, seen=()):
        if model in done or model in seen:
            return
        for field in model._meta.concrete_fields:
            target = field.related_model if field.is_relation else None
            if target is not None and target in app_models and target is not model:
                visit(target, (*seen, model))
        done.add(model)
        ordered.append(model)

    for model in app_models:
        visit(model)
    return ordered


def is_housekeeping(model) -> bool:
    return model._meta.app_label in HOUSEKEEPING_APPS or label(model) in HOUSEKEEPING


# -- values -------------------------------------------------------------------------------------------------

def _natural_key_fields(model):
    """Foreign keys written by natural key: content types and permissions differ in id between databases."""
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType

    return {f.attname: f.related_model for f in model._meta.concrete_fields
            if f.is_relation and f.related_model in (ContentType, Permission)}


def _content_type_keys():
    from django.contrib.contenttypes.models import ContentType

    return {ct.pk: [ct.app_label, ct.model] for ct in ContentType.objects.all()}


def _permission_keys():
    from django.contrib.auth.models import Permission

    return {p.pk: [p.content_type.app_label, p.content_type.model, p.codename]
            for p in Permission.objects.select_related("content_type")}


# -- export -------------------------------------------------------------------------------------------------

def applied_migrations() -> dict[str, list[str]]:
    applied: dict[str, list[str]] = {}
    for app_label, name in MigrationRecorder(connection).applied_migrations():
        applied.setdefault(app_label, []).append(name)
    return {app: sorted(names) for app, names in sorted(applied.items())}


def export_all(path: str | os.PathLike, *, progress: Callable[[str], None] | None = None) -> dict[str, int]:
    """Write every backed-up table to ``path`` (atomically); return the row count of each table."""
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType

    path = Path(path)
    say = progress or (lambda message: None)
    counts: dict[str, int] = {}
    folder = path.parent if str(path.parent) else Path(".")
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=6) as zipped:
            digest = hashlib.sha256()
            write = _line_writer(zipped, digest)
            # One snapshot of the whole database: a concurrent write cannot land half in the file.
            outermost = not connection.in_atomic_block
            with transaction.atomic():
                # Only the first statement of a transaction may set its isolation; inside a caller's
                # transaction (a test, say) the caller's snapshot rules apply.
                if connection.vendor == "postgresql" and outermost:
                    with connection.cursor() as cursor:
                        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
                write({"format": FORMAT, "version": VERSION, "created_at": dt.datetime.now(dt.timezone.utc),
                       "database": connection.vendor, "migrations": applied_migrations()})
                keys = {ContentType: _content_type_keys(), Permission: _permission_keys()}
                for model in backup_models():
                    counts[label(model)] = _export_model(model, write, keys)
                    say(f"{label(model)}: {counts[label(model)]:,} rows")
            write({"end": True, "counts": counts, "sha256": digest.hexdigest()})
            raw.flush()
            zipped.flush()
        with open(temporary, "rb") as done:
            os.fsync(done.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    return counts


class _Encoder(DjangoJSONEncoder):
    """DjangoJSONEncoder, but times keep their microseconds (it cuts them to milliseconds)."""

    def default(self, o):
        if isinstance(o, (dt.datetime, dt.time)):
            return o.isoformat()
        if isinstance(o, dt.tzinfo):  # beat's crontab time zone (a ZoneInfo)
            return str(getattr(o, "key", o))
        return super().default(o)


def _line_writer(stream, digest=None):
    encoder = _Encoder(ensure_ascii=False, separators=(",", ":"))

    def write(value) -> None:
        line = encoder.encode(value).encode("utf-8") + b"\n"
        stream.write(line)
        if digest is not None:
            digest.update(line)

    return write


def _export_model(model, write, keys) -> int:
    fields = [f.attname for f in model._meta.concrete_fields]
    natural = _natural_key_fields(model)
    write({"model": label(model), "fields": fields})
    count = 0
    rows = model._base_manager.order_by("pk").values_list(*fields).iterator(chunk_size=CHUNK)
    positions = {fields.index(name): keys[target] for name, target in natural.items()}
    for row in rows:
        if positions:
            row = list(row)
            for i, table in positions.items():
                row[i] = table.get(row[i]) if row[i] is not None else None
        write(row)
        count += 1
    return count


# -- import -------------------------------------------------------------------------------------------------

def read_lines(path: str | os.PathLike, digest=None) -> Iterator[object]:
    """The file's lines as JSON values; ``digest`` is fed every line before the end marker, as written."""
    try:
        with gzip.open(path, "rb") as stream:
            for number, line in enumerate(stream, start=1):
                try:
                    item = json.loads(line)
                except ValueError as exc:
                    raise BackupError(f"line {number} is not JSON ({exc}); the file is corrupt") from None
                if digest is not None and not (isinstance(item, dict) and item.get("end")):
                    digest.update(line if line.endswith(b"\n") else line + b"\n")
                yield item
    except (OSError, EOFError) as exc:  # gzip.BadGzipFile is an OSError
        raise BackupError(f"cannot read {path}: {exc}") from None


def check_header(header) -> None:
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise BackupError(f"not a Slotwatch backup (expected a first line with format {FORMAT!r})")
    if header.get("version") != VERSION:
        raise BackupError(f"backup format version {header.get('version')!r} is not supported (this version reads "
                          f"{VERSION}); nothing imported")
    here = applied_migrations()
    newer = sorted(f"{app}.{name}" for app, names in (header.get("migrations") or {}).items()
                   if app in apps.app_configs for name in names if name not in here.get(app, []))
    if newer:
        raise BackupError("the backup was made by a newer schema (migrations not applied here: "
                          f"{', '.join(newer[:5])}); run migrate with the newer code first")


def existing_data() -> dict[str, int]:
    """Rows already in the tables an import would fill, leaving out what migrate itself creates."""
    found = {}
    for model in backup_models():
        if is_housekeeping(model):
            continue
        if model._base_manager.exists():
            found[label(model)] = model._base_manager.count()
    return found


@contextlib.contextmanager
def _keep_auto_timestamps(model_list):
    """bulk_create runs auto_now/auto_now_add; a restore must keep the stored times, so switch them off."""
    switched = []
    for model in model_list:
        for field in model._meta.concrete_fields:
            for flag in ("auto_now", "auto_now_add"):
                if getattr(field, flag, False):
                    setattr(field, flag, False)
                    switched.append((field, flag))
    try:
        yield
    finally:
        for field, flag in switched:
            setattr(field, flag, True)


def import_all(path: str | os.PathLike, *, replace: bool = False,
               progress: Callable[[str], None] | None = None) -> dict[str, int]:
    """Load a backup into this database in one transaction; return the row count of each table."""

    say = progress or (lambda message: None)
    digest = hashlib.sha256()
    lines = read_lines(path, digest)
    try:
        header = next(lines)
    except StopIteration:
        raise BackupError(f"{path} is empty") from None
    check_header(header)
    known = {label(model): model for model in backup_models()}
    try:
        return _import_lines(lines, known, replace, say, digest)
    except DatabaseError as exc:  # a duplicate id, a value the column refuses: the transaction was rolled back
        raise BackupError(f"the database refused a row ({type(exc).__name__}: {str(exc)[:200]})") from None


def _import_lines(lines, known, replace, say, digest) -> dict[str, int]:
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType

    counts: dict[str, int] = {}
    with transaction.atomic(), _keep_auto_timestamps(known.values()):
        if not replace:
            found = existing_data()
            if found:
                listed = ", ".join(f"{name} ({n:,})" for name, n in list(found.items())[:6])
                raise BackupError(f"the database is not empty: {listed}; use --replace to delete everything and "
                                  "restore the backup in its place")
        for model in reversed(list(known.values())):
            model._base_manager.all()._raw_delete(connection.alias)
        content_types = {(ct.app_label, ct.model): ct.pk for ct in ContentType.objects.all()}
        permissions = {(p.content_type.app_label, p.content_type.model, p.codename): p.pk
                       for p in Permission.objects.select_related("content_type")}
        model, fields, batch, trailer = None, None, [], None
        for item in lines:
            if trailer is not None:
                raise BackupError("data after the end marker; the file is corrupt")
            if isinstance(item, dict) and item.get("end"):
                _flush(model, batch)
                batch = []
                trailer = item
            elif isinstance(item, dict) and "model" in item:
                _flush(model, batch)
                batch = []
                model, fields = _start_table(item, known)
                counts[label(model)] = 0
                natural = {fields.index(name): (ContentType, content_types) if target is ContentType
                           else (Permission, permissions)
                           for name, target in _natural_key_fields(model).items() if name in fields}
                say(f"{label(model)} ...")
            elif isinstance(item, list) and model is not None:
                if len(item) != len(fields):
                    raise BackupError(f"{label(model)}: a row has {len(item)} values for {len(fields)} fields")
                for i, (target, table) in natural.items():
                    if item[i] is not None:
                        key = tuple(item[i])
                        if key not in table:
                            raise BackupError(f"{label(model)}: {target.__name__} {key} does not exist here")
                        item[i] = table[key]
                batch.append(_instance(model, fields, item))
                counts[label(model)] += 1
                if len(batch) >= CHUNK:
                    _flush(model, batch)
                    batch = []
            else:
                raise BackupError(f"unexpected line {str(item)[:80]!r}; the file is corrupt")
        if trailer is None:
            raise BackupError("the file ends before its end marker (cut short?); nothing imported")
        expected = trailer.get("counts") or {}
        if expected != counts:
            wrong = sorted(name for name in set(expected) | set(counts) if expected.get(name) != counts.get(name))
            raise BackupError(f"row counts differ from the end marker for {', '.join(wrong[:5])}; nothing imported")
        stated = trailer.get("sha256")
        if not stated:
            raise BackupError("the end marker has no SHA-256 of the rows (an edited file, or one written before "
                              "backups carried it); nothing imported")
        if stated != digest.hexdigest():
            raise BackupError("the rows do not match the SHA-256 in the end marker (the file was changed after it "
                              "was written); nothing imported")
        _reset_sequences(list(known.values()))
        _refresh_statistics(list(known.values()))
        from changelog import versions

        versions.bump()  # cached answers from before the restore are stale
        versions.bump_results()
    return counts


def _start_table(item, known):
    name = item["model"]
    model = known.get(name)
    if model is None:
        raise BackupError(f"the backup holds a table this version does not know: {name}")
    fields = list(item.get("fields") or [])
    here = {f.attname for f in model._meta.concrete_fields}
    unknown = sorted(set(fields) - here)
    if unknown:
        raise BackupError(f"{name}: fields unknown here: {', '.join(unknown)}")
    missing = sorted(f.attname for f in model._meta.concrete_fields
                     if f.attname not in fields and not f.null and not f.has_default())
    if missing:
        raise BackupError(f"{name}: required fields missing from the backup: {', '.join(missing)}")
    return model, fields


def _instance(model, fields, values):
    converted = {}
    for name, value in zip(fields, values):
        converted[name] = _to_python(_by_attname(model, name), value)
    return model(**converted)


_ATTNAMES: dict = {}


def _by_attname(model, attname):
    table = _ATTNAMES.get(model)
    if table is None:
        table = _ATTNAMES[model] = {f.attname: f for f in model._meta.concrete_fields}
    return table[attname]


def _to_python(field, value):
    if value is None:
        return None
    if isinstance(field, models.JSONField):
        return value  # already the decoded value
    if field.is_relation:
        return field.target_field.to_python(value)
    return field.to_python(value)


def _flush(model, batch) -> None:
    if model is not None and batch:
        model._base_manager.bulk_create(batch, batch_size=CHUNK)


def _reset_sequences(model_list) -> None:
    """PostgreSQL's id sequences must continue after the restored ids (SQLite takes max(id) + 1 itself)."""
    statements = connection.ops.sequence_reset_sql(_NoStyle(), model_list)
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


def _refresh_statistics(model_list) -> None:
    """Fresh planner statistics for the restored tables. Without them PostgreSQL plans as if the tables were as
    small as before the restore until autovacuum gets to them (a filings page took 47 ms instead of 7)."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in model_list:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


class _NoStyle:
    def __getattr__(self, name):
        return lambda text: text
