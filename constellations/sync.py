"""Keep the catalog current from its public sources: CelesTrak, Space-Track and GCAT (``manage.py sync``).

One run of one source is a batch: every due URL of the source is downloaded first (conditionally: ETag /
If-Modified-Since of the last good download of that URL), then the changed bodies are imported through the
same path as ``import_catalog`` in one transaction. A 304 or a body identical to the last one writes nothing
but its ``SyncRecord``. Any failure (unreachable, timeout, HTTP error, empty or binary body, a login page, a
Space-Track rate-limit answer, a file the parser refuses) fails the whole batch: nothing of it is kept, the
failed ``SyncRecord`` rows are, and ``SyncFailed`` carries a message naming the source.

The intervals are the sources' own requests: CelesTrak asks that GP data be fetched at most once every 2 hours
per group (celestrak.org/NORAD/documentation/gp-data-formats.php, "Data updates"); Space-Track asks for SATCAT
at most once a day and GP at most once an hour, and limits any client to 30 requests a minute and 300 an hour
(space-track.org/documentation#/api, "API use guidelines"; the ``spacetrack`` client enforces the latter).
"""

from __future__ import annotations

import datetime as dt
import email.utils
import hashlib
import logging
import os
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from constellations.catalog.limits import SizeLimitExceeded, read_limited
from constellations.catalog.records import EPOCH_GRACE
from constellations.importer import ImportRefused, import_catalog_source
from constellations.models import SyncRecord

Source = SyncRecord.Source
Outcome = SyncRecord.Outcome
GOOD = (Outcome.IMPORTED, Outcome.NOT_MODIFIED, Outcome.UNCHANGED)
USER_AGENT = "Slotwatch catalog sync (+https://github.com/slotwatch)"
CHUNK = 256 * 1024
# Words in the path of a page a redirect ends on that mark it as a sign-in page, not data.
LOGIN_WORDS = ("login", "signin", "sign-in", "auth")

# Intervals between downloads of one URL (see the module docstring for the sources' own words).
CELESTRAK_INTERVAL = dt.timedelta(hours=2)
SPACETRACK_SATCAT_INTERVAL = dt.timedelta(days=1)
SPACETRACK_GP_INTERVAL = dt.timedelta(hours=1)
GCAT_INTERVAL = dt.timedelta(days=1)  # GCAT's data updates come about weekly; a daily look is plenty

SOURCE_NAMES = {
    Source.CELESTRAK_GP: "CelesTrak GP", Source.CELESTRAK_SATCAT: "CelesTrak SATCAT",
    Source.SPACETRACK: "Space-Track", Source.GCAT: "GCAT",
}

Progress = Callable[[str, int, int | None], None]  # (label, done, total or None)


class SyncFailed(Exception):
    """The batch failed; nothing of it was kept. The message names the source and the reason."""


class _DownloadError(Exception):
    pass


@dataclass(frozen=True)
class Planned:
    """One request of a batch."""

    source: str
    url: str  # what the SyncRecord shows and what validators and intervals are keyed on
    interval: dt.timedelta
    spacetrack_class: str | None = None  # Space-Track request class (satcat, gp) instead of a plain GET
    spacetrack_query: tuple = ()


@dataclass
class Body:
    status: int  # 200 or 304
    data: bytes = b""
    etag: str = ""
    last_modified: str = ""
    file_date: dt.datetime | None = None  # Last-Modified, else Date: what the file describes at the latest


@dataclass
class SyncResult:
    source: str
    records: list[SyncRecord] = field(default_factory=list)
    refused: list[SyncRecord] = field(default_factory=list)

    @property
    def created(self) -> int:
        return sum(r.created for r in self.records)

    @property
    def updated(self) -> int:
        return sum(r.updated for r in self.records)


def _base(setting: str) -> str:
    return getattr(settings, setting).rstrip("/")


