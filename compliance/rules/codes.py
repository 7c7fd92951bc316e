"""The project's fixed vocabulary, written once: the codes shared with the data files, the rules core and the
Django shell, each with the label people read.

Every group is a mapping code -> label, in display order; the code tuples are read from it. The Django choices
(filings.models MilestoneCode, FilingStatus, FilingKind; compliance.models Milestone.Status) and the filters of
pages and API are built from these mappings with ``enum_members`` and ``choices``, never retyped.
"""
from __future__ import annotations

# -- regimes: whose rules a milestone answers to -------------------------------------------------------------

ITU = "itu"
FCC = "fcc"
REGIME_LABELS = {ITU: "ITU", FCC: "FCC"}
REGIMES = tuple(REGIME_LABELS)

# -- milestone codes, by regime ------------------------------------------------------------------------------
# A code's label names the milestone whatever the edition; the title and citation in force (which resolves, which
# RR No., which CFR paragraph) come from the edition that governs the filing (rulesets.py, editions.py).

ITU_MILESTONE_LABELS = {
    "itu_biu": "ITU bringing into use (RR No. 11.44)",
    "itu_biu_notice": "ITU notice of bringing into use (RR No. 11.44C)",
    "itu_suspension": "ITU return to use after suspension (RR No. 11.49)",
    "res35_m1": "Res. 35 M1 (10 %)",
    "res35_m2": "Res. 35 M2 (50 %)",
    "res35_m3": "Res. 35 M3 (100 %)",
    "res35_post": "Res. 35 post-milestone (deployment kept)",
    "res35_m0": "Res. 35 M0 (deployment at the end of the regulatory period)",
}
FCC_MILESTONE_LABELS = {
    "fcc_bond": "FCC surety bond (47 CFR 25.165)",
    "fcc_m50": "FCC 50 % milestone (47 CFR 25.164(b)(1))",
    "fcc_report_m50": "FCC 50 % milestone report (47 CFR 25.164(f))",
    "fcc_m100": "FCC 100 % milestone (47 CFR 25.164(b)(2))",
    "fcc_report_m100": "FCC 100 % milestone report (47 CFR 25.164(f))",
    "fcc_maintain50": "FCC half kept in service (47 CFR 25.161(d))",
}
MILESTONE_LABELS = {**ITU_MILESTONE_LABELS, **FCC_MILESTONE_LABELS}

ITU_CODES = tuple(ITU_MILESTONE_LABELS)
FCC_CODES = tuple(FCC_MILESTONE_LABELS)
MILESTONE_CODES = ITU_CODES + FCC_CODES
REGIME_CODES = {ITU: ITU_CODES, FCC: FCC_CODES}
REGIME_OF_CODE = {code: regime for regime, codes in REGIME_CODES.items() for code in codes}

# -- filing kinds ----------------------------------------------------------------------------------------------

ITU_KIND_LABELS = {
    "itu_api": "ITU advance publication (API)",
    "itu_cr": "ITU coordination request (CR/C)",
    "itu_notification": "ITU notification",
}
FCC_KIND_LABELS = {
    "fcc_application": "FCC application",
    "fcc_authorisation": "FCC authorisation",
    "fcc_modification": "FCC modification",
}
KIND_LABELS = {**ITU_KIND_LABELS, **FCC_KIND_LABELS, "national_licence": "National licence"}

ITU_KINDS = tuple(ITU_KIND_LABELS)
FCC_KINDS = tuple(FCC_KIND_LABELS)
KINDS = tuple(KIND_LABELS)

# -- filing statuses, in four groups ---------------------------------------------------------------------------

PENDING_STATUS_LABELS = {"filed": "Filed", "under_review": "Under review"}
GRANTED_STATUS_LABELS = {"granted": "Granted", "partially_granted": "Partially granted"}
CLOSED_STATUS_LABELS = {"superseded": "Superseded", "denied": "Denied", "withdrawn": "Withdrawn",
                        "cancelled": "Cancelled"}
