"""The registry of what operators and administrations have filed.

The rules that keep a record sane live in each model's ``clean()``; ``save()``
runs them too, so the admin, the API, the loaders and the shell all refuse the
same bad input with the same message.
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import quote, urlencode

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse

from compliance.rules import bands as band_rules
from compliance.rules import codes
from compliance.rules.facts import RECEIPT_PROVISIONS
from compliance.rules.facts import Notice as NoticeFact
from filings import itu_snl
from slotwatch.validation import CleanText


class Confidence(models.TextChoices):
    CONFIRMED = "confirmed", "Confirmed (primary text)"
    REPORTED = "reported", "Reported (secondary source)"
    ESTIMATED = "estimated", "Estimated (derived or assumed)"


class Regulator(models.TextChoices):
    ITU = codes.ITU, "ITU"  # the regulators whose milestone regimes the rules core knows
    FCC = codes.FCC, "FCC (United States)"
    OFCOM = "ofcom", "Ofcom (United Kingdom)"
    ISED = "ised", "ISED (Canada)"
    ANFR = "anfr", "ANFR (France)"
    BNETZA = "bnetza", "BNetzA (Germany)"
    RURA = "rura", "RURA (Rwanda)"
    MIIT = "miit", "MIIT (China)"
    OTHER = "other", "Other national regulator"


# Built from the one vocabulary (compliance.rules.codes): the rules core and the data files name kinds,
# statuses and milestones by the same codes.
FilingKind = models.TextChoices("FilingKind", codes.enum_members(codes.KIND_LABELS))
FilingStatus = models.TextChoices("FilingStatus", codes.enum_members(codes.FILING_STATUS_LABELS))
MilestoneCode = models.TextChoices("MilestoneCode", codes.enum_members(codes.MILESTONE_LABELS))


class Source(CleanText, models.Model):
    key = models.SlugField(max_length=120, unique=True)
    url = models.URLField(max_length=500)
    title = models.CharField(max_length=300)
    publisher = models.CharField(max_length=200, blank=True)
    accessed_on = models.DateField(null=True, blank=True, help_text="Left empty where not recorded.")

    class Meta:
        ordering = ["publisher", "title"]

    def __str__(self):
        return f"{self.title} ({self.publisher})" if self.publisher else self.title


class SourcedRecord(CleanText, models.Model):
    """A record that says how sure we are of it and where it comes from."""

    confidence = models.CharField(max_length=12, choices=Confidence.choices, default=Confidence.REPORTED)
    notes = models.TextField(blank=True)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.full_clean()
        super().save(*args, **kwargs)


class Administration(SourcedRecord):
    iso_code = models.CharField("ISO 3166 code", max_length=3, unique=True)
    itu_symbol = models.CharField("ITU symbol", max_length=3, blank=True)
    name = models.CharField(max_length=120)
    sources = models.ManyToManyField(Source, blank=True, related_name="administrations")

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.iso_code})"

    def clean(self):
        if self.iso_code and (not isinstance(self.iso_code, str) or len(self.iso_code) != 3
                              or not self.iso_code.isupper()):
            raise ValidationError({"iso_code": "An ISO 3166-1 alpha-3 code is three capital letters."})


class Operator(SourcedRecord):
    key = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=200)
    short_name = models.CharField(max_length=80)
    administration = models.ForeignKey(
        Administration, on_delete=models.PROTECT, null=True, blank=True, related_name="operators"
    )
    sources = models.ManyToManyField(Source, blank=True, related_name="operators")

    class Meta:
        ordering = ["short_name"]

    def __str__(self):
        return self.short_name


def closed_filing(through: str = "") -> models.Q:
    """A filing no longer in force or in process (superseded, denied, withdrawn, cancelled), reached from
    another model through ``through`` (e.g. "filing__")."""
    return models.Q(**{f"{through}status__in": codes.CLOSED_STATUSES})


def next_open_milestone(field: str = "due_date") -> Subquery:
    """``field`` of the outer filing's next open milestone: the open one with the earliest due date."""
    milestone = Filing._meta.get_field("milestones").related_model  # compliance.Milestone, which needs this module
    open_rows = milestone.objects.filter(
        filing=OuterRef("pk"), status__in=codes.OPEN_STATUSES, due_date__isnull=False).order_by("due_date")
    return Subquery(open_rows.values(field)[:1])


