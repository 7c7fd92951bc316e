"""Refresh the FilingScore rows: here, filing by filing with progress, or fanned out to Celery (--async)."""

import datetime as dt
import time

from django.core.management.base import BaseCommand, CommandError

from compliance.scoring import DEFAULT_STEP_MINUTES, filings_for_scoring, refresh_scores
from constellations import engine


def _date(option: str):
    def parse(text: str) -> dt.date:
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            raise CommandError(f"{option} {text!r} is not a date (YYYY-MM-DD).") from None

    return parse


class Command(BaseCommand):
    help = (
        "Score every filing (or --filing KEY ...): deployment feasibility from the milestone rules, orbital "
        "contention from the capacity model, compute yield from the sunlit fraction over the window "
        "(default: the current calendar year, UTC). --async queues one Celery task per filing instead."
    )

    def add_arguments(self, parser):
        parser.add_argument("--filing", nargs="+", action="extend", default=[], metavar="KEY",
                            help="Only these filing keys (repeatable).")
        parser.add_argument("--start", type=_date("--start"), help="Window start, YYYY-MM-DD.")
        parser.add_argument("--end", type=_date("--end"), help="Window end, YYYY-MM-DD (exclusive).")
        parser.add_argument("--as-of", type=_date("--as-of"), help="Evaluate the milestones as of this date.")
        parser.add_argument("--step-minutes", type=float, default=DEFAULT_STEP_MINUTES,
                            help=f"Time step of the sunlight analysis (default {DEFAULT_STEP_MINUTES:g}).")
        parser.add_argument("--async", dest="run_async", action="store_true",
                            help="Queue one Celery task per filing (several workers share the work).")

    def handle(self, *args, filing, start, end, as_of, step_minutes, run_async, **options):
        filings = filings_for_scoring().order_by("key")
        if filing:
            filings = filings.filter(key__in=filing)
            missing = set(filing) - set(filings.values_list("key", flat=True))
            if missing:
                raise CommandError(f"No filing with key {', '.join(sorted(missing))}.")
        if (start is None) != (end is None):
            raise CommandError("--start and --end go together.")
        try:  # check the window before anything is queued or written
            if start is not None:
                engine.make_window(start, end, step_minutes)
        except engine.EngineInputError as error:
            raise CommandError(f"--{error.parameter.replace('_', '-')}: {error.message}") from None
        if run_async:
            self.queue(filings, start, end, as_of, step_minutes)
            return
        started = time.perf_counter()
        verbosity = options.get("verbosity", 1)

        def progress(i, n, outcome):
            if verbosity < 1:
                return
            if outcome.scored:
                line = f"[{i}/{n}] {outcome.filing_key}: {outcome.total:.3f}"
            else:
                line = f"[{i}/{n}] {outcome.filing_key}: not scored ({outcome.reason})"
            self.stdout.write(line)
            self.stdout.flush()

        try:
            outcomes = refresh_scores(filings, start, end, as_of, step_minutes, progress=progress)
        except engine.EngineInputError as error:
            raise CommandError(f"--{error.parameter.replace('_', '-')}: {error.message}") from None
        scored = sum(o.scored for o in outcomes)
        self.stdout.write(self.style.SUCCESS(
            f"Scored {scored} of {len(outcomes)} filings in {time.perf_counter() - started:.2f} s "
            f"({len(outcomes) - scored} without a score)."
        ))

    def queue(self, filings, start, end, as_of, step_minutes):
        from compliance.tasks import score_all

        iso = lambda d: d.isoformat() if d else None  # noqa: E731
        result = score_all(iso(start), iso(end), iso(as_of), step_minutes,
                           filing_ids=list(filings.values_list("pk", flat=True)))
        self.stdout.write(self.style.SUCCESS(
            f"Queued {result['queued']} scoring tasks (window {result['start']} .. {result['end']}, "
            f"as of {result['as_of']})."
        ))
