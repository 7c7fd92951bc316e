"""What the rules make of the registry: today's milestone results, materialised for filtering and sorting."""

import datetime as dt

from django.db import models

from compliance.rules import codes
from compliance.rules.codes import DUE_SOON, MISSED, OPEN_STATUSES, UPCOMING


def is_at_risk(result) -> bool:
    """Missed, or due soon with the requirement not yet held in orbit, or upcoming but projected (at the current
    rate) to reach the requirement only after its due date. Takes a Milestone row or a rules-core result; ``MilestoneQuerySet.at_risk`` is the same test
    in SQL (tests/compliance/test_at_risk.py holds the two together)."""
    if result.status == MISSED:
        return True
    if result.status == DUE_SOON:  # due soon but already held in orbit is not at risk (issue 15)
        required, deployed = getattr(result, "required", None), getattr(result, "deployed", None)
        return not (required and deployed is not None and deployed >= required)
    return bool(result.status == UPCOMING and result.projected_date and result.due_date
                and result.projected_date > result.due_date)


class MilestoneQuerySet(models.QuerySet):
    def at_risk(self):
        late = models.Q(status=UPCOMING, projected_date__gt=models.F("due_date"))
        held = models.Q(required__gt=0, deployed__isnull=False, deployed__gte=models.F("required"))
        return self.filter(models.Q(status=MISSED) | (models.Q(status=DUE_SOON) & ~held) | late)

    def open_due_between(self, start: dt.date, end: dt.date):
        return self.filter(status__in=OPEN_STATUSES, due_date__gte=start, due_date__lte=end)


class Milestone(models.Model):
    """One rule's result for one filing, as of ``evaluated_as_of`` (refreshed daily).

    The columns mirror ``compliance.rules.MilestoneResult``; nothing here is typed in by hand.
    """

    # Stored value = the rules core's status code ("due_soon"); label for people ("Due soon").
    Status = models.TextChoices("Status", codes.enum_members(codes.RESULT_STATUS_LABELS))

    filing = models.ForeignKey("filings.Filing", on_delete=models.CASCADE, related_name="milestones")
    code = models.CharField(max_length=20)
    regime = models.CharField(max_length=10)
    title = models.CharField(max_length=200)
    provision = models.CharField(max_length=200)
    source = models.CharField(max_length=300)
    confidence = models.CharField(max_length=20)
    status = models.CharField(max_length=20, choices=Status.choices)
    due_date = models.DateField(null=True, blank=True)
    original_due_date = models.DateField(null=True, blank=True)
    report_due_date = models.DateField(null=True, blank=True)
    required = models.PositiveIntegerField(null=True, blank=True)
    deployed = models.PositiveIntegerField(null=True, blank=True)
    shortfall = models.IntegerField(null=True, blank=True)
    rate_needed_per_month = models.FloatField(null=True, blank=True)
    projected_date = models.DateField(null=True, blank=True)
    projection_rate_per_month = models.FloatField(null=True, blank=True)
    consequence = models.TextField(blank=True)
    consequence_count = models.PositiveIntegerField(null=True, blank=True)
    amount_usd = models.BigIntegerField(null=True, blank=True)
    missing_facts = models.JSONField(default=list, blank=True)
    notes = models.JSONField(default=list, blank=True)
    assumptions = models.JSONField(default=list, blank=True)
    deployment_source = models.CharField(max_length=200, blank=True)
    edition = models.CharField(max_length=40, blank=True, help_text="The rule-set edition that governed (its key).")
    evaluated_as_of = models.DateField()
    evaluated_at = models.DateTimeField(auto_now=True)

    objects = MilestoneQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "filing_id", "code"]
        constraints = [models.UniqueConstraint(fields=["filing", "code"], name="one_result_per_rule")]
        indexes = [
            models.Index(fields=["status", "due_date"]), models.Index(fields=["code"]),
            # A filing's next open milestone (the filings table, per row): found in the index, whatever the
            # planner's statistics say of the status column.
            models.Index(fields=["filing", "due_date"], name="milestone_filing_due"),
        ]

    def __str__(self):
        return f"{self.filing}: {self.title} — {self.status}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class FilingScoreQuerySet(models.QuerySet):
    def scored(self):
        return self.filter(total__isnull=False)


