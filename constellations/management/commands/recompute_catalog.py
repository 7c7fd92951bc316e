from django.core.management.base import BaseCommand
from django.db import transaction

from constellations.importer import recompute_catalog


class Command(BaseCommand):
    help = ("Recompute every catalog object's constellation, launch-date estimate, orbit state and shell from the "
            "current membership rules, filing shells and tolerance settings (import_catalog does this after each "
            "file; run it after editing shells or settings).")

    def handle(self, *args, **options):
        with transaction.atomic():
            changed = recompute_catalog()
        self.stdout.write(self.style.SUCCESS(f"{changed} object(s) changed."))