def plan(source: str, groups: list[str] | None = None) -> list[Planned]:
    if source == Source.CELESTRAK_GP:
        base = _base("SLOTWATCH_CELESTRAK_URL")
        return [Planned(source, f"{base}/NORAD/elements/gp.php?{urlencode({'GROUP': group, 'FORMAT': 'json'})}",
                        CELESTRAK_INTERVAL)
                for group in (groups or settings.SLOTWATCH_CELESTRAK_GROUPS)]
    if source == Source.CELESTRAK_SATCAT:
        return [Planned(source, f"{_base('SLOTWATCH_CELESTRAK_URL')}/pub/satcat.csv", CELESTRAK_INTERVAL)]
    if source == Source.GCAT:
        return [Planned(source, f"{_base('SLOTWATCH_GCAT_URL')}/data/cat/satcat.tsv", GCAT_INTERVAL)]
    if source == Source.SPACETRACK:
        base = _base("SLOTWATCH_SPACETRACK_URL")
        # The whole SATCAT (decayed objects too: their decay dates are the point) and the GP set of every
        # object still in orbit with an element set of the last 30 days, the query Space-Track recommends.
        satcat = (("orderby", "norad_cat_id"), ("format", "json"))
        gp = (("decay_date", "null-val"), ("epoch", ">now-30"), ("orderby", "norad_cat_id"), ("format", "json"))
        return [
            Planned(source, _spacetrack_url(base, "satcat", satcat), SPACETRACK_SATCAT_INTERVAL, "satcat", satcat),
            Planned(source, _spacetrack_url(base, "gp", gp), SPACETRACK_GP_INTERVAL, "gp", gp),
        ]
    raise ValueError(f"unknown source {source!r}; use one of {', '.join(Source.values)}")


def _spacetrack_url(base: str, class_: str, query: tuple) -> str:
    return f"{base}/basicspacedata/query/class/{class_}/" + "/".join(f"{k}/{v}" for k, v in query)


def _last_good(url: str) -> SyncRecord | None:
    return SyncRecord.objects.filter(url=url, outcome__in=GOOD).order_by("-started_at", "-id").first()


def _last_imported(url: str) -> SyncRecord | None:
    """The download whose content the catalog holds now (imported, or confirmed unchanged since)."""
    return (SyncRecord.objects.filter(url=url, outcome__in=GOOD).exclude(content_sha256="")
            .order_by("-started_at", "-id").first())


def run_sync(source: str, *, force: bool = False, groups: list[str] | None = None,
             progress: Progress | None = None, say: Callable[[str], None] | None = None) -> SyncResult:
    """Download and import one source (see the module docstring). Raises SyncFailed."""
    name = SOURCE_NAMES.get(source, source)
    result = SyncResult(source)
    now = timezone.now()
    due = []
    for planned in plan(source, groups):
        last = _last_good(planned.url)
        if not force and last is not None and now - last.started_at < planned.interval:
            wait = last.started_at + planned.interval - now
            result.refused.append(SyncRecord.objects.create(
                source=source, url=planned.url, started_at=now, finished_at=now, outcome=Outcome.REFUSED,
                message=(f"{name}: last downloaded {last.started_at:%Y-%m-%d %H:%M} UTC; the source asks for at "
                         f"most one download every {_span(planned.interval)}: next in {_span(wait)} "
                         f"(--force to download anyway)"),
            ))
        else:
            due.append(planned)
    if not due:
        return result

    downloads: list[tuple[Planned, SyncRecord, Body]] = []
    client = None
    try:
        for planned in due:
            record = SyncRecord.objects.create(source=source, url=planned.url, started_at=timezone.now())
            result.records.append(record)
            try:
                if planned.spacetrack_class:
                    client = client or _spacetrack_client()
                    body = _spacetrack_get(client, planned, progress)
                else:
                    body = _http_get(planned.url, _validators(planned.url), progress, label=name)
            except (_DownloadError, SizeLimitExceeded) as exc:
                _fail(result.records, record, f"{name}: {exc}")
                raise SyncFailed(record.message) from exc
            except SyncFailed as exc:
                _fail(result.records, record, str(exc))
                raise
            record.bytes = len(body.data)
            downloads.append((planned, record, body))
    finally:
        if client is not None:
            _close(client)

    failed_record = None
    try:
        with transaction.atomic():
            for planned, record, body in downloads:
                failed_record = record
                _import(name, record, body, say)
    except ImportRefused as exc:  # its message names the URL (the file name given to the importer)
        _fail(result.records, failed_record, f"{name}: {exc}")
        raise SyncFailed(failed_record.message) from exc
    except Exception as exc:  # the database or the importer broke: the batch is rolled back all the same
        _fail(result.records, failed_record,
              f"{name}: {failed_record.url}: import failed ({type(exc).__name__}: {exc})")
        raise SyncFailed(failed_record.message) from exc
    for _, record, _ in downloads:
        record.save()
    return result


