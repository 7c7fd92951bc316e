"""What is really in orbit: constellations and the counts reported for them."""

from django.core.exceptions import ValidationError
from django.db import models

from filings.models import Administration, Operator, Source, SourcedRecord


class Constellation(SourcedRecord):
    key = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=120)
    operator = models.ForeignKey(
        Operator, on_delete=models.PROTECT, null=True, blank=True, related_name="constellations"
    )
    administration = models.ForeignKey(
        Administration, on_delete=models.PROTECT, null=True, blank=True, related_name="constellations"
    )
    sources = models.ManyToManyField(Source, blank=True, related_name="constellations")

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class DeploymentReport(SourcedRecord):
    """A dated count of satellites from a published statement, used where no catalog data exists."""

    constellation = models.ForeignKey(
        Constellation, on_delete=models.CASCADE, null=True, blank=True, related_name="deployment_reports"
    )
    filing = models.ForeignKey(
        "filings.Filing", on_delete=models.CASCADE, null=True, blank=True, related_name="deployment_reports"
    )
    as_of = models.DateField()
    in_orbit = models.PositiveIntegerField(null=True, blank=True)
    launched = models.PositiveIntegerField(null=True, blank=True)
    basis = models.CharField(max_length=300, blank=True, help_text="What the source counted, in its words.")
    sources = models.ManyToManyField(Source, blank=True, related_name="deployment_reports")

    class Meta:
        ordering = ["as_of"]

    def __str__(self):
        subject = self.filing or self.constellation
        return f"{subject}: {self.in_orbit if self.in_orbit is not None else self.launched} on {self.as_of}"

    def clean(self):
        errors = {}
        if (self.constellation_id is None) == (self.filing_id is None):
            errors["constellation"] = "A report counts either a constellation or a filing."
        if self.in_orbit is None and self.launched is None:
            errors["in_orbit"] = "A report needs a count in orbit or a count launched."
        if errors:
            raise ValidationError(errors)
