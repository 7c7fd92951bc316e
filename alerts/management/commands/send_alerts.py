import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from alerts import delivery
from alerts.emails import build_message
from alerts.models import Delivery, DeliveryMode
from alerts.pipeline import run_daily
from alerts.queueing import assemble_digests


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"--as-of {text!r} is not a date (YYYY-MM-DD).") from None


class _DryRun(Exception):
    """Raised to roll back everything a dry run wrote."""


class Command(BaseCommand):
    help = (
        "Run the alert pipeline by hand: evaluate every filing as of --as-of, record the alerts due, "
        "and send what is due now (in this process, no worker needed). With --dry-run, print what would "
        "be queued and sent and write nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--as-of", type=_date, help="Evaluate as of this date (YYYY-MM-DD); default today.")
        parser.add_argument("--dry-run", action="store_true", help="Print what would happen; write and send nothing.")
        parser.add_argument(
            "--digests", action="store_true", help="Also assemble this period's daily and weekly digests now."
        )

    def handle(self, *args, as_of, dry_run, digests, **options):
        as_of = as_of or timezone.now().date()
        if not dry_run:
            self.run(as_of, digests, send=True)
            return
        # The dry run is the same pipeline inside a transaction that is rolled back: what it prints is
        # exactly what a real run would do, and nothing of it is kept.
        try:
            with transaction.atomic():
                self.run(as_of, digests, send=False)
                raise _DryRun
        except _DryRun:
            self.stdout.write("Dry run: nothing was written or sent.")

    def run(self, as_of, digests, *, send):
        summary, report = run_daily(as_of)
        verb = "Queued" if send else "Would queue"
        self.stdout.write(
            f"Evaluated {summary['milestones']} milestones as of {as_of}. {verb} {report.created} new alert(s) "
            f"({report.planned - report.created} already queued)."
        )
        for alert in report.new:
            self.stdout.write(f"  alert {alert.key}")
        if digests:
            made = sum(assemble_digests(mode) for mode in (DeliveryMode.DAILY, DeliveryMode.WEEKLY))
            self.stdout.write(f"{'Assembled' if send else 'Would assemble'} {made} digest(s).")
        now = timezone.now()
        due = list(
            Delivery.objects.filter(status=Delivery.Status.PENDING, next_attempt_at__lte=now)
            .select_related("subscription__user")
            .order_by("pk")
        )
        if not send:
            for d in due:
                message = build_message(d, list(d.alerts.order_by("due_date", "pk")))
                self.stdout.write(f"  would send to {d.subscription.recipient}: {message.subject}")
            self.stdout.write(f"Would send {len(due)} e-mail(s).")
            return
        outcomes = {}
        for d in due:
            outcome = delivery.deliver(d.pk)
            outcomes[outcome.status] = outcomes.get(outcome.status, 0) + 1
            if outcome.error:
                self.stderr.write(f"  delivery {d.pk}: {outcome.status}: {outcome.error}")
        summary_text = ", ".join(f"{n} {status}" for status, n in sorted(outcomes.items())) or "nothing due"
        self.stdout.write(self.style.SUCCESS(f"Deliveries: {summary_text}."))
