"""Which notice on record answers which milestone row of the filing page: the declared count shown beside the
catalog count ("declared 1,234 on 30 Jan 2026 (report under resolves 7 a)); catalog 1,250").

Pure: notices are compliance.rules.facts.Notice values, rows are MilestoneResults.

- A Res. 35 report (resolves 2, 3, 7, 8, 19, 20) and an FCC 25.164(f) certification give the date their figures
  refer to (``as_of``: the expiry of the milestone period, or earlier when the count was reached early, resolves
  9 a)). Each answers the milestone of its group with the earliest due date on or after that date; the FCC
  report rows (25.164(f)) show the certification of their milestone. A later notice for the same milestone
  (a correction) wins.
- The bringing-into-use notice (RR No. 11.44C / 11.44D) and the bond posting (25.165) happen once: the latest
  on record answers the BIU rows and the bond row; the latest suspension or resumption answers the 11.49 row.
- Only notices submitted on or before the page's date count: the page shows what was on record then.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

# kind -> how its notices are matched to rows: ("dated", codes...) by as_of; ("latest", codes...) once per filing.
DATED = {
    "res35_report": lambda code: code.startswith("res35_"),
    "fcc_certification": lambda code: code in ("fcc_m50", "fcc_m100"),
}
LATEST = {
    "biu_notice": ("itu_biu", "itu_biu_notice"),
    "bond_posting": ("fcc_bond",),
    "suspension": ("itu_suspension",),
    "resumption": ("itu_suspension",),
}
# Report rows that show the certification of their milestone (47 CFR 25.164(f)).
REPORT_OF = {"fcc_report_m50": "fcc_m50", "fcc_report_m100": "fcc_m100"}

KIND_WORDS = {
    "res35_report": "report",
    "res35_modification": "modification",
    "fcc_certification": "certification",
    "biu_notice": "notice",
    "bond_posting": "bond posted",
    "suspension": "suspension notified",
    "resumption": "resumption notified",
}


@dataclass(frozen=True)
class Declared:
    """What the notice on record says for one row."""

    notice: object  # compliance.rules.facts.Notice

    @property
    def count(self) -> int | None:
        return self.notice.satellites_declared

    @property
    def text(self) -> str:
        n = self.notice
        words = KIND_WORDS.get(n.kind, n.kind.replace("_", " "))
        under = f"{words} under {n.provision}" if n.provision else words
        when = _day(n.submitted_on)
        if n.satellites_declared is None:
            return f"{under.capitalize()} on {when}" + (f", as of {_day(n.as_of)}" if n.as_of else "")
        return f"declared {n.satellites_declared:,} on {when} ({under})"


def _day(value: date) -> str:
    return f"{value.day} {value:%b %Y}"


def declared_by_row(results, notices, as_of: date) -> dict[int, Declared]:
    """{index of the result in ``results``: the notice that answers it}."""
    on_record = sorted((n for n in notices if n.submitted_on <= as_of), key=lambda n: n.submitted_on)
    found: dict[int, Declared] = {}
    for kind, belongs in DATED.items():
        rows = sorted(
            ((i, r) for i, r in enumerate(results) if belongs(r.code) and r.due_date is not None),
            key=lambda item: item[1].due_date,
        )
        for notice in on_record:  # in order submitted: a later notice for the same row replaces an earlier one
            if notice.kind != kind or notice.as_of is None:
                continue
            for i, result in rows:
                dates = [d for d in (result.due_date, result.original_due_date) if d is not None]
                if notice.as_of <= max(dates):
                    found[i] = Declared(notice)
                    break
    for kind, codes in LATEST.items():
        latest = [n for n in on_record if n.kind == kind]
        if not latest:
            continue
        for i, result in enumerate(results):
            if result.code in codes:
                current = found.get(i)
                if current is None or current.notice.submitted_on <= latest[-1].submitted_on:
                    found[i] = Declared(latest[-1])
    index = {r.code: i for i, r in enumerate(results)}
    for i, result in enumerate(results):
        milestone = REPORT_OF.get(result.code)
        if milestone in index and index[milestone] in found:
            found[i] = found[index[milestone]]
    return found
