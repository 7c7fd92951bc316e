"""export_all / import_all: every row of every table survives export, flush and import, field by field."""

import datetime as dt
from decimal import Decimal
import gzip
import json
import tracemalloc
import uuid

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import CommandError
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Group, Permission
from django_celery_beat.models import ClockedSchedule, CrontabSchedule, IntervalSchedule, PeriodicTask, SolarSchedule

from accounts.models import Token
from alerts.models import Alert, Delivery, DeliveryAttempt, FilingState, MilestoneState, Subscription
from changelog.models import ChangeRecord
from constellations.models import (
    DeploymentReport, ElementSetSnapshot, FilingAssignment, MembershipRule, SpaceObject,
    SyncRecord,
)
from filings.models import Filing, FrequencyBand, ItuListEntry, MilestoneCondition, Source, Waiver
from slotwatch import backup

pytestmark = pytest.mark.django_db

EXACT = dt.datetime(2026, 3, 4, 5, 6, 7, 123456, tzinfo=dt.timezone.utc)  # microseconds must survive


@pytest.fixture
def everything(users, registry):
    """At least one row in every table the backup covers (the test checks that it is so)."""
    kuiper, ctc = registry["kuiper"], registry["ctc"]
    ctc.parent = kuiper
    ctc.save()
    MilestoneCondition.objects.create(filing=kuiper, milestone="fcc_m50", due_date=dt.date(2026, 7, 30),
                                      confidence="confirmed").sources.set([registry["sources"][0]])
    Waiver.objects.create(filing=kuiper, milestone="fcc_m50", kind="extension", granted_on=dt.date(2026, 6, 5),
                          extended_to=dt.date(2028, 7, 30)).sources.set([registry["sources"][1]])
    DeploymentReport.objects.create(constellation=registry["constellation"], as_of=dt.date(2026, 6, 8), launched=331,
                                    basis="launched").sources.set(registry["sources"][:2])
    DeploymentReport.objects.create(filing=registry["oneweb"], as_of=dt.date(2025, 1, 1), in_orbit=650)
    FilingAssignment.objects.create(filing=kuiper, kind="norad", pattern="58000", source=registry["sources"][0],
                                    notes="assigned by the operator's launch announcement")
    FrequencyBand.objects.create(filing=kuiper, low_ghz=Decimal("17.8"), high_ghz=Decimal("18.6"), service="fss",
                                 direction="space_to_earth", label="Ka").sources.set([registry["sources"][0]])
    ItuListEntry.objects.create(filing=ctc, list_name="brought_into_use", listed_name="CTC-1", adm="CHN",
                                list_date=dt.date(2023, 9, 7), source=registry["sources"][0], status="N",
                                biu_date=dt.date(2026, 1, 30), expiry_date=dt.date(2032, 12, 29),
                                computed_deadline=dt.date(2032, 12, 29), provision="11.2")
    registry["usa"].sources.set([registry["sources"][0]])
    registry["operator"].sources.set([registry["sources"][0]])
    registry["constellation"].sources.set([registry["sources"][2]])
    MembershipRule.objects.get_or_create(constellation=registry["constellation"], kind="norad", pattern="58000")
    SpaceObject.objects.filter(pk=58000).update(epoch=EXACT, source_as_of=EXACT, mean_motion=15.2345678901234,
                                                bstar=-1.23e-5, eccentricity=0.0001)
    SpaceObject.objects.create(norad_id=58001, name="ΚΥΠΕΡ ünïcode", launch_date_estimated=True)
    ElementSetSnapshot.objects.create(space_object_id=58000, date=dt.date(2026, 8, 22), altitude_km=590.12345,
                                      inclination_deg=33.0)
    SyncRecord.objects.create(source="celestrak-gp", url="https://celestrak.org/NORAD/elements/gp.php?GROUP=active",
                              started_at=EXACT, finished_at=EXACT, bytes=5_000_000_000, created=3, outcome="imported",
                              etag='W/"5f-ü"', last_modified="Sun, 06 Dec 2026 04:00:00 GMT", content_sha256="e" * 64)
    subscription = Subscription.objects.create(user=users["reader"], name="Kuiper", codes=["fcc_m50"],
                                               lead_times=[90, 30], delivery_mode="daily", time_zone="Europe/Zurich")
    subscription.filings.set([kuiper])
    subscription.administrations.set([registry["usa"]])
    subscription.operators.set([registry["operator"]])
    subscription.constellations.set([registry["constellation"]])
    delivery = Delivery.objects.create(key="d-1", subscription=subscription, kind="daily", status="sent",
                                       sent_at=EXACT, message_id="<x@slotwatch>", to_address="r@example.org",
                                       attempts=1)
    Alert.objects.create(key="a-1", subscription=subscription, filing=kuiper, milestone=registry["milestone"],
                         code="fcc_m50", trigger="lead_time", lead_days=90, due_date=dt.date(2026, 7, 30),
                         as_of=dt.date(2026, 5, 1), payload={"title": "M50", "nested": [1, 2.5, None]},
                         delivery=delivery)
    DeliveryAttempt.objects.create(delivery=delivery, claim_token="abc", finished_at=EXACT, outcome="sent",
                                   smtp_code=250)
    MilestoneState.objects.create(filing=kuiper, code="fcc_m50", on_track=None, observed_on=dt.date(2026, 5, 1))
    FilingState.objects.create(filing=kuiper, status="granted", satellites=3236, observed_on=dt.date(2026, 5, 1))
    ChangeRecord.objects.create(user=users["editor"], user_name="editor", via="api", request_id=uuid.uuid4(),
                                action="update", object_type=ContentType.objects.get_for_model(Filing),
                                object_id=kuiper.pk, object_repr=str(kuiper),
                                related_type=ContentType.objects.get_for_model(Source), related_id=1,
                                diff={"name": ["a", "b"], "when": "2026-01-01"})
    Token.issue(users["editor"], "nightly export")
    LogEntry.objects.create(user=users["staff"], content_type=ContentType.objects.get_for_model(Filing),
                            object_id=str(kuiper.pk), object_repr=str(kuiper), action_flag=CHANGE,
                            change_message='[{"changed": {"fields": ["Name"]}}]')
    users["staff"].user_permissions.add(*Permission.objects.filter(codename__startswith="change_filing"))
    Group.objects.get(name="editors").permissions.add(Permission.objects.get(codename="add_source"))
    schedule = CrontabSchedule.objects.create(minute="30", hour="2")
    PeriodicTask.objects.create(name="alerts-daily", task="alerts.tasks.daily", crontab=schedule)
    PeriodicTask.objects.create(name="sweep", task="alerts.tasks.sweep",
                                interval=IntervalSchedule.objects.create(every=60, period="seconds"))
    PeriodicTask.objects.create(name="once", task="x", one_off=True,
                                clocked=ClockedSchedule.objects.create(clocked_time=EXACT))
    PeriodicTask.objects.create(name="dawn", task="y",
                                solar=SolarSchedule.objects.create(event="dawn_civil", latitude=46.2, longitude=6.1))
    return registry


