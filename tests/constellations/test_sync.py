"""manage.py sync against a real HTTP server on 127.0.0.1 serving the real catalog files (tests/fixtures/catalog,
constellations/data): success, a second sync that writes nothing, every failure named by its source, the
intervals the sources ask for, and the Space-Track client's own protocol (login, modeldef, query)."""

import datetime as dt
import gzip
import json
import socket

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.utils import timezone

from constellations.models import CatalogImport, SpaceObject, SyncRecord
from constellations.sync import SyncFailed, run_sync
from tests.constellations.catalog_helpers import FIXTURES
from tests.constellations.sync_server import CatalogServer, fixed, slow, start

pytestmark = pytest.mark.django_db

GP_PATH = "/NORAD/elements/gp.php?GROUP=active&FORMAT=json"
OMM = (FIXTURES / "omm_celestrak_slice.json").read_bytes()
OMM_IDS = {row["NORAD_CAT_ID"] for row in json.loads(OMM)}


@pytest.fixture
def server(settings, tmp_path):
    running = start(CatalogServer())
    settings.SLOTWATCH_CELESTRAK_URL = running.url
    settings.SLOTWATCH_GCAT_URL = running.url + "/space/gcat"
    settings.SLOTWATCH_SPACETRACK_URL = running.url
    settings.SLOTWATCH_CELESTRAK_GROUPS = ["active"]
    settings.SLOTWATCH_SYNC_TIMEOUT_SECONDS = 5
    settings.VAR_DIR = tmp_path
    yield running
    running.httpd.shutdown()
    running.httpd.server_close()


def sync(*args):
    call_command("sync", *args, verbosity=0)


def test_celestrak_gp_imports_the_group_and_records_the_sync(server):
    server.static(GP_PATH, OMM, etag='"gp-1"', last_modified="Sat, 22 Aug 2026 18:00:00 GMT")
    sync("celestrak-gp")
    assert set(SpaceObject.objects.values_list("norad_id", flat=True)) == OMM_IDS
    record = SyncRecord.objects.get()
    assert (record.source, record.outcome, record.bytes) == ("celestrak-gp", "imported", len(OMM))
    assert record.created == len(OMM_IDS) and record.url == server.url + GP_PATH
    assert record.etag == '"gp-1"' and record.finished_at >= record.started_at
    assert server.requests_to(GP_PATH)[0].headers.get("Accept-Encoding") == "gzip"


def test_a_second_sync_sends_the_validators_and_a_304_writes_nothing(server):
    server.static(GP_PATH, OMM, etag='"gp-1"', last_modified="Sat, 22 Aug 2026 18:00:00 GMT")
    sync("celestrak-gp")
    stamps = dict(SpaceObject.objects.values_list("norad_id", "updated_at"))
    sync("celestrak-gp", "--force")
    second = server.requests_to(GP_PATH)[1].headers
    assert second["If-None-Match"] == '"gp-1"' and second["If-Modified-Since"] == "Sat, 22 Aug 2026 18:00:00 GMT"
    assert SyncRecord.objects.order_by("-id").first().outcome == "not_modified"
    assert dict(SpaceObject.objects.values_list("norad_id", "updated_at")) == stamps
    assert CatalogImport.objects.count() == 1


def test_the_same_body_without_validators_writes_nothing(server):
    server.static(GP_PATH, OMM)  # no ETag, no Last-Modified: only the content tells
    sync("celestrak-gp")
    stamps = dict(SpaceObject.objects.values_list("norad_id", "updated_at"))
    sync("celestrak-gp", "--force")
    assert len(server.requests_to(GP_PATH)) == 2
    assert SyncRecord.objects.order_by("-id").first().outcome == "unchanged"
    assert dict(SpaceObject.objects.values_list("norad_id", "updated_at")) == stamps
    assert CatalogImport.objects.count() == 1