def _import(name: str, record: SyncRecord, body: Body, say) -> None:
    record.etag, record.last_modified = body.etag[:300], body.last_modified[:64]
    record.finished_at = timezone.now()
    if body.status == 304:
        previous = _last_imported(record.url)
        record.outcome, record.message = Outcome.NOT_MODIFIED, "not modified since the last download (HTTP 304)"
        record.content_sha256 = previous.content_sha256 if previous else ""
        return
    digest = hashlib.sha256(body.data).hexdigest()
    record.content_sha256 = digest
    previous = _last_imported(record.url)
    if previous is not None and previous.content_sha256 == digest:
        record.outcome, record.message = Outcome.UNCHANGED, "same content as the last download; nothing written"
        return
    now = timezone.now()
    latest = min(body.file_date or now, now) + EPOCH_GRACE
    imported = import_catalog_source(
        body.data, file_name=record.url, progress=say, not_after=latest,
    )
    record.created, record.updated, record.unchanged = imported.created, imported.updated, imported.unchanged
    record.rejected = imported.rejected
    record.outcome = Outcome.IMPORTED
    record.finished_at = timezone.now()
    record.message = (f"{imported.format}, data as of {imported.data_as_of}: catalog import #{imported.pk}; "
                      f"{imported.message}")


def _fail(records: list[SyncRecord], failed: SyncRecord, message: str) -> None:
    """Keep the failed batch's records: the one that failed with its reason, the others as rolled back."""
    now = timezone.now()
    for record in records:
        record.outcome = Outcome.FAILED
        record.finished_at = record.finished_at or now
        record.created = record.updated = record.unchanged = record.rejected = 0
        record.message = message if record is failed else f"not kept: the batch failed ({message})"
        record.save()


def _span(delta: dt.timedelta) -> str:
    minutes = max(1, int(delta.total_seconds() // 60))
    if minutes < 120:
        return f"{minutes} min"
    hours = minutes / 60
    return f"{hours:.0f} hours" if hours < 48 else f"{hours / 24:.0f} days"


# --- plain HTTP (CelesTrak, GCAT) -------------------------------------------------------------------

def _validators(url: str) -> dict[str, str]:
    last = _last_imported(url)
    if last is None:
        return {}
    headers = {}
    if last.etag:
        headers["If-None-Match"] = last.etag
    if last.last_modified:
        headers["If-Modified-Since"] = last.last_modified
    return headers


def _http_date(value: str | None) -> dt.datetime | None:
    if not value:
        return None
    try:
        parsed = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)


def _http_get(url: str, conditional: dict[str, str], progress: Progress | None, label: str) -> Body:
    timeout = settings.SLOTWATCH_SYNC_TIMEOUT_SECONDS
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept-Encoding": "gzip",
                                                   **conditional})
    try:
        response = urllib.request.urlopen(request, timeout=timeout)
    except urllib.error.HTTPError as exc:
        if exc.code == 304:
            return Body(304, etag=exc.headers.get("ETag", ""), last_modified=exc.headers.get("Last-Modified", ""))
        raise _DownloadError(f"{url} answered HTTP {exc.code} {exc.reason}") from exc
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError):
            raise _DownloadError(f"{url} did not answer within {timeout:g} s") from exc
        raise _DownloadError(f"{url} is unreachable ({exc.reason})") from exc
    except TimeoutError as exc:
        raise _DownloadError(f"{url} did not answer within {timeout:g} s") from exc
    except (OSError, ValueError) as exc:
        raise _DownloadError(f"{url} is unreachable ({exc})") from exc
    with response:
        final = response.geturl()
        content_type = response.headers.get("Content-Type", "")
        if final != url and any(word in urlsplit(final).path.lower() for word in LOGIN_WORDS):
            raise _DownloadError(f"{url} redirected to a login page ({final}), not to data")
        total = response.headers.get("Content-Length")
        total = int(total) if total and total.isdigit() else None
        report = (lambda done: progress(label, done, total)) if progress else None
        try:
            data = read_limited(_chunks(response), settings.SLOTWATCH_CATALOG_MAX_BYTES,
                                what=f"the download of {url}", progress=report)
        except TimeoutError as exc:
            raise _DownloadError(f"{url} stopped sending within {timeout:g} s") from exc
        except OSError as exc:
            raise _DownloadError(f"{url}: the connection broke ({exc})") from exc
        _check_body(url, data, content_type, final)
        return Body(200, data, etag=response.headers.get("ETag", ""),
                    last_modified=response.headers.get("Last-Modified", ""),
                    file_date=_http_date(response.headers.get("Last-Modified") or response.headers.get("Date")))


def _chunks(response):
    while True:
        chunk = response.read(CHUNK)
        if not chunk:
            return
        yield chunk