def snapshot() -> dict:
    """Every backed-up row, field by field; content types by natural key (their ids change on a flush)."""
    types = {ct.pk: (ct.app_label, ct.model) for ct in ContentType.objects.all()}
    rows = {}
    for model in backup.backup_models():
        fields = [f for f in model._meta.concrete_fields]
        table = {}
        for obj in model._base_manager.order_by("pk"):
            values = {}
            for field in fields:
                value = getattr(obj, field.attname)
                if field.is_relation and field.related_model is ContentType and value is not None:
                    value = types[value]
                if field.is_relation and field.related_model.__name__ == "Permission" and value is not None:
                    value = obj.permission.codename
                values[field.attname] = value
            table[obj.pk] = values
        rows[backup.label(model)] = table
    return rows


# A real transaction per step, as in production: PostgreSQL refuses to TRUNCATE (flush) tables with
# deferred foreign-key checks still pending inside the test's wrapping transaction.
@pytest.mark.django_db(transaction=True)
def test_everything_round_trips_through_flush(everything, tmp_path):
    before = snapshot()
    empty = sorted(name for name, table in before.items() if not table)
    assert not empty, f"the fixture leaves tables without rows: {empty}"
    path = tmp_path / "backup.jsonl.gz"
    call_command("export_all", str(path), verbosity=0)
    call_command("flush", "--no-input", verbosity=0)
    assert not Filing.objects.exists() and not SpaceObject.objects.exists()
    call_command("import_all", str(path), verbosity=0)
    after = snapshot()
    for name in before:
        assert after[name] == before[name], name
    # and the restored database works: ids continue, the API answers
    assert Source.objects.create(key="after", url="https://example.org", title="t").pk > max(before["filings.source"])