class FilingQuerySet(models.QuerySet):
    def live(self):
        """Filings still in force or in process: not superseded, denied, withdrawn or cancelled."""
        return self.exclude(closed_filing())

    def as_of(self, day: dt.date):
        """The registry as it stood on ``day``: filings received (date of receipt, else the grant date, the
        earliest date the record proves) on or before it. A filing with neither date is kept: nothing on record
        says it came later. A grant after ``day`` is not undone here; ``Filing.status_on(day)`` reads it pending
        and the rules ignore it (compliance.rules.common.known)."""
        received = Coalesce("date_of_receipt", "grant_date")
        return self.alias(first_on_record=received).filter(
            models.Q(first_on_record__lte=day) | models.Q(first_on_record__isnull=True))

    def with_next_deadline(self, *fields: str):
        """Annotate each filing with its next open milestone (the earliest due date still ahead).

        ``next_deadline`` always; for each of ``fields`` (e.g. "title", "status") ``next_<field>`` too."""
        annotations = {"next_deadline": next_open_milestone()}
        for field in fields:
            annotations[f"next_{field}"] = next_open_milestone(field)
        return self.annotate(**annotations)

    def next_deadline_between(self, start: dt.date, end: dt.date):
        """Filings whose next open milestone falls due between ``start`` and ``end`` (both included)."""
        queryset = self
        if "next_deadline" not in self.query.annotations:  # re-aliasing would drop with_next_deadline()'s column
            queryset = self.alias(next_deadline=next_open_milestone())
        return queryset.filter(next_deadline__gte=start, next_deadline__lte=end)


class FilingShellQuerySet(models.QuerySet):
    def of_live_filings(self):
        """Shells of filings still in force or in process (FilingQuerySet.live(), seen from the shell)."""
        return self.exclude(closed_filing("filing__"))


# The SNL's query of one network by name (the SNL result pages, www.itu.int/ITU-R/space/snl/bresult/explanation/,
# cited in ../shared/reference/ecosystem.md; the sel_satname query is the one the SNL's own list pages take).
SNL_NETWORK_URL = "https://www.itu.int/net/ITU-R/space/snl/bresult/radvance.asp?"
# The FCC's International Communications Filing System (ICFS, 47 CFR 1.10005), the ServiceNow portal that replaced
# IBFS (ecosystem.md); an application's summary page is addressed by its file number.
ICFS_RECORD_URL = "https://fccprod.servicenowservices.com/icfs?id=ibfs_application_summary&number="
# ICFS file numbers (47 CFR 1.10008; format in DA 04-568): SAT-LOA-20161115-00118, SES-MOD-20200101-00001.
FCC_FILE_NUMBER = re.compile(r"[A-Z]{3}-[A-Z0-9]{3,4}-\d{8}-\d{5}")


