"""Rule numbers and rule-set editions as data.

Every number a rule uses is a `Param` that names its provision, its source and a
confidence derived from the research tags in shared/reference/rules.md and res35.md:
[P] -> 'confirmed', [S] -> 'reported', [U] -> 'unconfirmed'. Results carry the weakest
confidence of the params they used, and list unconfirmed params as assumptions.

A `RuleSet` is one edition of a regulator's rules: its params, the title and citation of each
milestone (`Provision`), and when it is in force. A revised provision is a new edition (see
`RuleSet.revised`) listed in `EDITIONS`, never a code change; `editions.edition_for` picks the
edition that governs a filing.

To put a new edition in use: `NEW = OLD.revised(key, title, *changed params (each citing its
source), in_force_from=<entry into force>, provisions=[re-titled or re-cited milestones])`,
append NEW to `EDITIONS`, and test filings dated on either side of its entry into force
(tests/compliance/rules/test_editions.py shows how).
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from .codes import FCC_CODES, ITU_CODES

CONFIRMED = "confirmed"
REPORTED = "reported"
UNCONFIRMED = "unconfirmed"
_RANK = {UNCONFIRMED: 0, REPORTED: 1, CONFIRMED: 2}

# The milestones each regime's editions must title and cite.
CODES_BY_REGIME = {"itu": ITU_CODES, "fcc": FCC_CODES}
# The filing facts an edition can be dated by (see RuleSet).
DATING_FACTS = ("date_of_receipt", "grant_date")


@dataclass(frozen=True)
class Param:
    name: str
    value: Any
    provision: str
    source: str
    confidence: str
    note: str = ""

    def __post_init__(self) -> None:
        if self.confidence not in _RANK:
            raise ValueError(f"unknown confidence {self.confidence!r} for {self.name}")


@dataclass(frozen=True)
class Provision:
    """What one milestone is called, and where its text is, in one edition."""

    code: str
    title: str
    citation: str


@dataclass(frozen=True)
class Spec:
    """What a milestone is under one edition of the rules, independent of any filing."""

    code: str
    regime: str
    title: str
    provision: str
    edition: str = ""  # the governing RuleSet's key; empty when no edition governs


@dataclass(frozen=True)
class RuleSet:
    """One edition of a regulator's rules, and when it governs a filing.

    An edition governs a filing when it is in force on the evaluation date (`in_force_from`)
    and the filing's `dated_by` fact falls on or after that same date: ITU filings by their
    date of receipt, FCC authorisations by their grant date. The choice and its reason:
    - a revised Resolution 35 applies from its entry into force (the WRC Final Acts set that
      date); the Bureau examines a filing under the Regulations in force when it received the
      filing, and the transitional cases a conference settles otherwise (e.g. Res. 35 resolves
      3 and 8 for periods ended before 1 January 2021) are params of the edition itself;
    - an FCC licence's milestones and bond are conditions of the grant, set under the Part 25
      rules in effect on the day it was granted.
    So a filing dated before an edition keeps the edition before it. A `baseline` edition also
    stands in for the earlier texts the app does not model: it governs every filing, on every
    date, that no later edition claims.
    """

    key: str
    regime: str
    title: str
    params: tuple[Param, ...]
    in_force_from: date
    dated_by: str
    provisions: tuple[Provision, ...]
    baseline: bool = False
    _specs: dict[str, Spec] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        names = [p.name for p in self.params]
        if len(names) != len(set(names)):
            raise ValueError(f"duplicate parameter names in rule set {self.key}")
        codes = [p.code for p in self.provisions]
        if sorted(codes) != sorted(CODES_BY_REGIME.get(self.regime, ())):
            raise ValueError(f"rule set {self.key} must title each {self.regime} milestone once, not {codes}")
        if self.dated_by not in DATING_FACTS:
            raise ValueError(f"rule set {self.key}: dated_by must be one of {DATING_FACTS}")
        # Built once: every result of every evaluation reads one.
        specs = {p.code: Spec(p.code, self.regime, p.title, p.citation, self.key) for p in self.provisions}
        object.__setattr__(self, "_specs", specs)

    def param(self, name: str) -> Param:
        for p in self.params:
            if p.name == name:
                return p
        raise KeyError(f"rule set {self.key} has no parameter {name!r}")

    def value(self, name: str) -> Any:
        return self.param(name).value

    def provision(self, code: str) -> Provision:
        for p in self.provisions:
            if p.code == code:
                return p
        raise KeyError(f"rule set {self.key} has no provision for {code!r}")

    def spec(self, code: str) -> Spec:
        """The milestone `code` as this edition titles and cites it."""
        try:
            return self._specs[code]
        except KeyError:
            raise KeyError(f"rule set {self.key} has no provision for {code!r}") from None

    def revised(self, key: str, title: str, *changes: Param, in_force_from: date | None = None,
                provisions: Iterable[Provision] = ()) -> "RuleSet":
        """A new edition with the given params and provisions replaced (matched by name and code).

        With `in_force_from` it is a later edition, governing filings dated from that day on;
        without, it keeps this edition's dates (an alternative reading, passed as `rule_sets`).
        """
        params = _replaced(self.params, changes, lambda p: p.name, "parameters")
        titled = _replaced(self.provisions, tuple(provisions), lambda p: p.code, "provisions")
        dates = {} if in_force_from is None else dict(in_force_from=in_force_from, baseline=False)
        return replace(self, key=key, title=title, params=params, provisions=titled, **dates)


def _replaced(items: tuple, changes: tuple, name_of, what: str) -> tuple:
    new = {name_of(item): item for item in changes}
    unknown = set(new) - {name_of(item) for item in items}
    if unknown:
        raise KeyError(f"unknown {what}: {sorted(unknown)}")
    return tuple(new.get(name_of(item), item) for item in items)


def weakest(*params: Param) -> str:
    """The lowest confidence among params: a result is only as sure as its weakest input."""
    return min((p.confidence for p in params), key=_RANK.__getitem__, default=CONFIRMED)


# --- ITU: Radio Regulations 2024 edition with Res. 35 (Rev.WRC-23) ----------------------------

_ITU_BACKGROUNDER = "ITU backgrounder 'Non-geostationary satellite systems' (June 2021)"
_SPACENEWS_2019 = "SpaceNews, 'ITU sets milestones for megaconstellations' (20 Nov 2019)"
_RR_1144C = "RR No. 11.44C (WRC-23) text, RR 2024 extraction quoted in res35.md section 4"
_RES35_NOT_FOUND = "not found in any readable source (res35.md sections 3, 5, 6)"
_RES35 = "Res. 35 (Rev.WRC-23)"  # how this edition cites the Resolution


def _itu(name, value, provision, source, confidence, note=""):
    return Param(name, value, provision, source, confidence, note)


ITU_RR_2024 = RuleSet(
    key="ITU_RR_2024",
    regime="itu",
    title=f"ITU Radio Regulations (2024) Art. 11 and {_RES35}",
    # The RR edition of 2024 (WRC-23 Final Acts) entered into force on 1 January 2025; Res. 35
    # (Rev.WRC-23) applies its resolves 19-23 provisionally "as of 1 January 2025"
    # (reference/primary/itu-res35-rev-wrc23.txt). The baseline: earlier editions are not modelled.
    in_force_from=date(2025, 1, 1),
    dated_by="date_of_receipt",
    baseline=True,
    provisions=(
        Provision("itu_biu", "Bring into use within the regulatory period", "RR No. 11.44"),
        Provision("itu_biu_notice", "Inform the Bureau of bringing into use", "RR No. 11.44C"),
        Provision("itu_suspension", "Bring back into use after suspension", "RR No. 11.49"),
        Provision("res35_m1", "Res. 35 first milestone (M1)", f"{_RES35} resolves 7 a)"),
        Provision("res35_m2", "Res. 35 second milestone (M2)", f"{_RES35} resolves 7 b)"),
        Provision("res35_m3", "Res. 35 third milestone (M3)", f"{_RES35} resolves 7 c)"),
        Provision("res35_post", "Res. 35 post-milestone: keep the constellation deployed",
                  f"{_RES35} post-milestone procedure"),
    ),
    params=(
        # rules.md 1.1 / table row 1: 7-year regulatory period [S]; trigger API vs CR is [U].
        _itu("biu_years", 7, "RR No. 11.44", f"{_ITU_BACKGROUNDER}; {_SPACENEWS_2019}", REPORTED,
             "counted from the filing's date of receipt; API vs coordination-request trigger unconfirmed"),
        # res35.md 4: adopted text of No. 11.44C (90 continuous days, notice within 30 days).
        _itu("biu_period_days", 90, "RR No. 11.44C", _RR_1144C, CONFIRMED),
        _itu("biu_notice_days", 30, "RR No. 11.44C", _RR_1144C, CONFIRMED),
        # Whether BIU dates from the start of the 90 days (True) or needs the 90 days to end
        # within the regulatory period (False) was not read anywhere: [U].
        _itu("biu_date_is_period_start", True, "RR No. 11.44C", "not verified (rules.md 1.2)",
             UNCONFIRMED, "True: the 90-day period must begin by the deadline"),
        # rules.md 1.1: WRC-12 extended the 11.49 suspension to three years [S].
        _itu("suspension_max_years", 3, "RR No. 11.49 / 11.49.1",
             "CITEL PCC.II preliminary proposal for WRC-15 (docest.com)", REPORTED),
        # rules.md 2.1 / res35.md 3: 10/50/100 % at 2/5/7 years after the end of the period [S].
        _itu("res35_m1_years", 2, f"{_RES35} resolves 7 a)", _ITU_BACKGROUNDER, REPORTED),
        _itu("res35_m2_years", 5, f"{_RES35} resolves 7 b)", _ITU_BACKGROUNDER, REPORTED),
        _itu("res35_m3_years", 7, f"{_RES35} resolves 7 c)", _ITU_BACKGROUNDER, REPORTED),
        _itu("res35_m1_pct", 10, f"{_RES35} resolves 7 a)", _ITU_BACKGROUNDER, REPORTED),
        _itu("res35_m2_pct", 50, f"{_RES35} resolves 7 b)", _ITU_BACKGROUNDER, REPORTED),
        _itu("res35_m3_pct", 100, f"{_RES35} resolves 7 c)", _ITU_BACKGROUNDER, REPORTED),
        # res35.md 3: transitional schedule (resolves 8, inferred) - dates are an unverified recollection.
        _itu("res35_transition_cutoff", date(2021, 1, 1), f"{_RES35} resolves 8",
             _RES35_NOT_FOUND, UNCONFIRMED, "periods ending before this date use the fixed dates"),
        _itu("res35_transitional_m1", date(2023, 1, 1), f"{_RES35} resolves 8 a)",
             _RES35_NOT_FOUND, UNCONFIRMED),
        _itu("res35_transitional_m2", date(2026, 1, 1), f"{_RES35} resolves 8 b)",
             _RES35_NOT_FOUND, UNCONFIRMED),
        _itu("res35_transitional_m3", date(2028, 1, 1), f"{_RES35} resolves 8 c)",
             _RES35_NOT_FOUND, UNCONFIRMED),
        # res35.md 5: only "limited proportionally to the number launched" [S]; formula [U].
        # Filing falls to deployed * 100 / pct: /0.10 at M1, /0.50 at M2, deployed at M3.
        _itu("res35_m1_reduction_pct", 10, f"{_RES35} resolves 9-10", _RES35_NOT_FOUND,
             UNCONFIRMED, "reduced number = floor(deployed * 100 / pct), never above the filed number"),
        _itu("res35_m2_reduction_pct", 50, f"{_RES35} resolves 9-10", _RES35_NOT_FOUND,
             UNCONFIRMED),
        _itu("res35_m3_reduction_pct", 100, f"{_RES35} resolves 9-10", _RES35_NOT_FOUND,
             UNCONFIRMED),
        # res35.md 3: "within 90 days" of each milestone is an unverified recollection.
        _itu("res35_report_days", 90, f"{_RES35} resolves 7-8", _RES35_NOT_FOUND,
             UNCONFIRMED),
        # res35.md 6: WRC-23 post-milestone rule; 95 % is an unverified recollection.
        _itu("res35_post_pct", 95, f"{_RES35} post-milestone procedure", _RES35_NOT_FOUND,
             UNCONFIRMED),
        # "at least X %" read as deployed >= ceil(X % of N); rounding rule not read [U].
        _itu("res35_rounding", "ceil", _RES35, _RES35_NOT_FOUND, UNCONFIRMED),
        # 11.44C / Res. 35 count satellites deployed on notified planes, not merely launched.
        _itu("deployment_measure", "on_station", "RR No. 11.44C; Res. 8 (WRC-23)", _RR_1144C, REPORTED),
    ),
)

# --- FCC: 47 CFR Part 25 (milestones 2017, bond formula as amended 2021) ------------------------

# The adopted text: reference/primary/fcc-47cfr-25.txt (eCFR, amendments through 89 FR 34167, 30 Apr 2024).
_ECFR = "eCFR 47 CFR Part 25 (amendments through 89 FR 34167, 30 Apr 2024; mirror MichalOpoka/ecfr)"
_164 = f"{_ECFR}, § 25.164"
_161 = f"{_ECFR}, § 25.161"
_165 = f"{_ECFR}, § 25.165"


def _fcc(name, value, provision, source, confidence=CONFIRMED, note=""):
    return Param(name, value, provision, source, confidence, note)


FCC_PART25_2021 = RuleSet(
    key="FCC_PART25_2021",
    regime="fcc",
    title="47 CFR Part 25: NGSO milestones (25.164), termination (25.161), surety bond (25.165)",
    # 86 FR 49489 (3 Sep 2021), the latest amendment this edition holds (25.165), was published on
    # this date; its effective date was not read (rules.md 3.3). The baseline: it governs every
    # grant until a later edition, so the date only orders editions.
    in_force_from=date(2021, 9, 3),
    dated_by="grant_date",
    baseline=True,
    provisions=(
        Provision("fcc_bond", "Post the surety bond", "47 CFR 25.165(a)"),
        Provision("fcc_m50", "Launch and operate half of the authorised satellites", "47 CFR 25.164(b)(1)"),
        Provision("fcc_report_m50", "Report on the first milestone", "47 CFR 25.164(f)"),
        Provision("fcc_m100", "Launch and operate all authorised satellites", "47 CFR 25.164(b)(2)"),
        Provision("fcc_report_m100", "Report on the final milestone", "47 CFR 25.164(f)"),
        Provision("fcc_maintain50", "Keep half of the authorised satellites in service", "47 CFR 25.161(d)"),
    ),
    params=(
        _fcc("m50_years", 6, "47 CFR 25.164(b)(1)", _164),
        _fcc("m50_pct", 50, "47 CFR 25.164(b)(1)", _164),
        _fcc("m100_years", 9, "47 CFR 25.164(b)(2)", _164),
        _fcc("m100_pct", 100, "47 CFR 25.164(b)(2)", _164),
        _fcc("report_days", 15, "47 CFR 25.164(f)", _164),
        _fcc("maintain_pct", 50, "47 CFR 25.161(d)", _161),
        _fcc("bond_days", 30, "47 CFR 25.165(a)", _165),
        _fcc("bond_small_sat_years", 1, "47 CFR 25.165(a)", _165, note="25.122/25.123 licensees"),
        _fcc("bond_base_usd", 1_000_000, "47 CFR 25.165(a)(1)", _165),
        _fcc("bond_variable_usd", 4_000_000, "47 CFR 25.165(a)(1)", _165),
        _fcc("bond_cap_days", 2192, "47 CFR 25.165(a)(1)", _165),
        _fcc("bond_rounding_usd", 10_000, "47 CFR 25.165(a)(1)", _165),
        # 25.164(b)(1) / 25.161(d): "50 percent of the maximum number of space stations authorized" is a count of
        # whole stations; the requirement is met by any count that is 50 percent or more, so the least count
        # that satisfies it is half rounded up (4,408 -> 2,204; 3,237 -> 1,619). The text rounds nothing down
        # (unlike Res. 35 resolves 9-11, which says "rounded down to the lower integer").
        _fcc("rounding", "ceil", "47 CFR 25.164(b)(1)", _164,
             note="the least whole number of stations that is 50 percent or more of those authorised"),
        # 25.164(b): "place them in their assigned orbits, and operate them".
        _fcc("deployment_measure", "on_station", "47 CFR 25.164(b)", _164),
    ),
)

# The known editions, oldest first per regime; `editions.edition_for` picks among them.
EDITIONS: tuple[RuleSet, ...] = (ITU_RR_2024, FCC_PART25_2021)
