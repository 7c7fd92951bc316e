"""Import satellite catalog files: TLE (2/3-line), OMM JSON/CSV, CelesTrak SATCAT CSV/JSON, Space-Track SATCAT."""

import datetime as dt
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from constellations.catalog import CatalogFormat
from constellations.importer import ImportRefused, import_catalog_source

SHOWN_REJECTIONS = 20


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"--as-of {text!r} is not a date (YYYY-MM-DD).") from None


class Command(BaseCommand):
    help = (
        "Import catalog files (plain or gzip; the format is detected from the content). Objects are upserted by "
        "NORAD id, each file in one transaction; rejected rows are reported with line and reason. Re-importing a "
        "file changes nothing. Membership, launch estimates and orbit states are recomputed after each file."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH")
        parser.add_argument("--format", dest="fmt", choices=[f.value for f in CatalogFormat],
                            help="Override format detection.")
        parser.add_argument("--as-of", type=_date,
                            help="Date the file describes (default: median epoch, or newest launch/decay).")
        parser.add_argument("--progress-every", type=int, default=5000, help="Rows between progress lines.")

    def handle(self, *args, paths, fmt, as_of, progress_every, **options):
        progress = (lambda message: self.stderr.write(message)) if options.get("verbosity", 1) >= 1 else None
        failures = []
        for path in paths:
            started = time.perf_counter()
            try:
                record = import_catalog_source(path, fmt=fmt, as_of=as_of, progress=progress,
                                               progress_every=max(1, progress_every))
            except ImportRefused as exc:
                failures.append(str(exc))
                self.stderr.write(self.style.ERROR(str(exc)))
                continue
            except FileNotFoundError:
                failures.append(f"{path}: no such file")
                self.stderr.write(self.style.ERROR(f"{path}: no such file; nothing imported"))
                continue
            except DatabaseError as exc:  # e.g. the server restarted: the file's transaction was rolled back
                message = f"{path}: import failed ({type(exc).__name__}: {str(exc).strip()}); run it again"
                failures.append(message)
                self.stderr.write(self.style.ERROR(message))
                continue
            self.stdout.write(self.style.SUCCESS(
                f"{path} ({record.format}, data as of {record.data_as_of}): {record.created} created, "
                f"{record.updated} updated, {record.unchanged} unchanged, {record.rejected} rejected"
                + (f", {record.duplicates_skipped} identical duplicates skipped" if record.duplicates_skipped else "")
                + f" in {time.perf_counter() - started:.1f} s."
            ))
            for rejection in record.rejections[:SHOWN_REJECTIONS]:
                norad = rejection["norad"] if rejection["norad"] is not None else "?"
                self.stdout.write(f"  line {rejection['line']}: NORAD {norad}: {rejection['reason']}")
            if record.rejected > SHOWN_REJECTIONS:
                self.stdout.write(f"  ... and {record.rejected - SHOWN_REJECTIONS} more (see the admin, "
                                  f"Catalog imports #{record.pk})")
        if failures:
            raise CommandError("; ".join(failures))
