"""Facts about one filing, built by the Django shell from a Filing row.

`None` always means "not known", never "did not happen": rules that need an unknown fact
report status not_computable and name the fact, rather than guess.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .bands import Band
from .codes import FILING_STATUSES, KINDS, MILESTONE_CODES, NOTICE_KINDS

WAIVER_KINDS = ("waiver", "extension")
# RR No. 11.44: the provisions a date of receipt can fall under (9.1/9.2: not subject to coordination under
# Section II of Article 9; 9.30: subject to it). "" = not recorded.
RECEIPT_PROVISIONS = ("9.1", "9.2", "9.30")


@dataclass(frozen=True)
class Waiver:
    """A regulator's relief from one milestone, effective from `granted_on`.

    kind 'waiver': the milestone no longer applies (status 'waived').
    kind 'extension': the due date moves to `extended_to`.
    """

    milestone_code: str
    kind: str
    granted_on: date
    extended_to: date | None = None
    note: str = ""

    def __post_init__(self) -> None:
        _check_code(self.milestone_code)
        if self.kind not in WAIVER_KINDS:
            raise ValueError(f"waiver kind must be one of {WAIVER_KINDS}, not {self.kind!r}")
        if self.kind == "extension" and self.extended_to is None:
            raise ValueError("an extension needs extended_to")


@dataclass(frozen=True)
class Notice:
    """A notice or report on record: what the notifying administration (or licensee) told its regulator.

    kind: one of codes.NOTICE_KINDS. provision: what it answers, as the text numbers it ("resolves 7 a)",
    "No. 11.44C", "25.164(f)"). as_of: the date its figures refer to (e.g. the end of a milestone period).
    satellites_declared: the satellites declared deployed; satellites_per_plane: the same per notified plane,
    where given. total_after: for a modification (Res. 35 resolves 11 / 21), the total number of satellites
    notified after it. None means not recorded.
    """

    kind: str
    submitted_on: date
    provision: str = ""
    as_of: date | None = None
    satellites_declared: int | None = None
    satellites_per_plane: tuple[int, ...] = ()
    total_after: int | None = None

    def __post_init__(self) -> None:
        if self.kind not in NOTICE_KINDS:
            raise ValueError(f"unknown notice kind {self.kind!r}")
        object.__setattr__(self, "satellites_per_plane", tuple(self.satellites_per_plane))


@dataclass(frozen=True)
class Stage:
    """One grant of an FCC satellite system (47 CFR 25.164(h)): what it authorised, when, and the due dates
    it set instead of the default schedule of 25.164(b) (None: the default applies)."""

    name: str
    grant_date: date
    satellites_authorised: int
    m50_due: date | None = None
    m100_due: date | None = None
    filing_id: int | str | None = None  # the record of this grant, where known


@dataclass(frozen=True)
class FilingFacts:
    filing_id: int | str
    name: str
    regulator: str  # 'itu', 'fcc' or another national regulator's code
    kind: str
    status: str
    date_of_receipt: date | None = None
    grant_date: date | None = None
    satellites_filed: int | None = None
    satellites_authorised: int | None = None
    res35_applies: bool | None = None  # None: not known from the bands -> Res. 35 results shown as conditional
    # the first day of the No. 11.44C 90-day period, or for a No. 11.44D system the day of deployment on a plane
    brought_into_use_on: date | None = None
    suspended_on: date | None = None
    resumed_on: date | None = None
    surrendered_on: date | None = None
    bond_posted_on: date | None = None
    small_satellite: bool = False
    # (milestone_code, due_date) set by the grant instead of the default schedule.
    milestone_conditions: tuple[tuple[str, date], ...] = ()
    waivers: tuple[Waiver, ...] = ()
    # (notice milestone code, date filed), e.g. ('fcc_report_m50', date(...)).
    notices_filed: tuple[tuple[str, date], ...] = ()
    # Notices and reports on record (Notice), in the order they were submitted.
    notices: tuple[Notice, ...] = ()
    # The filing's frequency bands as numbers (bands.Band); () = none recorded.
    bands: tuple[Band, ...] = ()
    # RR No. 11.44: the provision the date of receipt was received under ("9.1", "9.2", "9.30"); "" = not
    # recorded (the rules then read it from the filing kind: a coordination request is a No. 9.30 receipt).
    receipt_provision: str = ""
    # Why res35_applies holds what it holds. The shell (compliance.evaluation.facts_for) fills res35_applies
    # from an explicit Filing.res35_applies (an analyst's override), else from the Res. 35 resolves 1 band
    # table (bands.res35_applies): None = cannot be told from the recorded bands.
    res35_reason: str = ""
    # 47 CFR 25.164(b), (h): where this record stands in its FCC system, derived by the shell from the parent
    # links (fcc.fcc_systems). initial_grant_date: the grant of the system's initial authorisation, from which
    # 25.164(b) counts (a modification does not restart it). governed_by: the record whose schedule governs
    # this one (named), with the reason; its own FCC results are then not_applicable. stages: every grant of a
    # system granted in stages, this one included (empty for a system of one grant).
    initial_grant_date: date | None = None
    governed_by: str = ""
    governed_because: str = ""
    stages: tuple[Stage, ...] = ()

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown filing kind {self.kind!r}")
        if self.status not in FILING_STATUSES:
            raise ValueError(f"unknown filing status {self.status!r}")
        if self.receipt_provision not in RECEIPT_PROVISIONS + ("",):
            raise ValueError(f"receipt_provision must be one of {RECEIPT_PROVISIONS}, "
                             f"not {self.receipt_provision!r}")
        for name in ("milestone_conditions", "waivers", "notices_filed", "notices", "bands", "stages"):
            object.__setattr__(self, name, tuple(getattr(self, name)))
        for code, _ in self.milestone_conditions + self.notices_filed:
            _check_code(code)

    @property
    def regulator_key(self) -> str:
        return self.regulator.strip().lower()

    def condition_for(self, code: str) -> date | None:
        return dict(self.milestone_conditions).get(code)

    def notice_for(self, code: str) -> date | None:
        return dict(self.notices_filed).get(code)

    def notices_of(self, kind: str, on_or_before: date | None = None) -> tuple[Notice, ...]:
        """The notices of one kind on record, submitted on or before a date (all when None)."""
        return tuple(n for n in self.notices
                     if n.kind == kind and (on_or_before is None or n.submitted_on <= on_or_before))


def _check_code(code: str) -> None:
    if code not in MILESTONE_CODES:
        raise ValueError(f"unknown milestone code {code!r}")
