"""Download and import the public catalogs: CelesTrak GP and SATCAT, Space-Track, GCAT (constellations/sync.py)."""

import time

from django.core.management.base import BaseCommand, CommandError

from constellations.models import SyncRecord
from constellations.sync import SyncFailed, run_sync


class ProgressBar:
    """One self-rewriting line on a terminal; nothing at all when the output is a file or a pipe."""

    WIDTH = 30

    def __init__(self, stream, enabled: bool):
        self.stream, self.enabled, self.last = stream, enabled, 0.0
        self.open = False

    def download(self, label: str, done: int, total: int | None) -> None:
        if not self.enabled or time.monotonic() - self.last < 0.1:
            return
        self.last = time.monotonic()
        if total:
            filled = int(self.WIDTH * min(done, total) / total)
            line = f"{label} [{'#' * filled}{'.' * (self.WIDTH - filled)}] {done / total:4.0%} {done / 1e6:,.1f} MB"
        else:
            line = f"{label} {done / 1e6:,.1f} MB"
        self._draw(line)

    def say(self, message: str) -> None:
        if self.enabled:
            self._draw(message)

    def _draw(self, line: str) -> None:
        self.stream.write(f"\r{line[:100]:<100}", ending="")
        self.stream.flush()
        self.open = True

    def close(self) -> None:
        if self.open:
            self.stream.write("\r" + " " * 100 + "\r", ending="")
            self.open = False


class Command(BaseCommand):
    help = (
        "Download the public catalogs and import them: celestrak-gp (OMM JSON per group, at most every 2 hours), "
        "celestrak-satcat, spacetrack (SATCAT daily and GP; SPACETRACK_IDENTITY / SPACETRACK_PASSWORD), gcat. "
        "Requests are conditional (ETag / If-Modified-Since); an unchanged answer writes nothing. Each source is "
        "one transaction: a failure keeps nothing of it, is recorded (Sync records in the admin and the API) and "
        "ends the command with a non-zero status."
    )

    def add_arguments(self, parser):
        parser.add_argument("sources", nargs="+", metavar="SOURCE", choices=SyncRecord.Source.values)
        parser.add_argument("--group", dest="groups", action="append",
                            help="CelesTrak GP group (repeatable; default SLOTWATCH_CELESTRAK_GROUPS).")
        parser.add_argument("--force", action="store_true",
                            help="Download even if the source's minimum interval has not passed.")

    def handle(self, *args, sources, groups, force, **options):
        quiet = options.get("verbosity", 1) < 1
        bar = ProgressBar(self.stderr, enabled=not quiet and self.stderr.isatty())
        failures = []
        for source in dict.fromkeys(sources):
            started = time.perf_counter()
            try:
                result = run_sync(source, force=force, groups=groups, progress=bar.download, say=bar.say)
            except SyncFailed as exc:
                bar.close()
                failures.append(str(exc))
                self.stderr.write(self.style.ERROR(str(exc)))
                continue
            bar.close()
            for record in result.refused:
                self.stderr.write(self.style.WARNING(record.message))
            for record in result.records:
                self.stdout.write(self.style.SUCCESS(
                    f"{record.url}: {record.get_outcome_display().lower()}, {record.bytes:,} bytes, "
                    f"{record.created:,} created, {record.updated:,} updated, {record.rejected:,} rejected"
                ))
            if result.records:
                self.stdout.write(f"{source}: done in {time.perf_counter() - started:.1f} s.")
        if failures:
            raise CommandError("; ".join(failures))
