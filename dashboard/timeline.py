"""The deadline timeline: every open milestone of every live filing, in the order the page draws them.

Pure: takes rows that look like Milestone rows (``filing``, ``code``, ``due_date``, ``status``, ...), returns
plain dicts for the template and dashboard.figures.deadline_gantt.
"""

from __future__ import annotations

import datetime as dt

from compliance.rules.codes import DUE_SOON, MILESTONE_LABELS, UPCOMING

# Within a filing, the milestone that decides whether the filing keeps its date of receipt comes first:
# bringing into use (RR No. 11.44) and Res. 35 M0 (the deployment at the end of the regulatory period); then
# the rest by due date.
FIRST_CODES = ("itu_biu", "res35_m0")

STATUS_LABELS = {DUE_SOON: "due soon", UPCOMING: "upcoming", "projected_late": "upcoming, projected late"}


def timeline_status(row) -> str:
    """The colour a bar gets: due soon, upcoming, or upcoming but projected (at the current rate) to be met only
    after its due date (the overview's "at risk" test, compliance.models.is_at_risk)."""
    if row.status == UPCOMING and row.projected_date and row.due_date and row.projected_date > row.due_date:
        return "projected_late"
    return row.status


def short_title(code: str, title: str) -> str:
    """A milestone's short name for a chart row, without its citation: "Res. 35 M1", "FCC 50 % milestone". The
    vocabulary's label (codes.MILESTONE_LABELS) is the short one; an edition's title (e.g. "If Resolution 35
    applies: Res. 35 deployment report at the end of the regulatory period") is for the table."""
    return (MILESTONE_LABELS.get(code) or title or code).split(" (")[0]


def order_rows(rows) -> list:
    """Filings by their earliest due date (then name); within a filing BIU and M0 first, then by due date."""
    earliest = {}
    for row in rows:
        key = row.filing.pk
        earliest[key] = min(earliest.get(key, dt.date.max), row.due_date or dt.date.max)

    def order(row):
        first = FIRST_CODES.index(row.code) if row.code in FIRST_CODES else len(FIRST_CODES)
        return (earliest[row.filing.pk], row.filing.name, row.filing.pk, first, row.due_date or dt.date.max, row.code)

    return sorted(rows, key=order)


def gantt_rows(rows, as_of: dt.date) -> list[dict]:
    """One dict per dated milestone, in page order: the bar runs from the filing's start (date of receipt, or
    grant) to the due date; a filing with neither starts at the as-of date."""
    out = []
    for row in order_rows([r for r in rows if r.due_date]):
        filing = row.filing
        start = filing.date_of_receipt or filing.grant_date or as_of
        status = timeline_status(row)
        out.append({
            "filing": filing, "filing_name": filing.name, "code": row.code,
            "milestone": short_title(row.code, row.title), "label": f"{filing.name}: {short_title(row.code, row.title)}",
            "start": min(start, row.due_date), "due": row.due_date, "status": status,
            "status_label": STATUS_LABELS.get(status, status.replace("_", " ")),
            "required": row.required, "deployed": row.deployed, "projected": row.projected_date,
            "regime": row.regime, "provision": row.provision, "row": row,
        })
    return out