def test_celestrak_gp_is_fetched_at_most_every_two_hours_per_group(server, capsys):
    server.static(GP_PATH, OMM)
    with time_machine.travel(dt.datetime(2026, 12, 6, 4, 0, tzinfo=dt.UTC), tick=False):
        sync("celestrak-gp")
    with time_machine.travel(dt.datetime(2026, 12, 6, 5, 59, tzinfo=dt.UTC), tick=False):
        call_command("sync", "celestrak-gp")
        refused = SyncRecord.objects.order_by("-id").first()
    assert len(server.requests_to(GP_PATH)) == 1  # refused without a request
    assert refused.outcome == "refused" and "every 2 hours" in refused.message and "next in 1 min" in refused.message
    assert "--force" in capsys.readouterr().err
    with time_machine.travel(dt.datetime(2026, 12, 6, 6, 1, tzinfo=dt.UTC), tick=False):
        sync("celestrak-gp")
    assert len(server.requests_to(GP_PATH)) == 2


def failure_cases(server_url):
    html_login = b"<!DOCTYPE html><html><body><form action='/auth/login'>Sign in</form></body></html>"
    return {
        "http-error": (fixed(503, b"Service Unavailable"), "answered HTTP 503"),
        "empty": (fixed(200, b"", {"Content-Type": "application/json"}), "empty body"),
        "binary": (fixed(200, b"\x00\x01\x02PK\x03\x04" * 100, {"Content-Type": "application/octet-stream"}),
                   "binary"),
        "garbage-text": (fixed(200, b"No GP data found"), "unknown catalog format"),
        "redirect-to-login": (fixed(302, b"", {"Location": "/account/login?next=/gp"}), "redirected to a login page"),
        "login-page": (fixed(200, html_login, {"Content-Type": "text/html"}), "login page"),
        "timeout": (slow(3), "did not answer within 1 s"),
    }


@pytest.mark.parametrize("case", sorted(failure_cases("")))
def test_a_failure_names_the_source_keeps_nothing_and_exits_non_zero(server, settings, case):
    settings.SLOTWATCH_SYNC_TIMEOUT_SECONDS = 1
    route, expected = failure_cases(server.url)[case]
    server.routes[GP_PATH] = route
    server.routes["/account/login?next=/gp"] = fixed(200, b"<html>Sign in</html>", {"Content-Type": "text/html"})
    with pytest.raises(CommandError) as raised:
        sync("celestrak-gp")
    assert str(raised.value).startswith("CelesTrak GP: ") and expected in str(raised.value)
    assert not SpaceObject.objects.exists() and not CatalogImport.objects.exists()
    record = SyncRecord.objects.get()
    assert record.outcome == "failed" and expected in record.message


def test_an_unreachable_source_is_named(server, settings):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.SLOTWATCH_GCAT_URL = f"http://127.0.0.1:{port}/space/gcat"
    with pytest.raises(SyncFailed, match=r"^GCAT: .*satcat\.tsv is unreachable"):
        run_sync("gcat")
    assert SyncRecord.objects.get().outcome == "failed"


def test_a_failure_late_in_the_batch_keeps_nothing_of_the_batch(server):
    server.static(GP_PATH, OMM)
    server.routes["/NORAD/elements/gp.php?GROUP=broken&FORMAT=json"] = fixed(200, b"Invalid query")
    with pytest.raises(SyncFailed, match="GROUP=broken"):
        run_sync("celestrak-gp", groups=["active", "broken"])
    assert not SpaceObject.objects.exists() and not CatalogImport.objects.exists()
    outcomes = dict(SyncRecord.objects.values_list("url", "outcome"))
    assert set(outcomes.values()) == {"failed"} and len(outcomes) == 2
    assert "not kept" in SyncRecord.objects.get(url__endswith="GROUP=active&FORMAT=json").message
    # the failed download does not count against the interval: the next run may try again at once
    server.routes["/NORAD/elements/gp.php?GROUP=broken&FORMAT=json"] = fixed(200, OMM)
    run_sync("celestrak-gp", groups=["active", "broken"])
    assert set(SpaceObject.objects.values_list("norad_id", flat=True)) == OMM_IDS


def test_downloads_and_their_gzip_content_are_bounded(server, settings):
    settings.SLOTWATCH_CATALOG_MAX_BYTES = 64 * 1024
    server.static(GP_PATH, b"[" + b" " * (200 * 1024) + b"]")
    with pytest.raises(SyncFailed, match="larger than the limit of 65,536 bytes"):
        run_sync("celestrak-gp")
    bomb = gzip.compress(b" " * (8 * 1024 * 1024))  # 8 KB that inflate to 8 MB
    assert len(bomb) < 64 * 1024
    server.static(GP_PATH, bomb, content_type="application/gzip")
    with pytest.raises(SyncFailed, match=r"gzip content, inflated, is larger than the limit of 65,536 bytes"):
        run_sync("celestrak-gp", force=True)
    assert not SpaceObject.objects.exists()


