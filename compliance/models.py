"""What the rules make of the registry: today's milestone results, materialised for filtering and sorting."""

from django.db import models

from compliance.rules.codes import RESULT_STATUSES


class Milestone(models.Model):
    """One rule's result for one filing, as of ``evaluated_as_of`` (refreshed daily).

    The columns mirror ``compliance.rules.MilestoneResult``; nothing here is typed in by hand.
    """

    Status = models.TextChoices("Status", [(s, s.replace("_", " ").capitalize()) for s in RESULT_STATUSES])

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
    evaluated_as_of = models.DateField()
    evaluated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["due_date", "filing_id", "code"]
        constraints = [models.UniqueConstraint(fields=["filing", "code"], name="one_result_per_rule")]
        indexes = [models.Index(fields=["status", "due_date"]), models.Index(fields=["code"])]

    def __str__(self):
        return f"{self.filing}: {self.title} — {self.status}"

    @property
    def is_open(self) -> bool:
        return self.status in ("due_soon", "upcoming")