def _check_body(url: str, data: bytes, content_type: str, final: str) -> None:
    """Refuse what is plainly not a catalog before the parser sees it, with a reason a person can act on."""
    if not data.strip():
        raise _DownloadError(f"{url} answered an empty body")
    head = data[:512].lstrip().lower()
    if "text/html" in content_type.lower() or head.startswith((b"<!doctype html", b"<html")):
        where = "a login page" if any(w in (final + data[:4096].decode("latin-1")).lower() for w in LOGIN_WORDS) \
            else "an HTML page"
        raise _DownloadError(f"{url} answered {where}, not catalog data")


# --- Space-Track ------------------------------------------------------------------------------------

class SpaceTrackRateLimited(_DownloadError):
    pass


def _spacetrack_client():
    identity, password = os.environ.get("SPACETRACK_IDENTITY"), os.environ.get("SPACETRACK_PASSWORD")
    if not identity or not password:
        raise SyncFailed("Space-Track: set SPACETRACK_IDENTITY and SPACETRACK_PASSWORD in the environment "
                         "(a free account at www.space-track.org); nothing downloaded")
    import httpx2
    from spacetrack import SpaceTrackClient

    class NoWaitClient(SpaceTrackClient):
        def _ratelimit_wait(self, duration):
            # The client would sleep until its quota (30/minute, 300/hour) frees up, or a minute after a
            # rate-limit answer. A scheduled sync must not hang a worker: stop, and the next run tries again.
            # (A private hook of spacetrack==2.1.0, pinned in requirements.txt; tests/constellations/test_sync.py
            # fails if it stops being called.)
            raise SpaceTrackRateLimited(f"Space-Track's rate limit (30 requests a minute, 300 an hour) is reached "
                                        f"or it answered with its rate-limit error; it asks to wait {duration:.0f} s. "
                                        f"Nothing downloaded; try again later")

    client = NoWaitClient(
        identity, password, base_url=_base("SLOTWATCH_SPACETRACK_URL") + "/",
        httpx_client=httpx2.Client(timeout=settings.SLOTWATCH_SYNC_TIMEOUT_SECONDS),
        cache_path=Path(settings.VAR_DIR) / "spacetrack-cache",
    )
    return client


def _close(client) -> None:
    """Log out and close; a failed logout loses nothing (the session expires on its own), so it is only logged."""
    try:
        client.close()
    except Exception as exc:  # noqa: BLE001 - any transport or HTTP error of the logout
        logging.getLogger(__name__).warning("Space-Track logout failed: %s", exc)


def _spacetrack_get(client, planned: Planned, progress: Progress | None) -> Body:
    import httpx2
    from spacetrack import AuthenticationError

    timeout = settings.SLOTWATCH_SYNC_TIMEOUT_SECONDS
    try:
        chunks = client.generic_request(planned.spacetrack_class, iter_content=True, **dict(planned.spacetrack_query))
        encoded = (c.encode("utf-8") if isinstance(c, str) else c for c in chunks)
        report = (lambda done: progress(f"Space-Track {planned.spacetrack_class}", done, None)) if progress else None
        data = read_limited(encoded, settings.SLOTWATCH_CATALOG_MAX_BYTES,
                            what=f"the Space-Track {planned.spacetrack_class} download", progress=report)
    except SpaceTrackRateLimited:
        raise
    except AuthenticationError as exc:
        raise _DownloadError("login refused: check SPACETRACK_IDENTITY and SPACETRACK_PASSWORD") from exc
    except httpx2.HTTPStatusError as exc:
        text = exc.response.text[:200] if exc.response is not None else ""
        if "rate limit" in text.lower():
            raise SpaceTrackRateLimited(f"{planned.url}: Space-Track answered with its rate-limit error "
                                        f"(HTTP {exc.response.status_code}); nothing downloaded") from exc
        raise _DownloadError(f"{planned.url} answered HTTP {exc.response.status_code}") from exc
    except httpx2.TimeoutException as exc:
        raise _DownloadError(f"{planned.url} did not answer within {timeout:g} s") from exc
    except httpx2.TransportError as exc:
        raise _DownloadError(f"{planned.url} is unreachable ({exc})") from exc
    except (ValueError, KeyError) as exc:  # a modeldef or login answer that is not the JSON expected
        raise _DownloadError(f"{planned.url}: unexpected answer ({exc})") from exc
    _check_body(planned.url, data, "", planned.url)
    if b"violated your query rate limit" in data[:2048]:
        raise SpaceTrackRateLimited(f"{planned.url}: Space-Track answered with its rate-limit error")
    return Body(200, data, file_date=timezone.now())