class FilingScore(models.Model):
    """The engine's score of one filing, refreshed by ``manage.py score`` / the daily task (compliance.scoring).

    A filing that cannot be scored (no satellite count, a closed status, a shell the engine refuses) keeps a
    row with empty figures and ``unscored_reason`` saying why, so pages can show the reason. The float columns
    repeat the components so lists can sort by them; ``components`` holds the full explanation. Rows are written
    in one transaction (update_or_create inside transaction.atomic): a reader sees the old score or the new one.
    """

    filing = models.OneToOneField("filings.Filing", on_delete=models.CASCADE, related_name="score")
    computed_at = models.DateTimeField(help_text="When the score was computed (UTC).")
    as_of = models.DateField(help_text="Date the milestone rules were evaluated for deployment feasibility.")
    window_start = models.DateTimeField(help_text="Start of the sunlight analysis window (UTC).")
    window_end = models.DateTimeField(help_text="End of the sunlight analysis window (UTC, exclusive).")
    step_minutes = models.FloatField()
    unscored_reason = models.TextField(blank=True, help_text="Why there is no score; empty when scored.")

    total = models.FloatField(null=True, blank=True, db_index=True)
    deployment_feasibility = models.FloatField(null=True, blank=True)
    contention = models.FloatField(null=True, blank=True, help_text="Share of satellites that fit (1 = no contention).")
    compute_yield = models.FloatField(null=True, blank=True, help_text="Satellite-weighted mean sunlit fraction.")
    components = models.JSONField(default=list, blank=True, help_text="[{name, value, weight, weighted, explanation}]")

    satellites = models.PositiveIntegerField(null=True, blank=True, help_text="Satellites scored (after assumptions).")
    sunlit_mean = models.FloatField(null=True, blank=True)
    sunlit_by_shell = models.JSONField(default=list, blank=True)
    pflops_broadband = models.FloatField("sustained PFLOP/s (broadband profile)", null=True, blank=True)
    mwh_per_year_broadband = models.FloatField("MWh/yr (broadband profile)", null=True, blank=True)
    pflops_orbital_data_centre = models.FloatField("sustained PFLOP/s (orbital data centre)", null=True, blank=True)
    mwh_per_year_orbital_data_centre = models.FloatField("MWh/yr (orbital data centre)", null=True, blank=True)
    yields = models.JSONField(default=dict, blank=True, help_text="Full compute yield per engine profile.")

    oversubscription_max = models.FloatField(
        null=True, blank=True, help_text="Worst over-subscription ratio of the altitude bands the filing claims."
    )
    contending_count = models.PositiveIntegerField(null=True, blank=True)
    contending_filings = models.JSONField(default=list, blank=True)
    bands = models.JSONField(default=list, blank=True, help_text="The capacity figures of every band claimed.")

    assumptions = models.JSONField(default=list, blank=True, help_text="Every estimate the score rests on.")
    inputs = models.JSONField(default=dict, blank=True, help_text="Engine inputs and model parameters used.")

    objects = FilingScoreQuerySet.as_manager()

    class Meta:
        ordering = ["-total", "filing_id"]
        indexes = [
            models.Index(fields=["deployment_feasibility"]),
            models.Index(fields=["contention"]),
            models.Index(fields=["compute_yield"]),
        ]

    def __str__(self):
        if self.total is None:
            return f"{self.filing}: not scored ({self.unscored_reason})"
        return f"{self.filing}: {self.total:.3f}"

    @property
    def is_scored(self) -> bool:
        return self.total is not None
