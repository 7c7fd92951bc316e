"""Regressions found by fuzzing the reference loader: each used to crash (TypeError, IntegrityError,
OverflowError, ValueError) instead of reporting the file, line and field, and must now be a ReferenceDataError."""

import shutil

import pytest

from filings.models import Filing, Source
from filings.reference import ReferenceDataError, load_reference

from .strategies import REFERENCE

pytestmark = pytest.mark.django_db


@pytest.fixture
def data_dir(tmp_path):
    for path in REFERENCE.glob("*.yaml"):
        shutil.copy(path, tmp_path / path.name)
    return tmp_path


def edit(data_dir, name, old, new):
    path = data_dir / f"{name}.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def problems_of(data_dir) -> str:
    with pytest.raises(ReferenceDataError) as raised:
        load_reference(data_dir)
    assert Filing.objects.count() == 0 and Source.objects.count() == 0, "a refused load kept something"
    return "\n".join(raised.value.problems)


@pytest.mark.parametrize("name, old, new, expected", [
    # Source has no clean() in save(): a missing key reached the database (NOT NULL constraint failed)
    ("sources", "- key: fcc-20-102\n", "- key: null\n", "key"),
    # a nested list holding text instead of records (TypeError: string indices must be integers)
    ("filings", "  waivers:\n    - milestone: fcc_m50", "  waivers:\n    - just text\n    - milestone: fcc_m50",
     "waivers: expected a list of records"),
    ("filings", "  shells:\n    - altitude_km: 590", "  shells: 590\n  x_shells:\n    - altitude_km: 590", "shells"),
    # a number where the ISO code belongs, too long for the column (TypeError: float has no len())
    ("administrations", "- iso_code: USA", "- iso_code: -0.5", "iso_code"),
    # .inf in an integer field (OverflowError: cannot convert float infinity to integer)
    ("filings", "  satellites_filed: 3236", "  satellites_filed: .inf", "is not a finite number"),
    ("filings", "    - altitude_km: 590", "    - altitude_km: .nan", "is not a finite number"),
    # a mapping or a list as a key (TypeError: unhashable type)
    ("sources", "- key: fcc-20-102\n", "- key: {a: 1}\n", "expected a key"),
    ("filings", "- key: kuiper-gen1\n", "- key: [1, 2]\n", "expected a key"),
    ("filings", "  operator: kuiper\n  constellation", "  operator: [kuiper]\n  constellation", "expected a key"),
    # a list where a choice belongs (TypeError in Filing.clean: unhashable type: 'list')
    ("filings", "  kind: fcc_authorisation", "  kind: [1, 2]", "kind"),
    # an empty string in a number field (clean(): '<=' between int and str; save(): invalid literal for int())
    ("filings", "      inclination_deg: 33", "      inclination_deg: ''\n      inclination_max_deg: x", "inclination_max_deg"),
])
def test_hostile_values_are_reported_not_crashed_on(data_dir, name, old, new, expected):
    edit(data_dir, name, old, new)
    assert expected in problems_of(data_dir)


def test_an_empty_number_means_unknown(data_dir):
    edit(data_dir, "filings", "  satellites_filed: 3236", "  satellites_filed: ''")
    load_reference(data_dir)
    assert Filing.objects.get(key="kuiper-gen1").satellites_filed is None


def test_a_number_replacing_stored_text_is_reported(data_dir):
    """A float where the stored value is text crashed the change check (could not convert string to float)."""
    load_reference(data_dir)
    edit(data_dir, "sources", "  url: https://assets.documentcloud.org/documents/7010860/Amazon-Kuiper-authorization-"
                              "FCC-20-102A1-July-30.txt", "  url: 1.5")
    with pytest.raises(ReferenceDataError) as raised:
        load_reference(data_dir)
    assert "url" in "\n".join(raised.value.problems)
    assert Source.objects.get(key="fcc-20-102").url.startswith("https://")