class Filing(SourcedRecord):
    key = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=200)
    regulator = models.CharField(max_length=10, choices=Regulator.choices)
    kind = models.CharField(max_length=20, choices=FilingKind.choices)
    reference = models.CharField(
        max_length=80, blank=True, help_text="ITU network id (e.g. CHN2025-79441) or FCC file number."
    )
    itu_network_name = models.CharField("ITU network name", max_length=80, blank=True)
    administration = models.ForeignKey(Administration, on_delete=models.PROTECT, related_name="filings")
    operator = models.ForeignKey(
        Operator, on_delete=models.PROTECT, null=True, blank=True, related_name="filings"
    )
    constellation = models.ForeignKey(
        "constellations.Constellation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="filings",
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="modifications",
        help_text="The filing this one modifies or supersedes.",
    )
    date_of_receipt = models.DateField(
        null=True, blank=True, help_text="ITU date of receipt, or the national filing date."
    )
    grant_date = models.DateField(null=True, blank=True)
    satellites_filed = models.PositiveIntegerField(null=True, blank=True)
    satellites_authorised = models.PositiveIntegerField(null=True, blank=True)
    planes_total = models.PositiveIntegerField(
        null=True, blank=True, help_text="Orbital planes filed, where the shells are not known."
    )
    status = models.CharField(max_length=20, choices=FilingStatus.choices, default=FilingStatus.FILED)
    frequency_bands = models.CharField(max_length=200, blank=True)
    services = models.CharField(max_length=120, blank=True)
    res35_applies = models.BooleanField(
        "Resolution 35 applies",
        null=True,
        blank=True,
        help_text="An analyst's explicit answer, which wins over the bands. Empty: decided from the filing's "
        "frequency bands by the Res. 35 resolves 1 table (conditional where the bands cannot decide).",
    )
    small_satellite = models.BooleanField(default=False, help_text="Licensed under 47 CFR 25.122/25.123.")
    receipt_provision = models.CharField(
        "date of receipt under RR No.",
        max_length=4,
        blank=True,
        choices=[(p, f"No. {p}") for p in RECEIPT_PROVISIONS],
        help_text="RR No. 11.44: the provision of the date of receipt that starts the seven years (9.1 or 9.2 "
        "for systems not subject to coordination, 9.30 for those subject to it). Empty: read from the kind.",
    )
    brought_into_use_on = models.DateField(null=True, blank=True)
    suspended_on = models.DateField(null=True, blank=True)
    resumed_on = models.DateField(null=True, blank=True)
    surrendered_on = models.DateField(null=True, blank=True)
    bond_posted_on = models.DateField("surety bond posted on", null=True, blank=True)
    sources = models.ManyToManyField(Source, blank=True, related_name="filings")
    updated_at = models.DateTimeField(auto_now=True)

    objects = FilingQuerySet.as_manager()

    class Meta:
        ordering = ["administration__name", "name"]
        indexes = [models.Index(fields=["date_of_receipt"]), models.Index(fields=["status"])]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("filings:detail", args=[self.pk])

    @property
    def is_itu(self) -> bool:
        return self.kind in codes.ITU_KINDS

    @property
    def primary_record_url(self) -> str:
        """The regulator's own record of this filing: the ITU Space Network List's page of the network, or the
        FCC's ICFS record of the file number; empty where the filing names neither."""
        if self.is_itu and self.itu_network_name:
            return SNL_NETWORK_URL + urlencode({"sel_satname": self.itu_network_name})
        if self.regulator == Regulator.FCC and FCC_FILE_NUMBER.fullmatch(self.reference or ""):
            return ICFS_RECORD_URL + quote(self.reference)
        return ""

    @property
    def satellites_counted(self) -> int | None:
        """The number milestones are measured against: what was authorised, else what was filed."""
        return self.satellites_authorised or self.satellites_filed

    def status_on(self, day: dt.date) -> str:
        """The status as it read on ``day``: a grant made later still reads pending (under review)."""
        if self.grant_date and self.grant_date > day and self.status in codes.GRANTED_STATUSES:
            return "under_review"  # codes.PENDING_STATUS_LABELS
        return self.status

    def _parent_chain_problem(self) -> str | None:
        """Follow the parents up: a chain that comes back to this filing is a cycle (one query per step)."""
        seen, current = {self.pk}, self.parent_id
        for _ in range(MAX_PARENT_CHAIN):
            if current is None:
                return None
            if current in seen:
                return "The parent filings form a cycle: a filing cannot be its own ancestor."
            seen.add(current)
            current = Filing.objects.filter(pk=current).values_list("parent_id", flat=True).first()
        return f"The chain of parent filings is longer than {MAX_PARENT_CHAIN}."

    def clean(self):
        errors = {}
        if self.grant_date and self.date_of_receipt and self.grant_date < self.date_of_receipt:
            errors["grant_date"] = (
                f"The grant date {self.grant_date} is before the date of receipt {self.date_of_receipt}."
            )
        if self.resumed_on and not self.suspended_on:
            errors["resumed_on"] = "A resumption needs the date the use was suspended."
        elif self.resumed_on and self.suspended_on and self.resumed_on < self.suspended_on:
            errors["resumed_on"] = "Use cannot resume before it was suspended."
        if self.parent_id and self.pk and self.parent_id == self.pk:
            errors["parent"] = "A filing cannot modify itself."
        elif self.parent_id:
            problem = self._parent_chain_problem()
            if problem:
                errors["parent"] = problem
        if self.receipt_provision and self.regulator != Regulator.ITU:
            errors["receipt_provision"] = "Only an ITU filing has a date of receipt under RR No. 9.1, 9.2 or 9.30."
        if self.regulator == Regulator.ITU and self.kind not in codes.ITU_KINDS:
            errors["kind"] = "An ITU filing is an API, a coordination request or a notification."
        if self.regulator != Regulator.ITU and self.kind in codes.ITU_KINDS:
            errors["kind"] = "ITU filing kinds need the regulator ITU."
        for field in ("date_of_receipt", "grant_date"):
            value = getattr(self, field)
            if value and value > dt.date.today() + dt.timedelta(days=366 * 5):
                errors[field] = f"{value} is implausibly far in the future."
        if errors:
            raise ValidationError(errors)