def test_impossible_rows_are_refused_with_line_and_reason(server):
    rows = json.loads(OMM)[:3]
    future, deep, ok = (dict(rows[0]), dict(rows[1]), rows[2])
    future["EPOCH"] = "2200-01-01T00:00:00"
    deep["MEAN_MOTION"] = 1e308
    server.static(GP_PATH, json.dumps([future, deep, ok]).encode(), last_modified="Sat, 22 Aug 2026 18:00:00 GMT")
    run_sync("celestrak-gp")
    assert list(SpaceObject.objects.values_list("norad_id", flat=True)) == [ok["NORAD_CAT_ID"]]
    rejections = CatalogImport.objects.get().rejections
    assert rejections[0]["line"] == 1 and "after the file's date (2026-08-23" in rejections[0]["reason"]
    assert rejections[1]["line"] == 2 and "below the Earth's surface" in rejections[1]["reason"]
    assert SyncRecord.objects.get().rejected == 2


def test_celestrak_satcat_and_gcat(server):
    satcat = (FIXTURES / "satcat_celestrak_slice.csv").read_bytes()
    server.static("/pub/satcat.csv", satcat, content_type="text/csv")
    gcat = (FIXTURES / "gcat_satcat_slice.tsv").read_bytes()
    server.static("/space/gcat/data/cat/satcat.tsv", gcat, etag='"g1"', content_type="text/tab-separated-values")
    sync("celestrak-satcat", "gcat")
    records = {r.source: r for r in SyncRecord.objects.all()}
    assert records["celestrak-satcat"].outcome == records["gcat"].outcome == "imported"
    explorer = SpaceObject.objects.get(pk=4)  # GCAT: attached to its stage, re-entered 1970 Mar 31 1045?
    assert explorer.decay_date == dt.date(1970, 3, 31) and explorer.owner == "ABMA/JPLA"
    guowang = SpaceObject.objects.get(pk=67236)
    assert guowang.decay_date is None and guowang.launch_date == dt.date(2025, 12, 25)
    assert guowang.mean_altitude_km == pytest.approx(919.5)


# --- Space-Track: the real client (spacetrack==2.1.0) against the local server ---------------------------

ST_SATCAT = "/basicspacedata/query/class/satcat/orderby/norad_cat_id/format/json"
ST_GP = "/basicspacedata/query/class/gp/decay_date/null-val/epoch/%3Enow-30/orderby/norad_cat_id/format/json"


def modeldef(*fields):
    rows = [{"Field": name, "Type": "varchar(100)", "Null": "YES", "Key": "", "Default": "", "Extra": ""}
            for name in fields]
    return fixed(200, json.dumps({"controller": "basicspacedata", "data": rows}).encode(),
                 {"Content-Type": "application/json"})


@pytest.fixture
def spacetrack(server, monkeypatch):
    monkeypatch.setenv("SPACETRACK_IDENTITY", "analyst@example.org")
    monkeypatch.setenv("SPACETRACK_PASSWORD", "secret")
    server.routes["/ajaxauth/login"] = fixed(200, b'""', {"Content-Type": "application/json"})
    server.routes["/ajaxauth/logout"] = fixed(200, b'"Successfully logged out"', {"Content-Type": "application/json"})
    server.routes["/basicspacedata/modeldef/class/satcat"] = modeldef("NORAD_CAT_ID", "INTLDES", "DECAY")
    server.routes["/basicspacedata/modeldef/class/gp"] = modeldef("NORAD_CAT_ID", "EPOCH", "DECAY_DATE")
    server.static(ST_SATCAT, (FIXTURES / "satcat_spacetrack_slice.json").read_bytes())
    server.static(ST_GP, (FIXTURES / "omm_spacetrack_slice.json").read_bytes())
    return server


