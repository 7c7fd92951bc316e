"""What is really in orbit: constellations and the counts reported for them."""

import re

from django.core.exceptions import ValidationError
from django.db import models

from filings.models import Administration, Operator, Source, SourcedRecord
from slotwatch.validation import CleanText


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


# --- Catalog data (import_catalog) --------------------------------------------------------------------


class OrbitState(models.TextChoices):
    ON_STATION = "on_station", "On station"
    RAISING = "raising", "Raising"
    LOWERING = "lowering", "Lowering"
    DECAYING = "decaying", "Decaying"
    DECAYED = "decayed", "Decayed (re-entered)"
    UNMATCHED = "unmatched", "No matching shell"
    UNKNOWN = "unknown", "Unknown"


class MembershipBasis(models.TextChoices):
    NAME = "name", "Name rule"
    COSPAR = "cospar", "Launch (COSPAR) rule"
    NORAD = "norad", "NORAD rule"
    OVERRIDE = "override", "Manual override (NORAD rule)"


class SpaceObject(CleanText, models.Model):
    """One catalogued object, keyed by its NORAD catalog number (never the propagator's satellite number).

    Each import updates the fields its file carries. Name and orbit follow the newest source
    (``source_as_of``: the element-set epoch, or the as-of date of a SATCAT file), so importing an older
    SATCAT after a newer TLE file does not roll an orbit back. Altitudes are semi-major axis minus the
    equatorial radius (km), as the pure catalog layer computes them.
    """

    norad_id = models.PositiveIntegerField("NORAD id", primary_key=True)
    name = models.CharField(max_length=80, blank=True)
    cospar_id = models.CharField("COSPAR id", max_length=12, blank=True, db_index=True)
    object_type = models.CharField(max_length=20, blank=True)
    owner = models.CharField(max_length=20, blank=True)
    launch_date = models.DateField(null=True, blank=True)
    launch_date_estimated = models.BooleanField(
        default=False, help_text="Interpolated from the international designator (no SATCAT launch date yet)."
    )
    decay_date = models.DateField(null=True, blank=True)
    epoch = models.DateTimeField(null=True, blank=True, help_text="Epoch of the latest element set (UTC).")
    source_as_of = models.DateTimeField(
        null=True, blank=True, help_text="Date of the newest source that set the name and orbit (UTC)."
    )
    mean_motion = models.FloatField(null=True, blank=True, help_text="rev/day (Kozai)")
    eccentricity = models.FloatField(null=True, blank=True)
    raan_deg = models.FloatField(null=True, blank=True)
    arg_perigee_deg = models.FloatField(null=True, blank=True)
    mean_anomaly_deg = models.FloatField(null=True, blank=True)
    bstar = models.FloatField(null=True, blank=True)
    mean_altitude_km = models.FloatField(null=True, blank=True)
    perigee_km = models.FloatField(null=True, blank=True)
    apogee_km = models.FloatField(null=True, blank=True)
    inclination_deg = models.FloatField(null=True, blank=True)
    constellation = models.ForeignKey(
        Constellation, on_delete=models.SET_NULL, null=True, blank=True, related_name="space_objects"
    )
    membership_basis = models.CharField(max_length=10, choices=MembershipBasis.choices, blank=True)
    orbit_state = models.CharField(
        max_length=12, choices=OrbitState.choices, default=OrbitState.UNKNOWN, db_index=True
    )
    shell = models.ForeignKey(
        "filings.FilingShell", on_delete=models.SET_NULL, null=True, blank=True, related_name="space_objects",
        help_text="The filing shell this object counts toward (on station only).",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["norad_id"]
        indexes = [models.Index(fields=["constellation", "orbit_state"]), models.Index(fields=["name"])]

    def __str__(self):
        return f"{self.name or 'unnamed'} ({self.norad_id})"


class MembershipRule(CleanText, models.Model):
    """A row of the membership table (constellations.catalog.membership): name/launch rules and overrides.

    ``norad`` rules are manual overrides and win over everything else. Default rules are seeded from
    ``constellations.catalog.DEFAULT_RULES`` by migration 0004 and whenever a constellation with defaults
    is created (see constellations.signals).
    """

    class Kind(models.TextChoices):
        NAME_PREFIX = "name_prefix", "Name prefix"
        NAME_REGEX = "name_regex", "Name regex (searched, case-insensitive)"
        COSPAR_LAUNCH = "cospar_launch", "Launch (YYYY-NNN)"
        NORAD = "norad", "NORAD id (manual override)"

    constellation = models.ForeignKey(Constellation, on_delete=models.CASCADE, related_name="membership_rules")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    pattern = models.CharField(max_length=120)
    notes = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["constellation__name", "kind", "pattern"]
        constraints = [
            models.UniqueConstraint(fields=["constellation", "kind", "pattern"], name="one_rule_per_pattern"),
        ]

    def __str__(self):
        return f"{self.constellation}: {self.get_kind_display()} {self.pattern}"

    def clean(self):
        from constellations.catalog import MembershipRule as PureRule

        try:
            PureRule(self.constellation.key if self.constellation_id else "x", self.kind, self.pattern)
        except Exception as exc:  # re.error or ValueError from the pure layer
            raise ValidationError({"pattern": str(exc)}) from None
        if self.kind == self.Kind.NORAD:
            clash = MembershipRule.objects.filter(kind=self.kind, pattern=self.pattern.strip()).exclude(pk=self.pk)
            if clash.exists():
                raise ValidationError({"pattern": f"NORAD {self.pattern} already has an override."})

    def save(self, *args, **kwargs):
        self.pattern = self.pattern.strip()
        self.full_clean()
        super().save(*args, **kwargs)


class CatalogImport(models.Model):
    class Status(models.TextChoices):
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    MAX_STORED_REJECTIONS = 1000

    file_name = models.CharField(max_length=300)
    format = models.CharField(max_length=30)
    sha256 = models.CharField("SHA-256 of the file", max_length=64)
    content_sha256 = models.CharField("SHA-256 of the content (decompressed)", max_length=64, db_index=True)
    data_as_of = models.DateField(
        null=True, blank=True,
        help_text="Date the file describes: median element-set epoch, or the newest launch/decay of a SATCAT.",
    )
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    rejected = models.PositiveIntegerField(default=0)
    duplicates_skipped = models.PositiveIntegerField(default=0)
    rejections = models.JSONField(
        default=list, blank=True, help_text="[{line, norad, reason}], the first 1,000 (the count is in 'rejected')."
    )
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.RUNNING)
    message = models.TextField(blank=True)

    class Meta:
        ordering = ["-started_at"]

    def __str__(self):
        return f"{self.file_name} ({self.started_at:%Y-%m-%d %H:%M})"


