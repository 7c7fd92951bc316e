"""A filing's frequency bands as numbers: the model's rules, the curated dataset, the API, and what the rules
core is handed (Res. 35 resolves 1 decided from the bands unless res35_applies is set on the filing)."""
import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from compliance.evaluation import evaluate_filing, facts_for
from filings.models import Filing, FrequencyBand
from filings.reference import load_reference
from tests.factories import FilingFactory

pytestmark = pytest.mark.django_db


def itu_filing(**overrides):
    values = dict(key="ngso-1", name="NGSO-1", regulator="itu", kind="itu_cr", status="filed",
                  date_of_receipt=dt.date(2025, 12, 29), satellites_filed=96714)
    values.update(overrides)
    return FilingFactory(**values)


@pytest.mark.parametrize("low, high, field", [
    (Decimal("0"), Decimal("1"), "low_ghz"),
    (Decimal("12"), Decimal("11"), "high_ghz"),
    (Decimal("10"), Decimal("3001"), "high_ghz"),
])
def test_a_band_runs_from_a_positive_low_to_a_high_no_lower(low, high, field):
    band = FrequencyBand(filing=itu_filing(), ordinal=1, low_ghz=low, high_ghz=high)
    with pytest.raises(ValidationError) as caught:
        band.full_clean()
    assert field in caught.value.message_dict


def test_receipt_provision_belongs_to_itu_filings():
    filing = itu_filing(key="fcc-1", regulator="fcc", kind="fcc_authorisation", receipt_provision="")
    filing.receipt_provision = "9.30"
    with pytest.raises(ValidationError) as caught:
        filing.full_clean()
    assert "receipt_provision" in caught.value.message_dict


@pytest.mark.parametrize("bands, override, applies", [
    ([], None, None),                                                            # no band: cannot be told
    ([("27.5", "29.1", "fss", "earth_to_space")], None, True),                    # Ka uplink FSS: in the table
    ([("7", "8", "", ""), ("71", "76", "", "")], None, False),                    # all outside the table
    ([("27.5", "29.1", "fss", "earth_to_space")], False, False),                  # the analyst's answer wins
])
def test_facts_for_decides_res35_from_the_bands(bands, override, applies):
    filing = itu_filing(res35_applies=override)
    for ordinal, (low, high, service, direction) in enumerate(bands, start=1):
        FrequencyBand.objects.create(filing=filing, ordinal=ordinal, low_ghz=Decimal(low), high_ghz=Decimal(high),
                                     service=service, direction=direction)
    facts = facts_for(Filing.objects.get(pk=filing.pk))
    assert facts.res35_applies is applies and facts.res35_reason
    assert len(facts.bands) == len(bands)


def test_the_curated_dataset_records_cinnamon_bands_and_res35_does_not_apply():
    load_reference()
    cinnamon = Filing.objects.get(key="cinnamon-937")
    assert [(b.low_ghz, b.high_ghz, b.label) for b in cinnamon.bands.all()][2] == (
        Decimal("7"), Decimal("8"), "7-8 GHz")
    facts = facts_for(cinnamon)
    assert facts.res35_applies is False and "outside the Res. 35 band table" in facts.res35_reason
    results = {r.code: r for r in evaluate_filing(cinnamon, dt.date(2026, 12, 5))}
    assert results["res35_m1"].status == "not_applicable"
    ctc = Filing.objects.get(key="ctc-1")
    assert facts_for(ctc).res35_applies is None  # no band recorded: Res. 35 results stay conditional
    biu = {r.code: r for r in evaluate_filing(ctc, dt.date(2026, 12, 5))}["itu_biu"]
    assert (biu.due_date, biu.status) == (dt.date(2032, 12, 29), "upcoming")
    assert "No. 9.30" in biu.provision