# Shells one filing may hold. The filings on record have at most a few dozen (CINNAMON-937: 26 inclined shells
# plus an equatorial one, shared/reference/filings.md); 1,000 leaves room for any real filing while refusing,
# cheaply, a post of thousands that would tie up a worker (5,000 shells took 26 s). Stated, not sourced.
MAX_SHELLS = 1000
# Longest chain of parent filings followed when checking for a cycle (real chains are a handful of amendments).
MAX_PARENT_CHAIN = 100


class FilingShell(SourcedRecord):
    filing = models.ForeignKey(Filing, on_delete=models.CASCADE, related_name="shells")
    ordinal = models.PositiveSmallIntegerField(default=1, help_text="Position of the shell in its filing.")
    altitude_km = models.FloatField(help_text="Altitude, or the lower end of a range, in km.")
    altitude_max_km = models.FloatField(null=True, blank=True, help_text="Upper end of an altitude range.")
    inclination_deg = models.FloatField(null=True, blank=True)
    inclination_max_deg = models.FloatField(null=True, blank=True)
    sun_synchronous = models.BooleanField(default=False)
    ltan = models.TimeField("local time of the ascending node", null=True, blank=True)
    planes = models.PositiveIntegerField(null=True, blank=True)
    satellites_per_plane = models.PositiveIntegerField(null=True, blank=True)
    satellite_count = models.PositiveIntegerField(null=True, blank=True)
    sources = models.ManyToManyField(Source, blank=True, related_name="shells")

    objects = FilingShellQuerySet.as_manager()

    class Meta:
        ordering = ["filing", "ordinal"]
        constraints = [models.UniqueConstraint(fields=["filing", "ordinal"], name="one_shell_per_position")]

    def __str__(self):
        return f"{self.filing}: {self.altitude_label} / {self.inclination_label}"

    @property
    def altitude_label(self) -> str:
        if self.altitude_max_km is not None and self.altitude_max_km != self.altitude_km:
            return f"{self.altitude_km:g}–{self.altitude_max_km:g} km"
        return f"{self.altitude_km:g} km"

    @property
    def inclination_label(self) -> str:
        if self.sun_synchronous:
            return "SSO" + (f" LTAN {self.ltan:%H:%M}" if self.ltan else "")
        if self.inclination_deg is None:
            return "inclination unknown"
        if self.inclination_max_deg is not None:
            return f"{self.inclination_deg:g}–{self.inclination_max_deg:g}°"
        return f"{self.inclination_deg:g}°"

    def clean(self):
        errors = {}
        if self.ordinal and self.ordinal > MAX_SHELLS:
            errors["ordinal"] = f"A filing holds at most {MAX_SHELLS:,} shells."
        if self.altitude_km is not None and self.altitude_km < 0:
            errors["altitude_km"] = f"Altitude {self.altitude_km:g} km is negative."
        if (
            self.altitude_max_km is not None
            and self.altitude_km is not None
            and self.altitude_max_km < self.altitude_km
        ):
            errors["altitude_max_km"] = "The upper altitude is below the lower altitude."
        for field in ("inclination_deg", "inclination_max_deg"):
            value = getattr(self, field)
            if value is not None and not 0 <= value <= 180:
                errors[field] = f"Inclination {value:g}° is outside 0–180°."
        if (
            self.inclination_max_deg is not None
            and self.inclination_deg is not None
            and self.inclination_max_deg < self.inclination_deg
        ):
            errors.setdefault("inclination_max_deg", "The upper inclination is below the lower inclination.")
        if self.ltan and not self.sun_synchronous:
            errors["ltan"] = "A local time of the ascending node applies to sun-synchronous shells only."
        if None not in (self.planes, self.satellites_per_plane, self.satellite_count):
            product = self.planes * self.satellites_per_plane
            if product != self.satellite_count:
                errors["satellite_count"] = (
                    f"{self.satellite_count} satellites does not equal {self.planes} planes × "
                    f"{self.satellites_per_plane} per plane = {product}."
                )
        if errors:
            raise ValidationError(errors)

    @property
    def satellites(self) -> int | None:
        if self.satellite_count is not None:
            return self.satellite_count
        if self.planes and self.satellites_per_plane:
            return self.planes * self.satellites_per_plane
        return None