class ElementSetSnapshot(models.Model):
    """Altitude and inclination of one object on one catalog date: on-station counts over time.

    One row per object per import date (the file's ``data_as_of``); satellites and unknown objects
    only (not rocket bodies or debris), and only while the object is in orbit.
    """

    space_object = models.ForeignKey(SpaceObject, on_delete=models.CASCADE, related_name="snapshots")
    date = models.DateField()
    altitude_km = models.FloatField()
    inclination_deg = models.FloatField()

    class Meta:
        ordering = ["date", "space_object"]
        constraints = [models.UniqueConstraint(fields=["space_object", "date"], name="one_snapshot_per_day")]
        indexes = [models.Index(fields=["date"])]

    def __str__(self):
        return f"{self.space_object_id} on {self.date}"


class FilingAssignment(CleanText, models.Model):
    """An explicit assignment of catalogued satellites to a filing: rule (a) of constellations.attribution,
    before any orbit is looked at. ``norad``: one NORAD id; ``launch``: every piece of a launch (YYYY-NNN)."""

    class Kind(models.TextChoices):
        NORAD = "norad", "NORAD id"
        LAUNCH = "launch", "Launch (YYYY-NNN)"

    filing = models.ForeignKey("filings.Filing", on_delete=models.CASCADE, related_name="assignments")
    kind = models.CharField(max_length=8, choices=Kind.choices)
    pattern = models.CharField(max_length=20, help_text="A NORAD id, or a launch designator such as 2023-026.")
    source = models.ForeignKey(Source, on_delete=models.PROTECT, null=True, blank=True, related_name="assignments",
                               help_text="Where the assignment comes from (an operator's list, an order).")
    notes = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["filing__key", "kind", "pattern"]
        constraints = [
            models.UniqueConstraint(fields=["filing", "kind", "pattern"], name="one_assignment_per_pattern"),
        ]

    def __str__(self):
        return f"{self.filing}: {self.get_kind_display()} {self.pattern}"

    def clean(self):
        pattern = (self.pattern or "").strip().upper()
        if self.kind == self.Kind.NORAD and not pattern.isdigit():
            raise ValidationError({"pattern": "A NORAD id is a whole number."})
        if self.kind == self.Kind.LAUNCH and not re.fullmatch(r"\d{4}-\d{3}", pattern):
            raise ValidationError({"pattern": "A launch designator reads YYYY-NNN (e.g. 2023-026)."})

    def save(self, *args, **kwargs):
        self.pattern = self.pattern.strip().upper()
        self.full_clean()
        super().save(*args, **kwargs)


class SyncRecord(models.Model):
    """One download of one source URL by ``manage.py sync`` or its Celery task, whatever its outcome.

    A 304 or an unchanged body writes nothing but this row; a failed batch keeps only its failed rows (the
    catalog changes were rolled back). The validators (ETag, Last-Modified) and the content hash of the
    last successful download of a URL make the next request conditional.
    """

    class Source(models.TextChoices):
        CELESTRAK_GP = "celestrak-gp", "CelesTrak GP (OMM)"
        CELESTRAK_SATCAT = "celestrak-satcat", "CelesTrak SATCAT"
        SPACETRACK = "spacetrack", "Space-Track (SATCAT and GP)"
        GCAT = "gcat", "GCAT satcat.tsv"

    class Outcome(models.TextChoices):
        RUNNING = "running", "Running"
        IMPORTED = "imported", "Imported"
        NOT_MODIFIED = "not_modified", "Not modified (HTTP 304)"
        UNCHANGED = "unchanged", "Same content as the last download"
        REFUSED = "refused", "Refused (too soon after the last download)"
        FAILED = "failed", "Failed"

    source = models.CharField(max_length=20, choices=Source.choices, db_index=True)
    url = models.CharField(max_length=500, db_index=True)
    started_at = models.DateTimeField(db_index=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    bytes = models.BigIntegerField(default=0, help_text="Bytes received (as sent, before any gzip inflation).")
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    rejected = models.PositiveIntegerField(default=0)
    outcome = models.CharField(max_length=20, choices=Outcome.choices, default=Outcome.RUNNING)
    message = models.TextField(blank=True)
    etag = models.CharField("ETag", max_length=300, blank=True)
    last_modified = models.CharField("Last-Modified", max_length=64, blank=True)
    content_sha256 = models.CharField("SHA-256 of the body", max_length=64, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]

    def __str__(self):
        return f"{self.source} {self.started_at:%Y-%m-%d %H:%M} ({self.outcome})"
