"""Back up everything to one gzip JSON Lines file (see slotwatch/backup.py for the format)."""

import time

from django.core.management.base import BaseCommand, CommandError

from slotwatch.backup import BackupError, export_all


class Command(BaseCommand):
    help = ("Write every filing, shell, source, condition, waiver, report, constellation, membership rule, space "
            "object, milestone, score, subscription, alert, delivery, change record, admin log, user and group to PATH "
            "(gzip JSON Lines with a format version). The file is written beside PATH and renamed over it when "
            "complete. API token secrets are never stored, so only their hashes are written.")

    def add_arguments(self, parser):
        parser.add_argument("path", metavar="PATH", help="The backup file to write, e.g. slotwatch-backup.jsonl.gz")

    def handle(self, *args, path, **options):
        started = time.perf_counter()
        verbose = options.get("verbosity", 1) >= 2
        try:
            counts = export_all(path, progress=(lambda m: self.stderr.write(m)) if verbose else None)
        except (BackupError, OSError) as exc:
            raise CommandError(f"{path}: {exc}") from None
        self.stdout.write(self.style.SUCCESS(
            f"{path}: {sum(counts.values()):,} rows from {len(counts)} tables in "
            f"{time.perf_counter() - started:.1f} s."))