FILING_STATUS_LABELS = {**PENDING_STATUS_LABELS, **GRANTED_STATUS_LABELS, **CLOSED_STATUS_LABELS}

GRANTED_STATUSES = tuple(GRANTED_STATUS_LABELS)
PENDING_STATUSES = tuple(PENDING_STATUS_LABELS)
CLOSED_STATUSES = tuple(CLOSED_STATUS_LABELS)  # no longer in force or in process: no milestone is owed
LIVE_STATUSES = PENDING_STATUSES + GRANTED_STATUSES  # what FilingQuerySet.live() keeps
FILING_STATUSES = tuple(FILING_STATUS_LABELS)

# -- milestone result statuses -----------------------------------------------------------------------------------

MET = "met"
MISSED = "missed"
DUE_SOON = "due_soon"
UPCOMING = "upcoming"
WAIVED = "waived"
NOT_APPLICABLE = "not_applicable"
NOT_COMPUTABLE = "not_computable"
RESULT_STATUS_LABELS = {
    MET: "Met", MISSED: "Missed", DUE_SOON: "Due soon", UPCOMING: "Upcoming", WAIVED: "Waived",
    NOT_APPLICABLE: "Not applicable", NOT_COMPUTABLE: "Not computable",
}
RESULT_STATUSES = tuple(RESULT_STATUS_LABELS)
OPEN_STATUSES = (DUE_SOON, UPCOMING)  # not yet decided: the due date is still ahead


def choices(labels: dict[str, str]) -> list[tuple[str, str]]:
    """(code, label) pairs, the shape a form's or a filter's ``choices`` takes."""
    return list(labels.items())


def enum_members(labels: dict[str, str]) -> list[tuple[str, tuple[str, str]]]:
    """(NAME, (code, label)) for each code: the members of an enum-style choices class (Django's TextChoices
    functional form), so ``FilingStatus.UNDER_REVIEW == "under_review"`` keeps its label."""
    return [(code.upper(), (code, label)) for code, label in labels.items()]

# -- notices and reports on record: what an administration or licensee told its regulator ------------------------

NOTICE_KIND_LABELS = {
    "biu_notice": "Bringing-into-use notice (RR No. 11.44C / 11.44D)",
    "res35_report": "Res. 35 deployment report",
    "res35_modification": "Res. 35 modification reducing the total number of satellites",
    "fcc_certification": "FCC milestone certification (47 CFR 25.164(f))",
    "suspension": "Suspension notice (RR No. 11.49)",
    "resumption": "Return to use after suspension (RR No. 11.49)",
    "bond_posting": "Surety bond posted (47 CFR 25.165)",
    # The record of a contested FCC application: a third party's petition against it, and what the Commission or
    # its Chairman said of it. No rule reads them (no milestone depends on a pleading); they are dated events on
    # record with their sources, shown on the filing page. A statement is not an order: a ruling would name its
    # FCC order number in the notes.
    "petition_to_deny": "Petition to deny the application (third party)",
    "regulator_statement": "Regulator's public statement on the application (not an order)",
}
NOTICE_KINDS = tuple(NOTICE_KIND_LABELS)

# -- facts a result may be missing (MilestoneResult.missing_facts), as a reader names them --------------------------

FACT_LABELS = {
    "date_of_receipt": "date of receipt",
    "grant_date": "grant date",
    "satellites_filed": "number of satellites filed",
    "satellites_authorised": "number of satellites authorised",
    "brought_into_use_on": "date of bringing into use",
    "bond_posted_on": "date the surety bond was posted",
    "deployment": "deployment count",
    "biu_notice": "bringing-into-use notice",
    "res35_report": "Res. 35 deployment report",
    "fcc_certification": "25.164(f) certification",
    "notices_filed": "notice",
}


def fact_label(fact: str) -> str:
    return FACT_LABELS.get(fact, fact.replace("_", " "))
