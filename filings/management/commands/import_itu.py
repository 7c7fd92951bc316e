"""Import ITU Space Network List exports: brought-into-use, suspension (RR No. 11.49) and name-change lists."""

import datetime as dt
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from filings import itu_snl
from filings.itu_import import LIST_ORDER, UnreadableList, import_snl_file, parse_file

SHOWN = 20  # rejections and mismatches printed per file; the counts are always given


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"--list-date {text!r} is not a date (YYYY-MM-DD).") from None


class Command(BaseCommand):
    help = (
        "Import ITU SNL list exports (text/CSV, as the SNL serves them); the list is read from the header. "
        "Non-GSO networks are matched to ITU filings by network name and administration (created where new); "
        "GSO rows are counted and skipped. Each file is one transaction; unreadable rows are reported with line "
        "and reason. Importing the same file again writes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="FILE")
        parser.add_argument("--list-date", type=_date,
                            help="The date of the export (default: the YYYYMMDD in the file name).")

    def _progress(self, label):
        if not self.stdout.isatty():
            return None

        def show(done, total):
            self.stdout.write(f"\r  {label}: {done}/{total} rows", ending="")
            if done == total:
                self.stdout.write("")
        return show

    def handle(self, *args, paths, list_date, **options):
        failures, parsed = [], []
        for path in paths:
            try:
                parsed.append((path, parse_file(path)))
            except (UnreadableList, OSError) as exc:
                message = str(exc) if isinstance(exc, UnreadableList) else f"{path}: {exc.strerror or exc}"
                failures.append(message)
                self.stderr.write(self.style.ERROR(f"{message}; nothing imported from it"))
        parsed.sort(key=lambda item: LIST_ORDER[item[1].list_kind])  # renames first
        for path, result in parsed:
            started = time.perf_counter()
            try:
                report = import_snl_file(path, result, list_date=list_date, progress=self._progress(path))
            except UnreadableList as exc:
                failures.append(str(exc))
                self.stderr.write(self.style.ERROR(f"{exc}; nothing imported from it"))
                continue
            except DatabaseError as exc:  # the file's transaction was rolled back
                message = f"{path}: import failed ({type(exc).__name__}: {str(exc).strip()}); nothing kept"
                failures.append(message)
                self.stderr.write(self.style.ERROR(message))
                continue
            gso = f", {report.gso_skipped} GSO skipped" if report.list_kind != itu_snl.NAME_CHANGE else ""
            self.stdout.write(self.style.SUCCESS(
                f"{path} ({itu_snl.LIST_LABELS[report.list_kind]}, {report.list_date}): {report.rows} rows{gso}; "
                f"filings {report.filings_created} created, {report.filings_renamed} renamed, "
                f"{report.filings_updated} updated; entries {report.entries_created} created, "
                f"{report.entries_updated} updated, {report.entries_removed} removed; "
                f"{len(report.rejections)} rejected in {time.perf_counter() - started:.1f} s."))
            for line, reason in report.rejections[:SHOWN]:
                self.stdout.write(f"  line {line}: {reason}")
            if len(report.rejections) > SHOWN:
                self.stdout.write(f"  ... and {len(report.rejections) - SHOWN} more rejected rows")
            if report.mismatches:
                self.stdout.write(f"  {len(report.mismatches)} expiry dates differ from Slotwatch's RR No. 11.44 "
                                  f"deadline (7 years from the date of receipt):")
            for name, adm, expiry, deadline in report.mismatches[:SHOWN]:
                self.stdout.write(f"  mismatch: {name} ({adm}): ITU expiry {expiry}, Slotwatch {deadline} "
                                  f"({(expiry - deadline).days:+d} days)")
        if failures:
            raise CommandError("; ".join(failures))
