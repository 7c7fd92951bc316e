"""The vocabulary (compliance.rules.codes): every code once, every code labelled, every group a partition."""
from datetime import date

import pytest

from compliance.rules import codes, evaluate

from .factories import fcc_facts, itu_facts, series


@pytest.mark.parametrize("labels", [
    codes.REGIME_LABELS, codes.MILESTONE_LABELS, codes.KIND_LABELS, codes.FILING_STATUS_LABELS,
    codes.RESULT_STATUS_LABELS,
])
def test_every_code_has_a_label(labels):
    assert labels and all(isinstance(label, str) and label.strip() for label in labels.values())


@pytest.mark.parametrize("whole, parts", [
    (codes.MILESTONE_CODES, (codes.ITU_CODES, codes.FCC_CODES)),
    (codes.MILESTONE_CODES, tuple(codes.REGIME_CODES.values())),
    (codes.FILING_STATUSES, (codes.PENDING_STATUSES, codes.GRANTED_STATUSES, codes.CLOSED_STATUSES)),
    (codes.FILING_STATUSES, (codes.LIVE_STATUSES, codes.CLOSED_STATUSES)),
    (codes.KINDS, (codes.ITU_KINDS, codes.FCC_KINDS, ("national_licence",))),
])
def test_groups_split_their_vocabulary_without_overlap(whole, parts):
    joined = [code for part in parts for code in part]
    assert sorted(joined) == sorted(whole) and len(set(joined)) == len(joined)


@pytest.mark.parametrize("facts", [itu_facts(), fcc_facts()])
def test_each_result_names_its_code_and_regime_as_the_vocabulary_does(facts):
    results = evaluate(facts, series(), date(2024, 1, 1))
    assert sorted(r.code for r in results) == sorted(codes.MILESTONE_CODES)
    assert all(codes.REGIME_OF_CODE[r.code] == r.regime for r in results)
    assert all(r.status in codes.RESULT_STATUSES for r in results)


@pytest.mark.parametrize("code, label", [
    ("itu_biu", "ITU bringing into use (RR No. 11.44)"),
    ("res35_m1", "Res. 35 M1 (10 %)"),
    ("fcc_m100", "FCC 100 % milestone (47 CFR 25.164(b)(2))"),
])
def test_labels_already_on_pages_are_kept(code, label):
    assert codes.MILESTONE_LABELS[code] == label


def test_open_statuses_are_result_statuses():
    assert set(codes.OPEN_STATUSES) < set(codes.RESULT_STATUSES)


@pytest.mark.parametrize("labels, expected", [
    ({"due_soon": "Due soon"}, [("DUE_SOON", ("due_soon", "Due soon"))]),
    ({"itu": "ITU", "fcc": "FCC"}, [("ITU", ("itu", "ITU")), ("FCC", ("fcc", "FCC"))]),
    ({}, []),
])
def test_enum_members_name_each_code_in_capitals(labels, expected):
    assert codes.enum_members(labels) == expected
    assert codes.choices(labels) == [value for _, value in expected]


@pytest.mark.parametrize("fact, label", [
    ("grant_date", "grant date"),
    ("bond_posted_on", "date the surety bond was posted"),
    ("fcc_certification", "25.164(f) certification"),
    ("some_new_fact", "some new fact"),  # an unlabelled fact still reads as words
])
def test_missing_facts_read_as_words(fact, label):
    assert codes.fact_label(fact) == label
