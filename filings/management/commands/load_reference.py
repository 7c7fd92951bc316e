from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from filings.reference import DATA_DIR, ReferenceDataError, load_reference


class Command(BaseCommand):
    help = "Load the curated reference filings (filings/data/*.yaml). Idempotent; all or nothing."

    def add_arguments(self, parser):
        parser.add_argument("--data-dir", type=Path, default=DATA_DIR, help="Folder holding the YAML files.")

    def handle(self, *args, data_dir, **options):
        try:
            report = load_reference(data_dir)
        except ReferenceDataError as error:
            raise CommandError(
                f"Nothing was loaded: {len(error.problems)} problem(s) in {data_dir}:\n  "
                + "\n  ".join(error.problems)
            ) from None
        for line in report.lines():
            self.stdout.write(line)
        changed = report.total("created") + report.total("updated") + report.total("deleted")
        self.stdout.write(self.style.SUCCESS(f"Reference data loaded ({changed} change(s))."))