class FrequencyBand(SourcedRecord):
    """One frequency band of a filing, as numbers (GHz), with its service and direction where recorded.

    ``label`` keeps the free text it was read from (the filing's ``frequency_bands``). The rules read a filing's
    bands to decide Res. 35 resolves 1 (compliance.rules.bands) and whether RR No. 11.44C or 11.44D says when it
    is brought into use. A single frequency (e.g. "1.4 GHz") has low = high.
    """

    class Service(models.TextChoices):
        FSS = band_rules.FSS, "Fixed-satellite"
        MSS = band_rules.MSS, "Mobile-satellite"
        BSS = band_rules.BSS, "Broadcasting-satellite"
        OTHER = band_rules.OTHER, "Other service"

    class Direction(models.TextChoices):
        DOWN = band_rules.DOWN, "space-to-Earth"
        UP = band_rules.UP, "Earth-to-space"

    filing = models.ForeignKey(Filing, on_delete=models.CASCADE, related_name="bands")
    ordinal = models.PositiveSmallIntegerField(default=1, help_text="Position of the band in its filing.")
    low_ghz = models.DecimalField("low (GHz)", max_digits=9, decimal_places=4)
    high_ghz = models.DecimalField("high (GHz)", max_digits=9, decimal_places=4,
                                   help_text="Equal to the low end for a single frequency.")
    service = models.CharField(max_length=8, choices=Service.choices, blank=True,
                               help_text="Empty when the source does not say.")
    direction = models.CharField(max_length=16, choices=Direction.choices, blank=True,
                                 help_text="Empty when the source does not say (or both directions).")
    label = models.CharField(max_length=200, blank=True, help_text="The text the band was read from.")
    sources = models.ManyToManyField(Source, blank=True, related_name="bands")

    class Meta:
        ordering = ["filing", "ordinal"]
        constraints = [models.UniqueConstraint(fields=["filing", "ordinal"], name="one_band_per_position")]

    def __str__(self):
        return f"{self.filing}: {self.as_rule().describe()}" if self.low_ghz is not None else str(self.filing)

    def as_rule(self) -> band_rules.Band:
        return band_rules.Band(self.low_ghz, self.high_ghz, self.service, self.direction, self.label)

    def clean(self):
        errors = {}
        if self.low_ghz is not None and self.low_ghz <= 0:
            errors["low_ghz"] = f"A frequency must be positive, not {self.low_ghz} GHz."
        if self.high_ghz is not None and self.low_ghz is not None and self.high_ghz < self.low_ghz:
            errors["high_ghz"] = f"The high end {self.high_ghz} GHz is below the low end {self.low_ghz} GHz."
        if self.high_ghz is not None and self.high_ghz > 3000:
            errors["high_ghz"] = "The Radio Regulations allocate up to 3,000 GHz."
        if errors:
            raise ValidationError(errors)


class MilestoneCondition(SourcedRecord):
    """A due date that a grant sets instead of the default rule (47 CFR 25.164(b): 'unless ... established')."""

    filing = models.ForeignKey(Filing, on_delete=models.CASCADE, related_name="milestone_conditions")
    milestone = models.CharField(max_length=20, choices=MilestoneCode.choices)
    due_date = models.DateField()
    sources = models.ManyToManyField(Source, blank=True, related_name="milestone_conditions")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["filing", "milestone"], name="one_condition_per_milestone")
        ]

    def __str__(self):
        return f"{self.filing}: {self.get_milestone_display()} due {self.due_date}"