@pytest.mark.django_db(transaction=True)
def test_a_restore_leaves_the_planner_fresh_statistics(everything, tmp_path):
    from django.db import connection

    if connection.vendor != "postgresql":  # SQLite's planner keeps no statistics to go stale; CI runs both
        pytest.skip("planner statistics are PostgreSQL's")
    path = tmp_path / "backup.jsonl.gz"
    call_command("export_all", str(path), verbosity=0)
    call_command("flush", "--no-input", verbosity=0)
    call_command("import_all", str(path), verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("SELECT relname, last_analyze FROM pg_stat_user_tables WHERE relname IN "
                       "('filings_filing', 'compliance_milestone', 'constellations_spaceobject')")
        analysed = dict(cursor.fetchall())
    assert set(analysed) == {"filings_filing", "compliance_milestone", "constellations_spaceobject"}
    assert all(when is not None for when in analysed.values()), analysed


def test_the_file_has_a_version_and_no_token_secret(everything, tmp_path):
    path = tmp_path / "b.gz"
    _, secret = Token.issue(everything["kuiper"].operator and Token.objects.first().user, "secret one")
    call_command("export_all", str(path), verbosity=0)
    with gzip.open(path, "rt", encoding="utf-8") as stream:
        text = stream.read()
    header = json.loads(text.splitlines()[0])
    assert header["format"] == "slotwatch-backup" and header["version"] == backup.VERSION
    assert secret not in text and secret[10:] not in text
    assert Token.objects.get(name="secret one").digest in text  # the hash, which is what the database holds
    assert json.loads(text.splitlines()[-1])["end"] is True
    assert not list(tmp_path.glob(".*.tmp")), "the temporary file was left behind"


def test_refuses_a_non_empty_database_unless_replace(everything, tmp_path):
    path = tmp_path / "b.gz"
    call_command("export_all", str(path), verbosity=0)
    Filing.objects.filter(key="oneweb-l").update(name="Changed since the backup")
    with pytest.raises(CommandError, match="not empty"):
        call_command("import_all", str(path), verbosity=0)
    assert Filing.objects.get(key="oneweb-l").name == "Changed since the backup"
    Source.objects.create(key="new-since", url="https://example.org", title="new")
    call_command("import_all", str(path), "--replace", verbosity=0)
    assert Filing.objects.get(key="oneweb-l").name == "OneWeb L"
    assert not Source.objects.filter(key="new-since").exists()


def rewrite(path, change):
    with gzip.open(path, "rt", encoding="utf-8") as stream:
        lines = stream.read().splitlines()
    lines = change(lines)
    with gzip.open(path, "wt", encoding="utf-8") as stream:
        stream.write("\n".join(lines) + "\n")


@pytest.mark.parametrize("change, message", [
    (lambda lines: [json.dumps({**json.loads(lines[0]), "version": 99}), *lines[1:]], "version 99 is not supported"),
    (lambda lines: [json.dumps({"format": "other"}), *lines[1:]], "not a Slotwatch backup"),
    (lambda lines: lines[:-1], "end marker"),
    (lambda lines: lines[:len(lines) // 2], "end marker"),
    (lambda lines: [*lines[:5], "{not json", *lines[5:]], "not JSON"),
    (lambda lines: [*lines[:-1], lines[-2], lines[-1]], "row counts differ|refused a row"),
    (lambda lines: [*lines[:-1], json.dumps({"end": True, "counts": {}})], "row counts differ"),
    (lambda lines: [json.dumps({**json.loads(lines[0]), "migrations": {"filings": ["9999_future"]}}), *lines[1:]],
     "newer schema"),
])
def test_a_bad_file_changes_nothing(everything, tmp_path, change, message):
    path = tmp_path / "b.gz"
    call_command("export_all", str(path), verbosity=0)
    rewrite(path, change)
    before = snapshot()
    with pytest.raises(CommandError, match=message):
        call_command("import_all", str(path), "--replace", verbosity=0)
    assert snapshot() == before


def test_not_gzip_is_refused(db, tmp_path):
    path = tmp_path / "plain.json"
    path.write_text("{}")
    with pytest.raises(CommandError, match="cannot read"):
        call_command("import_all", str(path), verbosity=0)


def test_an_interrupted_export_keeps_the_old_file(everything, tmp_path, monkeypatch):
    path = tmp_path / "b.gz"
    path.write_bytes(b"the previous backup")

    def boom(*args, **kwargs):
        raise RuntimeError("disk gone")

    monkeypatch.setattr(backup, "_export_model", boom)
    with pytest.raises(RuntimeError):
        call_command("export_all", str(path), verbosity=0)
    assert path.read_bytes() == b"the previous backup"
    assert list(tmp_path.iterdir()) == [path]


def test_large_catalogs_stream(db, tmp_path):
    """12,000 space objects (six chunks) out and back in, with memory bounded by a chunk, not the table."""
    SpaceObject.objects.bulk_create([
        SpaceObject(norad_id=i, name=f"SAT-{i}", cospar_id=f"2020-{i % 999:03d}A", mean_altitude_km=550.0 + i / 1e4,
                    inclination_deg=53.0, epoch=EXACT) for i in range(1, 12_001)], batch_size=5000)
    path = tmp_path / "big.gz"
    tracemalloc.start()
    call_command("export_all", str(path), verbosity=0)
    _, export_peak = tracemalloc.get_traced_memory()
    tracemalloc.reset_peak()
    call_command("import_all", str(path), "--replace", verbosity=0)
    _, import_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert SpaceObject.objects.count() == 12_000
    assert SpaceObject.objects.get(pk=11_999).epoch == EXACT
    assert export_peak < 20 * 2**20 and import_peak < 20 * 2**20, (export_peak, import_peak)


# -- the rows' checksum (issue 18): an edited backup is refused, not restored silently ---------------------------


def _make_reader_superuser(lines):
    """Edit the backup as an attacker with write access to the file would: the reader becomes a superuser."""
    out, fields = [], None
    for line in lines:
        item = json.loads(line)
        if isinstance(item, dict) and "model" in item:
            fields = item["fields"] if item["model"] == "auth.user" else None
        elif isinstance(item, list) and fields and item[fields.index("username")] == "reader":
            item[fields.index("is_superuser")] = item[fields.index("is_staff")] = True
            line = json.dumps(item, separators=(",", ":"))
        out.append(line)
    return out


def _without_checksum(lines):
    trailer = json.loads(lines[-1])
    trailer.pop("sha256")
    return [*lines[:-1], json.dumps(trailer)]


@pytest.mark.parametrize("change, message", [
    (_make_reader_superuser, "do not match the SHA-256"),
    (lambda lines: [lines[0].replace('"created_at"', '"created_at" '), *lines[1:]], "do not match the SHA-256"),
    (_without_checksum, "no SHA-256 of the rows"),
])
def test_an_edited_backup_is_refused(everything, tmp_path, change, message):
    from django.contrib.auth.models import User

    path = tmp_path / "b.gz"
    call_command("export_all", str(path), verbosity=0)
    assert json.loads(gzip.open(path, "rt").read().splitlines()[-1])["sha256"]
    rewrite(path, change)
    before = snapshot()
    with pytest.raises(CommandError, match=message):
        call_command("import_all", str(path), "--replace", verbosity=0)
    assert snapshot() == before
    assert not User.objects.get(username="reader").is_superuser


def test_the_checksum_is_not_a_signature(everything, tmp_path):
    """Whoever can write the file can recompute the checksum: the README says so."""
    import hashlib

    from django.contrib.auth.models import User

    path = tmp_path / "b.gz"
    call_command("export_all", str(path), verbosity=0)

    def forge(lines):
        edited = _make_reader_superuser(lines)
        trailer = json.loads(edited[-1])
        trailer["sha256"] = hashlib.sha256("".join(line + "\n" for line in edited[:-1]).encode()).hexdigest()
        return [*edited[:-1], json.dumps(trailer)]

    rewrite(path, forge)
    call_command("import_all", str(path), "--replace", verbosity=0)
    assert User.objects.get(username="reader").is_superuser
