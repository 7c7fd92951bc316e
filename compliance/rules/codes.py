"""Fixed vocabularies shared with the data files and the Django shell."""
from __future__ import annotations

ITU_CODES = (
    "itu_biu", "itu_biu_notice", "itu_suspension",
    "res35_m1", "res35_m2", "res35_m3", "res35_post",
)
FCC_CODES = (
    "fcc_bond", "fcc_m50", "fcc_report_m50", "fcc_m100", "fcc_report_m100", "fcc_maintain50",
)
MILESTONE_CODES = ITU_CODES + FCC_CODES

ITU_KINDS = ("itu_api", "itu_cr", "itu_notification")
FCC_KINDS = ("fcc_application", "fcc_authorisation", "fcc_modification")
KINDS = ITU_KINDS + FCC_KINDS + ("national_licence",)

GRANTED_STATUSES = ("granted", "partially_granted")
PENDING_STATUSES = ("filed", "under_review")
CLOSED_STATUSES = ("superseded", "denied", "withdrawn", "cancelled")
FILING_STATUSES = PENDING_STATUSES + GRANTED_STATUSES + CLOSED_STATUSES

MET = "met"
MISSED = "missed"
DUE_SOON = "due_soon"
UPCOMING = "upcoming"
WAIVED = "waived"
NOT_APPLICABLE = "not_applicable"
NOT_COMPUTABLE = "not_computable"
RESULT_STATUSES = (MET, MISSED, DUE_SOON, UPCOMING, WAIVED, NOT_APPLICABLE, NOT_COMPUTABLE)
OPEN_STATUSES = (DUE_SOON, UPCOMING)  # not yet decided: the due date is still ahead
