"""Model rules: the same refusal wherever the data comes from."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from filings.models import Filing, FilingShell, Waiver
from tests.factories import AdministrationFactory, FilingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def filing():
    usa = AdministrationFactory(iso_code="USA")
    return FilingFactory(
        key="test", name="Test system", regulator="fcc", kind="fcc_authorisation", administration=usa,
        date_of_receipt=dt.date(2019, 7, 4), grant_date=dt.date(2020, 7, 30), satellites_filed=3236,
        status="granted",
    )


def shell(filing, **fields):
    values = {"filing": filing, "altitude_km": 590.0, "inclination_deg": 33.0, **fields}
    return FilingShell(**values)


@pytest.mark.parametrize(
    "fields, field, words",
    [
        ({"planes": 28, "satellites_per_plane": 28, "satellite_count": 785}, "satellite_count",
         "785 satellites does not equal 28 planes × 28 per plane = 784"),
        ({"altitude_km": -1.0}, "altitude_km", "negative"),
        ({"altitude_km": 600.0, "altitude_max_km": 500.0}, "altitude_max_km", "below the lower"),
        ({"inclination_deg": -0.1}, "inclination_deg", "outside 0–180"),
        ({"inclination_deg": 180.1}, "inclination_deg", "outside 0–180"),
        ({"inclination_deg": 50.0, "inclination_max_deg": 40.0}, "inclination_max_deg", "below the lower"),
        ({"ltan": dt.time(6)}, "ltan", "sun-synchronous shells only"),
    ],
)
def test_bad_shell_is_refused_naming_the_field(filing, fields, field, words):
    with pytest.raises(ValidationError) as caught:
        shell(filing, **fields).save()
    assert any(words in message for message in caught.value.message_dict[field])
    assert not FilingShell.objects.exists()


@pytest.mark.parametrize(
    "fields",
    [
        {"planes": 28, "satellites_per_plane": 28, "satellite_count": 784},
        {"planes": 28, "satellite_count": 700},  # per-plane unknown: nothing to check against
        {"inclination_deg": 0.0}, {"inclination_deg": 180.0}, {"altitude_km": 0.0},
        {"inclination_deg": None, "sun_synchronous": True, "ltan": dt.time(6)},
    ],
)
def test_good_shell_is_kept(filing, fields):
    shell(filing, **fields).save()
    assert FilingShell.objects.count() == 1


def test_shell_counts_satellites_from_its_planes_when_the_total_is_missing(filing):
    assert shell(filing, planes=72, satellites_per_plane=22).satellites == 1584
    assert shell(filing).satellites is None


def test_grant_before_receipt_is_refused(filing):
    filing.grant_date = dt.date(2019, 7, 3)
    with pytest.raises(ValidationError) as caught:
        filing.save()
    assert "before the date of receipt 2019-07-04" in caught.value.message_dict["grant_date"][0]


def test_grant_on_the_day_of_receipt_is_allowed(filing):
    filing.grant_date = filing.date_of_receipt
    filing.save()


def test_itu_kind_needs_itu_regulator(filing):
    filing.kind = "itu_cr"
    with pytest.raises(ValidationError) as caught:
        filing.save()
    assert "kind" in caught.value.message_dict


def test_filing_without_administration_is_refused():
    with pytest.raises(ValidationError) as caught:
        Filing(key="x", name="x", regulator="itu", kind="itu_api").save()
    assert "administration" in caught.value.message_dict


def test_extension_needs_new_date(filing):
    with pytest.raises(ValidationError) as caught:
        Waiver(filing=filing, milestone="fcc_m50", kind="extension", granted_on=dt.date(2026, 6, 5)).save()
    assert "extended_to" in caught.value.message_dict


def test_satellites_counted_prefers_the_authorised_number(filing):
    assert filing.satellites_counted == 3236
    filing.satellites_authorised = 3232
    assert filing.satellites_counted == 3232