def test_spacetrack_logs_in_and_imports_satcat_and_gp(spacetrack):
    result = run_sync("spacetrack")
    assert [r.outcome for r in result.records] == ["imported", "imported"]
    login = spacetrack.requests_to("/ajaxauth/login")
    assert len(login) == 1 and login[0].method == "POST"
    gp_ids = {int(row["NORAD_CAT_ID"]) for row in json.loads((FIXTURES / "omm_spacetrack_slice.json").read_bytes())}
    assert gp_ids <= set(SpaceObject.objects.values_list("norad_id", flat=True))
    # SATCAT once a day, GP once an hour: two hours later only GP is due
    later = timezone.now() + dt.timedelta(hours=2)
    with time_machine.travel(later, tick=False):
        again = run_sync("spacetrack")
    assert [r.url.split("/class/")[1].split("/")[0] for r in again.refused] == ["satcat"]
    assert [r.outcome for r in again.records] == ["unchanged"]


def test_spacetrack_rate_limit_answer_fails_at_once(spacetrack):
    spacetrack.routes[ST_GP] = fixed(500, b"You've violated your query rate limit. Please refer to our Acceptable "
                                          b"Use Policy.")
    started = timezone.now()
    with pytest.raises(SyncFailed, match=r"^Space-Track: .*rate limit"):
        run_sync("spacetrack")
    assert timezone.now() - started < dt.timedelta(seconds=20)  # the client's own 60 s sleep is not taken
    assert not SpaceObject.objects.exists()
    assert set(SyncRecord.objects.values_list("outcome", flat=True)) == {"failed"}


def test_spacetrack_without_credentials_says_what_to_set(server, monkeypatch):
    monkeypatch.delenv("SPACETRACK_IDENTITY", raising=False)
    with pytest.raises(CommandError, match="SPACETRACK_IDENTITY"):
        sync("spacetrack")


def test_spacetrack_wrong_password(spacetrack):
    spacetrack.routes["/ajaxauth/login"] = fixed(200, b'{"Login": "Failed"}', {"Content-Type": "application/json"})
    with pytest.raises(SyncFailed, match="Space-Track: login refused"):
        run_sync("spacetrack")


def test_the_beat_schedule_has_a_task_per_source(settings):
    from constellations.tasks import sync_source

    entries = {e["args"][0]: e["task"] for e in settings.CELERY_BEAT_SCHEDULE.values() if e["task"] == sync_source.name}
    assert set(entries) == set(SyncRecord.Source.values)


def test_the_task_records_a_failure_and_lets_the_next_run_retry(server):
    from constellations.tasks import sync_source

    server.routes[GP_PATH] = fixed(503, b"down")
    assert "HTTP 503" in sync_source("celestrak-gp")["failed"]
    server.static(GP_PATH, OMM)
    assert sync_source("celestrak-gp")["created"] == len(OMM_IDS)


def test_import_catalog_shares_the_bounded_reading(tmp_path, settings):
    settings.SLOTWATCH_CATALOG_MAX_BYTES = 64 * 1024
    bomb = tmp_path / "active.json.gz"
    bomb.write_bytes(gzip.compress(b" " * (4 * 1024 * 1024)))
    with pytest.raises(CommandError, match=r"larger than the limit of 65,536 bytes \(SLOTWATCH_CATALOG_MAX_BYTES\)"):
        call_command("import_catalog", str(bomb), verbosity=0)
    assert not SpaceObject.objects.exists()


class FakeTerminal:
    def __init__(self):
        self.written = []

    def write(self, text, ending="\n"):
        self.written.append(text + ending)

    def flush(self):
        pass


def test_the_progress_bar_draws_on_a_terminal_only():
    from constellations.management.commands.sync import ProgressBar

    quiet, terminal = FakeTerminal(), FakeTerminal()
    ProgressBar(quiet, enabled=False).download("CelesTrak GP", 5_000_000, 10_000_000)
    bar = ProgressBar(terminal, enabled=True)
    bar.download("CelesTrak GP", 5_000_000, 10_000_000)
    bar.close()
    assert quiet.written == []
    assert "CelesTrak GP [###############...............]  50% 5.0 MB" in terminal.written[0]
    assert terminal.written[0].startswith("\r") and terminal.written[-1].endswith("\r")
