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

from .bands import RES35_TABLE
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

_RR_1144C = "RR No. 11.44C (WRC-23) text, RR 2024 extraction quoted in res35.md section 4"
# The adopted text of Article 11 (reference/primary/itu-rr-article11.txt; see its README).
_RR_ART11 = "Radio Regulations 2024, Vol. 1, Article 11 (reference/primary/itu-rr-article11.txt)"
# The adopted text (reference/primary/README.md): Resolution 35 as printed in the RR 2024, Vol. 3.
_RR2024_RES35 = ("Radio Regulations 2024, Vol. 3, Res. 35 (Rev.WRC-23) (extraction: yusuke-fukui/itu-rr-app "
                 "data/graph/vol3_resolutions_draft.json)")
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
        Provision("res35_m1", "Res. 35 first milestone (M1)", f"{_RES35} resolves 7 a), 11 a)"),
        Provision("res35_m2", "Res. 35 second milestone (M2)", f"{_RES35} resolves 7 b), 11 b)"),
        Provision("res35_m3", "Res. 35 third milestone (M3)", f"{_RES35} resolves 4, 7 c), 11 c)"),
        Provision("res35_post", "Res. 35 post-milestone reports: keep the constellation deployed",
                  f"{_RES35} resolves 19, 20, 21"),
        Provision("res35_m0", "Res. 35 deployment report at the end of the regulatory period (M0)",
                  f"{_RES35} resolves 2, 6"),
    ),
    params=(
        # RR No. 11.44: "not later than seven years following the date of receipt by the Bureau of the
        # relevant complete information under No. 9.1 or 9.2 ... or under No. 9.30" (which one: itu.trigger).
        _itu("biu_years", 7, "RR No. 11.44", _RR_ART11, CONFIRMED,
             "from the date of receipt under No. 9.1/9.2 (not subject to coordination) or No. 9.30"),
        # No. 11.44: cancelled "after having informed the administration at least three months before the
        # expiry of this period"; No. 11.48: the API/CR information is cancelled "only after the
        # administration concerned has been informed at least six months before the expiry date".
        _itu("biu_cancellation_warning_months", 3, "RR No. 11.44", _RR_ART11, CONFIRMED),
        _itu("publication_cancellation_warning_months", 6, "RR No. 11.48", _RR_ART11, CONFIRMED),
        # No. 11.44C: "deployed and maintained on one of the notified orbital plane(s) ... for a continuous
        # period of 90 days"; "inform the Bureau within 30 days from the end of the 90-day period".
        _itu("biu_period_days", 90, "RR No. 11.44C", _RR_ART11, CONFIRMED),
        _itu("biu_notice_days", 30, "RR No. 11.44C", _RR_ART11, CONFIRMED),
        # No. 11.44D (other services): "deployed on one of the notified orbital plane(s)"; inform the Bureau
        # "not later than 30 days after the end of the period referred to in No. 11.44".
        _itu("biu_notice_1144d_days", 30, "RR No. 11.44D", _RR_ART11, CONFIRMED),
        # Whether the notified date of bringing into use is the start of the 90 days (True) or needs the 90
        # days to end within the regulatory period (False): the footnotes to 11.44/11.44C that may say are
        # not in the extraction of the adopted text [U].
        _itu("biu_date_is_period_start", True, "RR No. 11.44C", f"{_RR_ART11}: not stated in the extraction",
             UNCONFIRMED, "True: the 90-day period must begin by the deadline"),
        # No. 11.49: use "suspended for a period exceeding six months" -> inform the Bureau of the date of
        # suspension; back into use "not later than three years from the date on which the use of the
        # frequency assignment was suspended".
        _itu("suspension_notice_after_months", 6, "RR No. 11.49", _RR_ART11, CONFIRMED),
        _itu("suspension_max_years", 3, "RR No. 11.49", _RR_ART11, CONFIRMED),
        # Res. 35 resolves 1: the bands and services the Resolution applies to (bands.py: how they are held
        # and matched; the extraction keeps each row's services but not their Region columns).
        _itu("res35_band_table", RES35_TABLE, f"{_RES35} resolves 1",
             "Radio Regulations 2024, Vol. 3, Res. 35 (Rev.WRC-23) resolves 1, Table "
             "(reference/primary/itu-res35-rev-wrc23.txt)", CONFIRMED,
             "services listed in any Region's column of a row"),
        # --- Resolution 35 (Rev.WRC-23), read from the adopted text (reference/primary/itu-res35-rev-wrc23.txt).
        # Systems whose 7-year period ended on or after 1 January 2021 follow resolves 2 and 7; the others
        # resolves 3 and 8 (fixed dates).
        _itu("res35_transition_cutoff", date(2021, 1, 1), f"{_RES35} resolves 2, 3", _RR2024_RES35, CONFIRMED,
             "a 7-year period (RR No. 11.44) ending before this date follows resolves 3 and 8"),
        # resolves 2: the M0 report, 30 days after the end of the 11.44 period or of the 11.44C 90 days.
        _itu("res35_m0_report_days", 30, f"{_RES35} resolves 2", _RR2024_RES35, CONFIRMED),
        _itu("res35_transitional_m0_report", date(2021, 2, 1), f"{_RES35} resolves 3", _RR2024_RES35,
             CONFIRMED),
        # resolves 6: 100 % reported at M0 -> resolves 7 to 18 do not apply.
        _itu("res35_m0_exit_pct", 100, f"{_RES35} resolves 6", _RR2024_RES35, CONFIRMED),
        # resolves 4: "100 %" means all the filed satellites or all of them minus one.
        _itu("res35_full_minus", 1, f"{_RES35} resolves 4", _RR2024_RES35, CONFIRMED,
             "100 % of N is met by N - 1 satellites"),
        # resolves 7 a)-c): milestones 2, 5 and 7 years after the end of the 7-year period; reports 30 days on.
        _itu("res35_m1_years", 2, f"{_RES35} resolves 7 a)", _RR2024_RES35, CONFIRMED),
        _itu("res35_m2_years", 5, f"{_RES35} resolves 7 b)", _RR2024_RES35, CONFIRMED),
        _itu("res35_m3_years", 7, f"{_RES35} resolves 7 c)", _RR2024_RES35, CONFIRMED),
        _itu("res35_report_days", 30, f"{_RES35} resolves 7", _RR2024_RES35, CONFIRMED,
             "deployment information due 30 days after each milestone"),
        # resolves 8 a)-c): as of 1 January 2023 / 2026 / 2028, reports by 1 February of the same years.
        _itu("res35_transitional_m1", date(2023, 1, 1), f"{_RES35} resolves 8 a)", _RR2024_RES35, CONFIRMED),
        _itu("res35_transitional_m2", date(2026, 1, 1), f"{_RES35} resolves 8 b)", _RR2024_RES35, CONFIRMED),
        _itu("res35_transitional_m3", date(2028, 1, 1), f"{_RES35} resolves 8 c)", _RR2024_RES35, CONFIRMED),
        _itu("res35_transitional_m1_report", date(2023, 2, 1), f"{_RES35} resolves 8 a)", _RR2024_RES35,
             CONFIRMED),
        _itu("res35_transitional_m2_report", date(2026, 2, 1), f"{_RES35} resolves 8 b)", _RR2024_RES35,
             CONFIRMED),
        _itu("res35_transitional_m3_report", date(2028, 2, 1), f"{_RES35} resolves 8 c)", _RR2024_RES35,
             CONFIRMED),
        # resolves 11 a)-c): fewer than 10 % / 50 % of the total "(rounded down to the lower integer)" / 100 %.
        _itu("res35_m1_pct", 10, f"{_RES35} resolves 11 a)", _RR2024_RES35, CONFIRMED),
        _itu("res35_m2_pct", 50, f"{_RES35} resolves 11 b)", _RR2024_RES35, CONFIRMED),
        _itu("res35_m3_pct", 100, f"{_RES35} resolves 11 c)", _RR2024_RES35, CONFIRMED),
        _itu("res35_rounding", "floor", f"{_RES35} resolves 11 a), b)", _RR2024_RES35, CONFIRMED,
             "the share of the total is rounded down to the lower integer"),
        # resolves 11: after a miss the modified total may be no more than 10 x / 2 x / 1 x the number declared
        # deployed, submitted no later than 90 days after the milestone.
        _itu("res35_m1_reduction_factor", 10, f"{_RES35} resolves 11 a)", _RR2024_RES35, CONFIRMED),
        _itu("res35_m2_reduction_factor", 2, f"{_RES35} resolves 11 b)", _RR2024_RES35, CONFIRMED),
        _itu("res35_m3_reduction_factor", 1, f"{_RES35} resolves 11 c)", _RR2024_RES35, CONFIRMED),
        _itu("res35_modification_days", 90, f"{_RES35} resolves 11", _RR2024_RES35, CONFIRMED),
        # resolves 12: no resolves 11 a) for periods ended before 28 Nov 2022, given Annex 2 information by
        # 1 March 2023 and a favourable RRB / WRC-23 determination.
        _itu("res35_m1_exemption_before", date(2022, 11, 28), f"{_RES35} resolves 12", _RR2024_RES35,
             CONFIRMED),
        _itu("res35_m1_exemption_annex2_by", date(2023, 3, 1), f"{_RES35} resolves 12", _RR2024_RES35,
             CONFIRMED),
        # resolves 13: the Bureau's reminder no later than 45 days before each report is due.
        _itu("res35_reminder_days", 45, f"{_RES35} resolves 13", _RR2024_RES35, CONFIRMED),
        # resolves 15 and 16: when no report comes, a reminder (30 days to answer), then a second (15 days).
        _itu("res35_first_reminder_days", 30, f"{_RES35} resolves 15", _RR2024_RES35, CONFIRMED),
        _itu("res35_second_reminder_days", 15, f"{_RES35} resolves 16", _RR2024_RES35, CONFIRMED),
        # resolves 19 and 20: post-milestone reports 30 days after 11 years from the end of the 7-year period
        # (1 February 2032 under resolves 3), then 30 days after each further 4 years from that due date.
        _itu("res35_post_years", 11, f"{_RES35} resolves 19", _RR2024_RES35, CONFIRMED),
        _itu("res35_post_report_days", 30, f"{_RES35} resolves 19, 20", _RR2024_RES35, CONFIRMED),
        _itu("res35_transitional_post_report", date(2032, 2, 1), f"{_RES35} resolves 19", _RR2024_RES35,
             CONFIRMED),
        _itu("res35_post_interval_years", 4, f"{_RES35} resolves 20", _RR2024_RES35, CONFIRMED),
        # resolves 21: X = 50 % of N (N <= 340), N - 67 log10(N) (340 < N <= 4,950), 95 % of N (N > 4,950).
        _itu("res35_post_small_max", 340, f"{_RES35} resolves 21", _RR2024_RES35, CONFIRMED),
        _itu("res35_post_small_pct", 50, f"{_RES35} resolves 21", _RR2024_RES35, CONFIRMED),
        _itu("res35_post_log_coefficient", 67, f"{_RES35} resolves 21", _RR2024_RES35, CONFIRMED),
        _itu("res35_post_mid_max", 4950, f"{_RES35} resolves 21", _RR2024_RES35, CONFIRMED),
        _itu("res35_post_pct", 95, f"{_RES35} resolves 21", _RR2024_RES35, CONFIRMED),
        _itu("res35_post_modification_days", 90, f"{_RES35} resolves 21", _RR2024_RES35, CONFIRMED),
        # further resolves: resolves 19 to 23 apply provisionally as of 1 January 2025.
        _itu("res35_post_from", date(2025, 1, 1), f"{_RES35} further resolves", _RR2024_RES35, CONFIRMED),
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