class Waiver(SourcedRecord):
    class Kind(models.TextChoices):
        WAIVER = "waiver", "Waiver"
        EXTENSION = "extension", "Extension"

    filing = models.ForeignKey(Filing, on_delete=models.CASCADE, related_name="waivers")
    milestone = models.CharField(max_length=20, choices=MilestoneCode.choices)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    granted_on = models.DateField()
    extended_to = models.DateField(null=True, blank=True)
    sources = models.ManyToManyField(Source, blank=True, related_name="waivers")

    class Meta:
        ordering = ["granted_on"]

    def __str__(self):
        return f"{self.get_kind_display()} of {self.milestone} for {self.filing}"

    def clean(self):
        if self.kind == self.Kind.EXTENSION and not self.extended_to:
            raise ValidationError({"extended_to": "An extension needs the new due date."})
        if self.extended_to and self.granted_on and self.extended_to < self.granted_on:
            raise ValidationError({"extended_to": "The new due date is before the extension was granted."})


NoticeKind = models.TextChoices("NoticeKind", codes.enum_members(codes.NOTICE_KIND_LABELS))

# To whom each kind of notice is made: ITU kinds only on ITU filings, FCC kinds only on FCC ones
# (tests/filings/test_notices.py checks every kind of codes.NOTICE_KINDS is here).
NOTICE_REGIMES = {
    "biu_notice": codes.ITU,
    "res35_report": codes.ITU,
    "res35_modification": codes.ITU,
    "suspension": codes.ITU,
    "resumption": codes.ITU,
    "fcc_certification": codes.FCC,
    "bond_posting": codes.FCC,
    "petition_to_deny": codes.FCC,
    "regulator_statement": codes.FCC,
}
# Kinds that happen once per filing and whose date the Filing also holds: the notice's as_of is that date.
NOTICE_FILING_DATES = {"biu_notice": "brought_into_use_on", "bond_posting": "bond_posted_on"}
PER_PLANE_MESSAGE = "Satellites per plane is a list of whole numbers, zero or more, one for each notified plane."


def is_per_plane_list(value) -> bool:
    """A list of whole numbers, zero or more (booleans are not numbers here)."""
    return isinstance(value, list) and all(
        isinstance(n, int) and not isinstance(n, bool) and 0 <= n <= 2_147_483_647 for n in value)


