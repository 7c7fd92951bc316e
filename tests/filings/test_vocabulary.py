"""The Django choices are the rules' vocabulary; live filings and next deadlines have one spelling each."""

import ast
import datetime as dt
import pathlib

import pytest

from compliance.models import Milestone
from compliance.rules import codes
from filings.models import Administration, Filing, FilingKind, FilingShell, FilingStatus, MilestoneCode

ROOT = pathlib.Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("django_choices, labels", [
    (FilingKind, codes.KIND_LABELS),
    (FilingStatus, codes.FILING_STATUS_LABELS),
    (MilestoneCode, codes.MILESTONE_LABELS),
    (Milestone.Status, codes.RESULT_STATUS_LABELS),
])
def test_django_choices_are_built_from_the_vocabulary(django_choices, labels):
    assert django_choices.choices == codes.choices(labels)


@pytest.mark.parametrize("member, code, label", [
    (FilingStatus.UNDER_REVIEW, "under_review", "Under review"),
    (FilingKind.ITU_CR, "itu_cr", "ITU coordination request (CR/C)"),
    (MilestoneCode.RES35_M1, "res35_m1", "Res. 35 M1 (10 %)"),
    (MilestoneCode.FCC_MAINTAIN50, "fcc_maintain50", codes.MILESTONE_LABELS["fcc_maintain50"]),
    (Milestone.Status.DUE_SOON, "due_soon", "Due soon"),
])
def test_members_keep_their_names_values_and_labels(member, code, label):
    assert member == code and member.label == label


def imported_modules(path: pathlib.Path):
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            yield node.module


@pytest.mark.parametrize("path", sorted(
    [*ROOT.glob("dashboard/*.py"), *ROOT.glob("*/filtersets.py"), ROOT / "slotwatch" / "filtersets.py"]
), ids=lambda p: str(p.relative_to(ROOT)))
def test_pages_and_filtersets_import_no_api_package(path):
    """Pages and the API both read the app-level filtersets; neither side reaches into the other."""
    assert not [m for m in imported_modules(path) if ".api" in f".{m}."], path


@pytest.mark.django_db
class TestFilingQuerySet:
    @pytest.fixture
    def filings(self):
        usa = Administration.objects.create(iso_code="USA", itu_symbol="USA", name="United States")

        def filing(key, status, due_dates=(), milestone_status=codes.UPCOMING):
            made = Filing.objects.create(key=key, name=key, regulator="fcc", kind="fcc_authorisation",
                                         administration=usa, status=status)
            FilingShell.objects.create(filing=made, altitude_km=550.0)
            for n, due in enumerate(due_dates):
                Milestone.objects.create(
                    filing=made, code=codes.FCC_CODES[n], regime=codes.FCC, title=f"{key} {n}", provision="p",
                    source="test", confidence="confirmed", status=milestone_status, due_date=due,
                    evaluated_as_of=dt.date(2025, 1, 1))
            return made

        return {
            "soon": filing("soon", "granted", [dt.date(2025, 3, 1), dt.date(2025, 9, 1)]),
            "later": filing("later", "filed", [dt.date(2026, 6, 1)]),
            "decided": filing("decided", "granted", [dt.date(2025, 2, 1)], milestone_status=codes.MET),
            "withdrawn": filing("withdrawn", "withdrawn"),
        }

    @pytest.mark.parametrize("status, live", [(s, True) for s in codes.LIVE_STATUSES]
                             + [(s, False) for s in codes.CLOSED_STATUSES])
    def test_live_keeps_every_status_but_the_closed(self, filings, status, live):
        Filing.objects.filter(key="soon").update(status=status)
        assert Filing.objects.live().filter(key="soon").exists() is live
        assert FilingShell.objects.of_live_filings().filter(filing__key="soon").exists() is live

    def test_next_deadline_is_the_earliest_open_milestone(self, filings):
        rows = {f.key: (f.next_deadline, f.next_title, f.next_status)
                for f in Filing.objects.with_next_deadline("title", "status")}
        assert rows == {
            "soon": (dt.date(2025, 3, 1), "soon 0", codes.UPCOMING),
            "later": (dt.date(2026, 6, 1), "later 0", codes.UPCOMING),
            "decided": (None, None, None), "withdrawn": (None, None, None),
        }

    @pytest.mark.parametrize("annotated", [False, True])
    def test_next_deadline_between_keeps_the_annotation(self, filings, annotated):
        queryset = Filing.objects.with_next_deadline("title") if annotated else Filing.objects.all()
        found = queryset.next_deadline_between(dt.date(2025, 1, 1), dt.date(2025, 12, 31))
        assert [f.key for f in found] == ["soon"]
        if annotated:
            assert found[0].next_deadline == dt.date(2025, 3, 1) and found[0].next_title == "soon 0"
