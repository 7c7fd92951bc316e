import datetime as dt
import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from compliance.evaluation import evaluate_filing, filings_for_evaluation, refresh_milestones
from constellations.deployment import deployment_for


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"--as-of {text!r} is not a date (YYYY-MM-DD).") from None


def _deployment_summary(filing, as_of: dt.date) -> dict:
    """Which deployment series the rules read for this filing (catalog or reported) and its count as of the date."""
    series = deployment_for(filing)
    reading = series.reading_at(as_of, "on_station")
    return {
        "source": "" if series.is_empty() else series.source,
        "on": reading.on.isoformat() if reading else None,
        "in_orbit": series.count_at(as_of, "in_orbit"),
        "on_station": series.count_at(as_of, "on_station"),
    }


class Command(BaseCommand):
    help = (
        "Evaluate every filing's milestones. Without --json, store today's results (the Milestone rows); "
        "with --json, print the results as of --as-of (default today) without storing them."
    )

    def add_arguments(self, parser):
        parser.add_argument("--as-of", type=_date, help="Evaluate as of this date (YYYY-MM-DD).")
        parser.add_argument("--json", action="store_true", help="Print every filing's results as JSON.")
        parser.add_argument("--filing", action="append", default=[], help="Only this filing key (repeatable).")

    def handle(self, *args, as_of, json: bool, filing, **options):
        filings = filings_for_evaluation()
        if filing:
            filings = filings.filter(key__in=filing)
            missing = set(filing) - set(filings.values_list("key", flat=True))
            if missing:
                raise CommandError(f"No filing with key {', '.join(sorted(missing))}.")
        as_of = as_of or timezone.now().date()
        if json:
            self.print_json(filings, as_of)
            return
        statuses = refresh_milestones(as_of, filings)
        summary = ", ".join(f"{n} {status}" for status, n in sorted(statuses.items()))
        self.stdout.write(self.style.SUCCESS(f"Evaluated {filings.count()} filings as of {as_of}: {summary}."))

    def print_json(self, filings, as_of):
        document = {
            "as_of": as_of.isoformat(),
            "filings": [
                {"key": f.key, "name": f.name, "deployment": _deployment_summary(f, as_of),
                 "results": [r.to_dict() for r in evaluate_filing(f, as_of)]}
                for f in filings
            ],
        }
        self.stdout.write(json.dumps(document, indent=2))