class FilingNotice(SourcedRecord):
    """A notice or report on record: what the notifying administration (or the licensee) told its regulator, or,
    for a contested FCC application, a petition against it and the regulator's answer (no rule reads those).

    The Django side of compliance.rules.facts.Notice; compliance.evaluation.facts_for hands the rules core one
    Notice per row, in the order they were submitted. ``provision`` is what the notice answers, numbered as the
    text numbers it ("resolves 7 a)", "No. 11.44C", "25.164(f)"); ``as_of`` is the date its figures refer to.

    How a notice relates to the Filing's own dates (which the rules read too, and which stay):
    - a ``biu_notice`` (RR No. 11.44C / 11.44D) is submitted after the fact; its ``as_of`` is the date the
      assignments were brought into use, the date ``Filing.brought_into_use_on`` holds (clean() refuses a
      different one);
    - a ``bond_posting``'s ``as_of`` is the date the bond was posted, ``Filing.bond_posted_on`` (same check);
    - a ``suspension``'s ``as_of`` is the date use was suspended and a ``resumption``'s the date it resumed; a
      filing may be suspended more than once, so ``Filing.suspended_on`` / ``resumed_on`` hold the latest
      episode and are not checked against every notice.
    """

    filing = models.ForeignKey(Filing, on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(max_length=24, choices=NoticeKind.choices)
    submitted_on = models.DateField(help_text="The date the notice or report was submitted to the regulator.")
    provision = models.CharField(
        max_length=80, blank=True,
        help_text="What it answers, as the text numbers it: 'resolves 7 a)', 'No. 11.44C', '25.164(f)'.")
    as_of = models.DateField(
        null=True, blank=True,
        help_text="The date its figures refer to (the end of a milestone period, the date brought into use, "
        "suspended or resumed, the date a bond was posted).")
    satellites_declared = models.PositiveIntegerField(
        null=True, blank=True, help_text="Satellites declared deployed; empty where not stated.")
    satellites_per_plane = models.JSONField(
        default=list, blank=True,
        help_text="The satellites declared on each notified orbital plane, in order, where given: [22, 22, 21].")
    total_after = models.PositiveIntegerField(
        null=True, blank=True,
        help_text="A Res. 35 modification only (resolves 11 / 21): the total number of satellites notified after it.")
    sources = models.ManyToManyField(Source, blank=True, related_name="notices")

    class Meta:
        ordering = ["submitted_on", "pk"]
        indexes = [models.Index(fields=["filing", "kind", "submitted_on"])]

    def __str__(self):
        return f"{self.filing}: {self.get_kind_display()} submitted {self.submitted_on}"

    def clean(self):
        errors = {}
        if self.as_of and self.submitted_on and self.as_of > self.submitted_on:
            errors["as_of"] = (
                f"The figures cannot be as of {self.as_of}, after the notice was submitted on {self.submitted_on}."
            )
        if self.submitted_on and self.submitted_on > dt.date.today() + dt.timedelta(days=1):
            errors["submitted_on"] = f"{self.submitted_on} is in the future: a notice on record has been submitted."
        per_plane = self.satellites_per_plane
        if per_plane in (None, ""):
            per_plane = self.satellites_per_plane = []
        if not is_per_plane_list(per_plane):
            errors["satellites_per_plane"] = PER_PLANE_MESSAGE
        elif per_plane and self.satellites_declared is not None and sum(per_plane) != self.satellites_declared:
            errors["satellites_per_plane"] = (
                f"The planes add up to {sum(per_plane)} satellites, not the {self.satellites_declared} declared."
            )
        if self.total_after is not None and self.kind != NoticeKind.RES35_MODIFICATION:
            errors["total_after"] = (
                "Only a Res. 35 modification (resolves 11 or 21) sets the total number of satellites after it."
            )
        filing = self.filing if self.filing_id else None
        regime = NOTICE_REGIMES.get(self.kind)
        if filing is not None and regime is not None:
            filed_with = codes.ITU if filing.regulator == Regulator.ITU else filing.regulator
            if filed_with != regime:
                errors["kind"] = (
                    f"A {self.get_kind_display()} is made to the {codes.REGIME_LABELS[regime]}; "
                    f"{filing.key or filing} is filed with the {filing.get_regulator_display()}."
                )
        field = NOTICE_FILING_DATES.get(self.kind)
        if filing is not None and field and self.as_of and getattr(filing, field) not in (None, self.as_of):
            errors.setdefault("as_of", (
                f"The filing records {filing._meta.get_field(field).verbose_name} {getattr(filing, field)}; "
                f"this notice says {self.as_of}."
            ))
        if errors:
            raise ValidationError(errors)

    def to_fact(self):
        """The rules core's value for this row (compliance.rules.facts.Notice)."""
        return NoticeFact(
            kind=self.kind, submitted_on=self.submitted_on, provision=self.provision, as_of=self.as_of,
            satellites_declared=self.satellites_declared,
            satellites_per_plane=tuple(self.satellites_per_plane or ()), total_after=self.total_after,
        )


ItuListName = models.TextChoices("ItuListName", [
    ("BROUGHT_INTO_USE", (itu_snl.BROUGHT_INTO_USE, "Brought into use")),
    ("SUSPENSION", (itu_snl.SUSPENSION, "Suspension (RR No. 11.49)")),
])
ITU_LIST_STATUSES = {itu_snl.BROUGHT_INTO_USE: itu_snl.BIU_STATUS_LABELS, itu_snl.SUSPENSION: itu_snl.SUSPENSION_STATUS_LABELS}


class ItuListEntry(SourcedRecord):
    """One row of an ITU Space Network List export about a filing's network, as the Bureau lists it.

    Brought-into-use rows (one per notice) carry the date of bringing into use (foreseen while the status is N),
    the status and, for a network not yet confirmed, the ITU's expiry date of the No. 11.44 regulatory period;
    ``computed_deadline`` keeps Slotwatch's own No. 11.44 end of the period (from the filing's date of receipt,
    the compliance rules' computation) as of the import that checked it, so a mismatch stays visible. Suspension
    rows (RR No. 11.49) are keyed by the Bureau's notice id. Written by ``manage.py import_itu``.
    """

    filing = models.ForeignKey(Filing, on_delete=models.CASCADE, related_name="itu_list_entries")
    list_name = models.CharField("SNL list", max_length=20, choices=ItuListName.choices)
    listed_name = models.CharField(max_length=80, help_text="The network's name as the list gives it.")
    adm = models.CharField("ITU administration symbol", max_length=3)
    list_date = models.DateField(help_text="The date of the SNL export that first listed this row.")
    source = models.ForeignKey(Source, on_delete=models.PROTECT, null=True, blank=True, related_name="itu_entries")
    status = models.CharField(max_length=1, choices=[
        (code, f"{code}: {label}") for labels in ITU_LIST_STATUSES.values() for code, label in labels.items()])
    provision = models.CharField(max_length=20, blank=True)
    biu_date = models.DateField("date of bringing into use", null=True, blank=True,
                                help_text="The foreseen date while the status is N.")
    expiry_date = models.DateField("ITU expiry date for bringing into use", null=True, blank=True)
    computed_deadline = models.DateField(
        "Slotwatch's No. 11.44 deadline", null=True, blank=True,
        help_text="Seven years from the filing's date of receipt (RR No. 11.44), when the filing has one.")
    notice_id = models.PositiveBigIntegerField("ITU notice id", null=True, blank=True)
    suspension_type = models.CharField(max_length=1, blank=True, choices=list(
        itu_snl.SUSPENSION_TYPE_LABELS.items()))
    suspension_received_on = models.DateField(null=True, blank=True,
                                              help_text="The date the Bureau received the suspension.")
    suspended_on = models.DateField(null=True, blank=True)
    resumption_due = models.DateField("date limit for the resumption", null=True, blank=True)
    resumed_on = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = "ITU list entry"
        verbose_name_plural = "ITU list entries"
        ordering = ["filing", "list_name", "biu_date", "suspended_on", "pk"]
        constraints = [models.UniqueConstraint(fields=["notice_id"], name="one_entry_per_itu_notice")]

    def __str__(self):
        return f"{self.listed_name} ({self.adm}): {self.get_list_name_display()} {self.status}"

    @property
    def deadline_mismatch(self) -> bool:
        """The ITU's expiry date and Slotwatch's No. 11.44 deadline are both known and differ."""
        return None not in (self.expiry_date, self.computed_deadline) and self.expiry_date != self.computed_deadline

    def clean(self):
        errors = {}
        statuses = ITU_LIST_STATUSES.get(self.list_name, {})
        if self.status and self.list_name and self.status not in statuses:
            errors["status"] = (f"{self.status!r} is not a status of the {self.get_list_name_display()} list "
                                f"(it has {', '.join(statuses)}).")
        if self.list_name == ItuListName.BROUGHT_INTO_USE:
            if not self.biu_date:
                errors["biu_date"] = "A brought-into-use row has a date of bringing into use."
            for name in ("notice_id", "suspension_type", "suspended_on", "resumption_due", "resumed_on",
                         "suspension_received_on"):
                if getattr(self, name) not in (None, ""):
                    errors[name] = "Only a suspension row has this."
        elif self.list_name == ItuListName.SUSPENSION:
            if not self.suspended_on:
                errors["suspended_on"] = "A suspension has the date use was suspended."
            if not self.notice_id:
                errors["notice_id"] = "A suspension row carries the Bureau's notice id."
            for name in ("biu_date", "expiry_date", "computed_deadline"):
                if getattr(self, name) is not None:
                    errors[name] = "Only a brought-into-use row has this."
            if self.suspended_on and self.resumption_due and self.resumption_due < self.suspended_on:
                errors["resumption_due"] = "The date limit for the resumption is before the suspension."
            if self.suspended_on and self.resumed_on and self.resumed_on < self.suspended_on:
                errors["resumed_on"] = "Use cannot resume before it was suspended."
        filing = self.filing if self.filing_id else None
        if filing is not None and not filing.is_itu:
            errors["filing"] = "The Space Network List lists ITU filings only."
        if errors:
            raise ValidationError(errors)
