"""Restore a backup written by export_all, in one transaction."""

import time

from django.core.management.base import BaseCommand, CommandError

from slotwatch.backup import BackupError, import_all


class Command(BaseCommand):
    help = ("Restore a backup written by export_all. Runs in one transaction: a wrong format version, a file from "
            "a newer schema, a cut or corrupt file, or a database that already holds data (without --replace) "
            "changes nothing.")

    def add_arguments(self, parser):
        parser.add_argument("path", metavar="PATH")
        parser.add_argument("--replace", action="store_true",
                            help="Delete everything in the database first and restore the backup in its place.")

    def handle(self, *args, path, replace, **options):
        started = time.perf_counter()
        verbose = options.get("verbosity", 1) >= 2
        try:
            counts = import_all(path, replace=replace, progress=(lambda m: self.stderr.write(m)) if verbose else None)
        except BackupError as exc:
            raise CommandError(f"{path}: {exc}; nothing imported") from None
        self.stdout.write(self.style.SUCCESS(
            f"{path}: {sum(counts.values()):,} rows restored into {len(counts)} tables in "
            f"{time.perf_counter() - started:.1f} s."))
