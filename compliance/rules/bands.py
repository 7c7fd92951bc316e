"""Frequency bands as numbers, and the Res. 35 resolves 1 band table as data.

Resolution 35 resolves 1 (the edition, rulesets.ITU_RR_2024, cites it as param res35_band_table): the
Resolution "applies to frequency assignments to non-GSO systems brought into use in accordance with Nos. 11.44
and 11.44C, in the frequency bands and for the services listed in the Table below". The table (RES35_TABLE)
lists bands from 10.70 to 51.40 GHz, each with the services (fixed-, mobile- and broadcasting-satellite) and
directions it names.

How the table is held: the extraction of the adopted text (reference/primary/itu-res35-rev-wrc23.txt) keeps
each row's band and the services it names, but not the column (Region 1, 2 or 3) each service sits in. Each
row therefore holds the services it lists in ANY Region. A non-GSO system's assignments are notified for
every Region it serves, so a band/service listed in some Region brings the system under the Resolution; a
filing restricted to one Region would need the per-Region columns, which are not modelled.

How a filing's bands are matched (`res35_applicability`):
- a band [low, high] GHz meets a table row when they share more than a single edge frequency (a band
  ending at 10.70 does not enter 10.70-11.70), or, for a single frequency (low == high), when it lies in
  the row, edges included (10.70 and 51.40 are in, 10.69 is out);
- a band that meets a row is in the table when its service is one the row lists in its direction; a band
  whose direction is unrecorded is in when the row lists its service in both directions;
- the answer: True when some band is in the table; False when every band is known (outside the table's
  bands, or a recorded service/direction the rows do not list); None when no band is recorded or a band
  that meets the table lacks the service or direction that would decide it.

An explicit `Filing.res35_applies` (an analyst's reading of the filing) still wins over this decision; the
Django shell (compliance.evaluation.facts_for) fills `FilingFacts.res35_applies` with whichever applies.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

FSS, MSS, BSS, OTHER = "fss", "mss", "bss", "other"
SERVICE_LABELS = {
    FSS: "Fixed-satellite", MSS: "Mobile-satellite", BSS: "Broadcasting-satellite",
    OTHER: "Other service (e.g. inter-satellite, earth exploration, fixed)",
}
SERVICES = tuple(SERVICE_LABELS)
# The services of RR No. 11.44C (and of the Res. 35 table); any other service of an Earth-orbiting non-GSO
# system is brought into use under No. 11.44D.
SERVICES_1144C = (FSS, MSS, BSS)

DOWN, UP = "space_to_earth", "earth_to_space"
DIRECTION_LABELS = {DOWN: "space-to-Earth", UP: "Earth-to-space"}
DIRECTIONS = tuple(DIRECTION_LABELS)

RES35_PROVISION = "Res. 35 resolves 1"  # the edition's param res35_band_table gives the full citation


def ghz(value) -> Decimal:
    """A frequency in GHz as an exact decimal (10.7 and '10.70' are the same frequency)."""
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        raise ValueError(f"not a frequency in GHz: {value!r}") from None
    if not number.is_finite():
        raise ValueError(f"not a frequency in GHz: {value!r}")
    return number


@dataclass(frozen=True)
class Band:
    """One frequency band of a filing: low/high in GHz (equal for a single frequency), the service and the
    direction where recorded ("" = not recorded), and the free text it was read from."""

    low_ghz: Decimal
    high_ghz: Decimal
    service: str = ""
    direction: str = ""
    label: str = ""

    def __post_init__(self) -> None:
        low, high = ghz(self.low_ghz), ghz(self.high_ghz)
        if low <= 0 or high < low:
            raise ValueError(f"a band runs from a positive low to a high at least as large, not {low}-{high}")
        if self.service not in SERVICES + ("",):
            raise ValueError(f"unknown service {self.service!r}")
        if self.direction not in DIRECTIONS + ("",):
            raise ValueError(f"unknown direction {self.direction!r}")
        object.__setattr__(self, "low_ghz", low)
        object.__setattr__(self, "high_ghz", high)

    def describe(self) -> str:
        span = f"{self.low_ghz:f}" if self.low_ghz == self.high_ghz else f"{self.low_ghz:f}-{self.high_ghz:f}"
        parts = [f"{span} GHz"]
        if self.service:
            parts.append(SERVICE_LABELS[self.service].split(" (")[0])
        if self.direction:
            parts.append(f"({DIRECTION_LABELS[self.direction]})")
        return " ".join(parts)


@dataclass(frozen=True)
class TableRow:
    """One row of the resolves 1 table: a band and the (service, direction) pairs it lists in any Region."""

    low_ghz: Decimal
    high_ghz: Decimal
    listed: frozenset[tuple[str, str]]

    def meets(self, band: Band) -> bool:
        if band.low_ghz == band.high_ghz:
            return self.low_ghz <= band.low_ghz <= self.high_ghz
        return max(self.low_ghz, band.low_ghz) < min(self.high_ghz, band.high_ghz)

    def label(self) -> str:
        return f"{self.low_ghz:.2f}-{self.high_ghz:.2f} GHz"


def _row(low: str, high: str, *listed: tuple[str, str]) -> TableRow:
    return TableRow(Decimal(low), Decimal(high), frozenset(listed))


_FSS_DOWN, _FSS_UP = (FSS, DOWN), (FSS, UP)
_MSS_DOWN, _MSS_UP = (MSS, DOWN), (MSS, UP)
_BSS = (BSS, DOWN)  # broadcasting-satellite is space-to-Earth

# Resolution 35 resolves 1, Table "Frequency bands and services for application of the milestone-based
# approach", row by row as the adopted text lists them (services named in any Region's column).
RES35_TABLE: tuple[TableRow, ...] = (
    _row("10.70", "11.70", _FSS_DOWN, _FSS_UP),
    _row("11.70", "12.50", _FSS_DOWN),
    _row("12.50", "12.70", _FSS_DOWN, _FSS_UP, _BSS),
    _row("12.70", "12.75", _FSS_DOWN, _FSS_UP, _BSS),
    _row("12.75", "13.25", _FSS_UP),
    _row("13.75", "14.50", _FSS_UP),
    _row("17.30", "17.70", _FSS_DOWN, _FSS_UP),
    _row("17.70", "17.80", _FSS_DOWN, _FSS_UP),
    _row("17.80", "18.10", _FSS_DOWN, _FSS_UP),
    _row("18.10", "19.30", _FSS_DOWN),
    _row("19.30", "19.60", _FSS_DOWN, _FSS_UP),
    _row("19.60", "19.70", _FSS_DOWN, _FSS_UP),
    _row("19.70", "20.10", _FSS_DOWN, _MSS_DOWN),
    _row("20.10", "20.20", _FSS_DOWN, _MSS_DOWN),
    _row("27.00", "27.50", _FSS_UP),
    _row("27.50", "29.50", _FSS_UP),
    _row("29.50", "29.90", _FSS_UP, _MSS_UP),
    _row("29.90", "30.00", _FSS_UP, _MSS_UP),
    _row("37.50", "38.00", _FSS_DOWN),
    _row("38.00", "39.50", _FSS_DOWN),
    _row("39.50", "40.50", _FSS_DOWN, _MSS_DOWN),
    _row("40.50", "42.50", _FSS_DOWN, _BSS),
    _row("47.20", "50.20", _FSS_UP),
    _row("50.40", "51.40", _FSS_UP),
)


@dataclass(frozen=True)
class Applicability:
    """Whether Res. 35 applies by the band table (None: cannot be told from what is recorded), and why."""

    applies: bool | None
    reason: str
    provision: str = RES35_PROVISION


def band_in_table(band: Band, table: tuple[TableRow, ...] = RES35_TABLE) -> bool | None:
    """True: the band/service is in the table; False: it is not; None: the band meets the table but its
    service or direction is not recorded, so the table cannot decide."""
    rows = [row for row in table if row.meets(band)]
    if not rows:
        return False
    undecided = False
    for row in rows:
        services = {service for service, _ in row.listed}
        if not band.service:
            undecided = True
        elif band.service not in services:
            continue
        elif band.direction:
            if (band.service, band.direction) in row.listed:
                return True
        elif {(band.service, d) for d in DIRECTIONS} <= row.listed:
            return True
        else:
            undecided = True
    return None if undecided else False


def res35_applicability(bands, table: tuple[TableRow, ...] = RES35_TABLE) -> Applicability:
    """Res. 35 resolves 1 decided from a filing's bands (see the module notes)."""
    bands = tuple(bands)
    if not bands:
        return Applicability(None, "no frequency band recorded: the Res. 35 band table cannot be applied")
    answers = [(band, band_in_table(band, table)) for band in bands]
    inside = [b for b, answer in answers if answer is True]
    if inside:
        return Applicability(True, "in the Res. 35 band table: " + "; ".join(b.describe() for b in inside))
    open_ = [b for b, answer in answers if answer is None]
    if open_:
        return Applicability(None, "service or direction not recorded for "
                             + "; ".join(b.describe() for b in open_) + " (within the Res. 35 band table)")
    return Applicability(False, "outside the Res. 35 band table (bands/services: "
                         + "; ".join(b.describe() for b in bands) + ")")


def res35_applies(bands, override: bool | None = None) -> Applicability:
    """The decision the rules read: an analyst's explicit answer wins, else the band table's."""
    if override is not None:
        verdict = "applies" if override else "does not apply"
        return Applicability(override, f"Res. 35 {verdict}: set on the filing record")
    return res35_applicability(bands)


def biu_provision(bands, res35: bool | None = None) -> tuple[str, bool]:
    """Which RR No. says when the filing's assignments count as brought into use, and whether that is
    read from its records (True) or assumed (False).

    No. 11.44C covers fixed-, mobile- and broadcasting-satellite non-GSO systems (90 continuous days on a
    notified plane); No. 11.44D every other Earth-orbiting non-GSO system (deployment on a notified plane).
    A filing with one 11.44C service follows 11.44C; Res. 35 applying implies such a service. With no
    service recorded, 11.44C (the stricter rule) is assumed.
    """
    bands = tuple(bands)
    if any(b.service in SERVICES_1144C for b in bands) or res35 is True:
        return "No. 11.44C", True
    if bands and all(b.service for b in bands):
        return "No. 11.44D", True
    return "No. 11.44C", False
