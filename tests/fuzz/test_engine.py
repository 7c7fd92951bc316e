"""Hostile numbers through the engine entry points: a result, or EngineInputError naming the parameter.

Floats include NaN, both infinities, -0.0, subnormals and 1e308; counts include zero, negatives, bools, huge
integers and floats; windows run to the ends of the calendar and beyond the ephemeris.
"""

import datetime as dt
import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from constellations.engine import (
    PROFILES, CapacityReport, ComputeYield, EngineInputError, ShellClaim, ShellMetrics, capacity_report,
    compute_yield, score_filing, shell_metrics,
)

FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

any_float = st.floats(allow_nan=True, allow_infinity=True)
altitudes = st.one_of(any_float, st.floats(100, 60000), st.sampled_from([150.0, 550.0, 5999.0, 6000.0, 35786.0, 50000.0]))
inclinations = st.one_of(st.none(), any_float, st.floats(-10, 190), st.sampled_from([0.0, 97.6, 180.0]))
counts = st.one_of(st.integers(-3, 3), st.integers(1, 10**6), st.sampled_from([2**63, 10**30, True, 1.0, float("nan")]))
fractions = st.one_of(any_float, st.floats(-0.5, 1.5), st.sampled_from([0.0, 1.0, -0.0, 5e-324]))


def either(call, result_type):
    try:
        result = call()
    except EngineInputError as error:
        assert error.parameter and error.message
        return None
    assert isinstance(result, result_type)
    return result


@FUZZ
@given(satellites=counts, sunlit=fractions, profile=st.sampled_from([*PROFILES, "bogus", ""]))
def test_compute_yield(satellites, sunlit, profile):
    result = either(lambda: compute_yield(satellites, sunlit, profile), ComputeYield)
    if result is not None:
        assert math.isfinite(result.sustained_pflops) and result.sustained_pflops >= 0
        assert math.isfinite(result.energy_mwh_per_year)


@st.composite
def claims(draw):
    low = draw(altitudes)
    high = draw(st.one_of(st.just(low), altitudes, st.floats(0, 200).map(lambda d: low + d if math.isfinite(low) else d)))
    return ShellClaim(filing_id=draw(st.text(max_size=4)), administration=draw(st.sampled_from(["USA", "CHN", ""])),
                      altitude_min_km=low, altitude_max_km=high, inclination_deg=draw(inclinations),
                      sun_synchronous=draw(st.booleans()), satellites=draw(counts))


@FUZZ
@given(claim_list=st.lists(claims(), max_size=4),
       band_width=st.one_of(st.sampled_from([5.0, 10.0, 50.0, 7.0, 0.0, -5.0, 1e6]), any_float),
       separation=st.one_of(st.sampled_from([50.0, 0.1, 10000.0]), any_float),
       tolerance=st.one_of(st.sampled_from([0.0, 2.0, 180.0]), any_float))
def test_capacity_report(claim_list, band_width, separation, tolerance):
    report = either(lambda: capacity_report(claim_list, band_width, separation, tolerance), CapacityReport)
    if report is not None:
        for band in report.bands:
            assert band.satellites_claimed >= 0 and not math.isnan(band.oversubscription)


@FUZZ
@given(values=st.tuples(fractions, fractions, fractions))
def test_score_filing(values):
    from constellations.engine import FilingScore

    score = either(lambda: score_filing("f", *values), FilingScore)
    if score is not None:
        assert 0.0 <= score.total <= 1.0


EDGE_STARTS = [dt.datetime(2026, 1, 1), dt.date(2026, 6, 21), dt.datetime(1899, 12, 31), dt.datetime(1850, 1, 1),
               dt.datetime(2053, 12, 1), dt.datetime(2200, 1, 1), dt.datetime.min, dt.datetime(9999, 12, 30),
               dt.datetime(2026, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=14)))]
starts = st.one_of(st.sampled_from(EDGE_STARTS), st.datetimes(dt.datetime(1990, 1, 1), dt.datetime(2045, 1, 1)),
                   st.datetimes(), st.just("2026-01-01"), st.none())
lengths = st.sampled_from([dt.timedelta(hours=6), dt.timedelta(days=1), dt.timedelta(days=3), dt.timedelta(0),
                           -dt.timedelta(days=1), dt.timedelta(days=365 * 11)])


def shifted(start, length):
    try:
        return start + length
    except (TypeError, OverflowError):
        return start


@st.composite
def mostly(draw, valid, hostile):
    """Mostly a valid value, now and then a hostile one, so most examples get past the first check."""
    return draw(hostile) if draw(st.integers(0, 9)) == 0 else draw(valid)


EDGE_STARTS += [dt.datetime(1, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=14))),
                dt.datetime(9999, 12, 31, 23, tzinfo=dt.timezone(dt.timedelta(hours=-14))),
                dt.datetime(1899, 7, 29, 12), dt.datetime(2053, 10, 9, 12)]
starts = st.one_of(st.sampled_from(EDGE_STARTS), st.datetimes(dt.datetime(1990, 1, 1), dt.datetime(2045, 1, 1)),
                   st.datetimes(dt.datetime(1990, 1, 1), dt.datetime(2045, 1, 1)), st.datetimes(),
                   st.just("2026-01-01"), st.none())


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(altitude=mostly(st.floats(150, 2000) | st.floats(150, 50000), altitudes), inclination=mostly(st.floats(0, 180), inclinations),
       planes=mostly(st.integers(1, 40), counts), per_plane=mostly(st.integers(1, 40), counts), start=starts,
       length=lengths, step=mostly(st.sampled_from([60.0, 30.0, 360.0, 1440.0]), st.one_of(any_float, st.integers(-1, 2))),
       sso=st.sampled_from([False, False, True]), ltan=mostly(st.floats(0, 24), st.one_of(st.none(), st.floats(-1, 25), any_float)))
def test_shell_metrics(altitude, inclination, planes, per_plane, start, length, step, sso, ltan):
    if isinstance(planes, int) and planes > 500 or isinstance(per_plane, int) and per_plane > 500:
        planes, per_plane = 1, 1  # only the count checks matter here; a 10**6-plane shell is just slow
    if sso and inclination is not None and isinstance(planes, int) and planes % 2:
        inclination = None  # an SSO shell mostly comes without an inclination (the engine derives it)
    either(lambda: shell_metrics(altitude, inclination, planes, per_plane, start, shifted(start, length), step,
                                 sso, ltan), ShellMetrics)


def test_windows_outside_the_ephemeris_are_refused_by_name():
    """Regression: a window outside DE421 (1899-07-29 .. 2053-10-09) raised skyfield's EphemerisRangeError."""
    for start in (dt.datetime(1850, 1, 1), dt.datetime(2100, 1, 1), dt.datetime(9999, 12, 30)):
        try:
            shell_metrics(550.0, 53.0, 1, 1, start, start + dt.timedelta(hours=6), 60.0)
        except EngineInputError as error:
            assert error.parameter in ("start", "end")
        else:
            raise AssertionError(f"{start} was accepted")


def test_a_start_outside_the_calendar_in_utc_is_refused_by_name():
    """Regression: 0001-01-01 00:00+14:00 raised OverflowError converting to UTC."""
    start = dt.datetime(1, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=14)))
    try:
        shell_metrics(550.0, 53.0, 1, 1, start, dt.datetime(2026, 1, 1), 60.0)
    except EngineInputError as error:
        assert error.parameter == "start"
    else:
        raise AssertionError("accepted")
