import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from constellations.engine import PUBLISHED_HEADLINES, ShellClaim, band_capacity, capacity_report, satellites_per_shell


@pytest.mark.parametrize(
    "separation, inclination, expected",
    [  # engine.md A.4 [computed here] table, N per 5-km shell at 550 km
        (60, 40, 3869), (60, 53, 3693), (25, 40, 11017), (25, 53, 10619), (10, 53, 32075), (5, 53, 74014),
    ],
)
def test_model3_per_shell_fixtures(separation, inclination, expected):
    assert satellites_per_shell(550, inclination, separation) == pytest.approx(expected, rel=2e-3)


@pytest.mark.parametrize(
    "separation, inclination, low, high, expected",
    [(60, 40, 200, 900, 541928), (60, 53, 200, 2000, 1459439), (25, 53, 200, 900, 1487517)],
)
def test_model3_band_sums(separation, inclination, low, high, expected):
    assert band_capacity(low, high, inclination, separation) == pytest.approx(expected, rel=2e-3)


def test_retrograde_uses_mirror_row_and_low_inclination_is_flagged():
    assert satellites_per_shell(550, 180 - 70) == pytest.approx(satellites_per_shell(550, 70))
    report = capacity_report([ShellClaim("k", "USA", 590, 590, 33, False, 784)])
    assert "extrapolation" in report.bands[0].shares[0].note


def _claims():
    return [
        ShellClaim("starlink", "USA", 550, 550, 53.0, False, 1584),
        ShellClaim("guowang", "CHN", 508, 508, 55.0, False, 3600),
        ShellClaim("kuiper", "USA", 590, 590, 51.9, False, 784),
        ShellClaim("ctc", "CHN", 550, 550, None, False, 96714),
        ShellClaim("sso", "USA", 560, 560, None, True, 348),
    ]


def test_claims_per_band_and_oversubscription():
    report = capacity_report(_claims())
    band = {b.altitude_min_km: b for b in report.bands}
    assert set(band) == {500.0, 550.0}
    b550 = band[550.0]
    assert b550.satellites_claimed == 1584 + 96714 + 784 + 348
    # 10 five-km shells of ~3,600-3,900 each at 45 deg for 60 km separation.
    assert 30_000 < b550.capacity_reference < 45_000
    expected = sum(s.satellites / s.capacity_at_inclination for s in b550.shares)
    assert b550.oversubscription == pytest.approx(expected)
    assert b550.oversubscription > 2
    assert report.filing_fit("starlink") == pytest.approx(1 / b550.oversubscription)
    assert report.filing_fit("guowang") == 1.0  # alone in 500-550


def test_contention_pairs_and_administrations():
    report = capacity_report(_claims())
    pairs = {(c.filing_a, c.filing_b): c for c in report.contentions}
    assert ("kuiper", "starlink") in pairs and not pairs[("kuiper", "starlink")].cross_administration
    assert pairs[("ctc", "starlink")].cross_administration  # unknown inclination contends with all
    assert ("ctc", "sso") in pairs
    assert ("sso", "starlink") not in pairs  # 97.6 vs 53 deg


def test_range_claim_spreads_evenly():
    report = capacity_report([ShellClaim("odc", "USA", 500, 2000, 30, False, 1_000_000)])
    assert len(report.bands) == 30
    assert all(b.satellites_claimed == pytest.approx(1_000_000 / 30) for b in report.bands)


def test_headlines_carry_labels_and_status():
    assert {h["status"] for h in PUBLISHED_HEADLINES} == {"confirmed (abstract)", "secondary, unverified basis"}
    assert PUBLISHED_HEADLINES[0]["value"] == 12_600_000


claim_strategy = st.builds(
    ShellClaim,
    filing_id=st.sampled_from(["a", "b", "c", "d"]),
    administration=st.sampled_from(["USA", "CHN"]),
    altitude_min_km=st.sampled_from([500.0, 525.0, 560.0]),
    altitude_max_km=st.sampled_from([560.0, 600.0]),
    inclination_deg=st.one_of(st.none(), st.floats(0, 180, allow_nan=False)),
    sun_synchronous=st.just(False),
    satellites=st.integers(1, 5000),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(claim_strategy, min_size=1, max_size=12))
def test_contending_filings_match_the_listed_pairs(claims):
    report = capacity_report(claims)
    from_pairs = {}
    for pair in report.contentions:
        band = from_pairs.setdefault((pair.altitude_min_km, pair.altitude_max_km), set())
        band.update({pair.filing_a, pair.filing_b})
    assert report.contending_filings() == {band: frozenset(f) for band, f in from_pairs.items()}
    assert capacity_report(claims, list_pairs=False).contentions == ()
