"""The engine's Django shell: ``manage.py shell_metrics`` and ``GET /api/v1/engine/shell/``."""

import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings
from rest_framework.test import APIClient

from constellations.api.engine import ShellMetricsView

URL = "/api/v1/engine/shell/"
STARLINK = {"altitude_km": "550", "inclination_deg": "53", "planes": "72", "per_plane": "22",
            "start": "2027-01-01", "end": "2028-01-01"}


def run(*args):
    out = io.StringIO()
    call_command("shell_metrics", *args, stdout=out)
    return out.getvalue()


# -- the command ---------------------------------------------------------------------------------------------


def test_command_prints_json_for_a_walker_shell():
    document = json.loads(run("--altitude-km", "550", "--inclination-deg", "53", "--planes", "72",
                              "--per-plane", "22", "--start", "2027-01-01", "--end", "2028-01-01", "--json"))
    assert document["satellites"] == 1584 and document["steps"] == 8760
    assert 0.62 < document["sunlit"]["mean"] < 0.75  # a 53-deg LEO shell is eclipsed about a third of the time
    assert document["sunlit"]["eclipse_days"] == 365
    assert document["raan_drift_deg_per_day"] == pytest.approx(-4.49, abs=0.02)
    assert set(document["compute_yield"]) == {"broadband", "orbital_data_centre"}


def test_command_sun_synchronous_dawn_dusk_shell():
    document = json.loads(run("--altitude-km", "550", "--sun-synchronous", "--ltan", "06:00", "--planes", "4",
                              "--start", "2027-01-01", "--end", "2028-01-01", "--json"))
    assert document["sun_synchronous"] and document["ltan_hours"] == 6.0
    assert document["inclination_deg"] == pytest.approx(97.6, abs=0.1)
    assert document["sunlit"]["mean"] > 0.9  # dawn-dusk: in sunlight almost always


def test_command_text_output():
    text = run("--altitude-km", "550", "--inclination-deg", "53", "--start", "2027-01-01", "--end", "2027-02-01")
    assert "sunlit fraction: mean" in text and "PFLOP/s" in text


@pytest.mark.parametrize("args, parameter", [
    (["--altitude-km", "100", "--inclination-deg", "53"], "--altitude-km"),
    (["--altitude-km", "abc", "--inclination-deg", "53"], "--altitude-km"),
    (["--altitude-km", "550", "--inclination-deg", "200"], "--inclination-deg"),
    (["--altitude-km", "550"], "--inclination-deg"),
    (["--altitude-km", "550", "--inclination-deg", "53", "--start", "2027-01-01", "--end", "2026-01-01"], "--end"),
    (["--altitude-km", "550", "--inclination-deg", "53", "--start", "2020-01-01", "--end", "2031-01-02"], "--end"),
    (["--altitude-km", "550", "--inclination-deg", "53", "--start", "2027-02-30"], "--start"),
    (["--altitude-km", "550", "--inclination-deg", "53", "--planes", "0"], "--planes"),
    (["--altitude-km", "550", "--inclination-deg", "53", "--step-minutes", "-5"], "--step-minutes"),
    (["--altitude-km", "550", "--sun-synchronous"], "--ltan"),
    (["--altitude-km", "550", "--inclination-deg", "53", "--ltan", "06:00"], "--ltan"),
    (["--altitude-km", "550", "--sun-synchronous", "--ltan", "25:00"], "--ltan"),
    (["--altitude-km", "550", "--sun-synchronous", "--ltan", "06:00", "--inclination-deg", "53"], "--inclination-deg"),
])
def test_command_bad_input_is_a_command_error_naming_the_parameter(args, parameter):
    with pytest.raises(CommandError) as caught:
        run(*args)
    assert str(caught.value).startswith(parameter + ":")


# -- the API -------------------------------------------------------------------------------------------------


@pytest.fixture
def api():
    return APIClient()


pytestmark_urls = pytest.mark.urls("tests.constellations.urls_engine")


@pytestmark_urls
def test_api_returns_the_metrics(api):
    response = api.get(URL, STARLINK)
    assert response.status_code == 200
    body = response.json()
    assert 0.62 < body["sunlit"]["mean"] < 0.75
    assert body["planes"] == 72 and body["satellites"] == 1584 and body["steps"] == 8760
    assert body["start"].startswith("2027-01-01") and body["end"].startswith("2028-01-01")


@pytestmark_urls
def test_api_sun_synchronous(api):
    response = api.get(URL, {"altitude_km": "550", "sun_synchronous": "true", "ltan": "06:00",
                             "start": "2027-01-01", "end": "2027-07-01", "step_minutes": "120"})
    assert response.status_code == 200
    assert response.json()["inclination_deg"] == pytest.approx(97.6, abs=0.1)


@pytestmark_urls
@pytest.mark.parametrize("changes, parameter", [
    ({"altitude_km": "100"}, "altitude_km"),
    ({"altitude_km": "high"}, "altitude_km"),
    ({"inclination_deg": "200"}, "inclination_deg"),
    ({"start": "2028-01-01", "end": "2027-01-01"}, "end"),
    ({"start": "2020-01-01", "end": "2030-01-02"}, "end"),  # longer than 10 years
    ({"start": "yesterday"}, "start"),
    ({"planes": "3.5"}, "planes"),
    ({"planes": "100000"}, "planes"),  # planes x steps over the per-request budget
    ({"step_minutes": "0"}, "step_minutes"),
    ({"ltan": "06:00"}, "ltan"),
    ({"sun_synchronous": "maybe"}, "sun_synchronous"),
    ({"altitude": "550"}, "altitude"),  # a misspelt parameter is not silently ignored
])
def test_api_bad_input_is_400_naming_the_parameter(api, changes, parameter):
    response = api.get(URL, {**STARLINK, **changes})
    assert response.status_code == 400
    body = response.json()
    assert body["parameter"] == parameter
    assert parameter in body["errors"]


@pytestmark_urls
def test_api_missing_altitude(api):
    response = api.get(URL, {"inclination_deg": "53"})
    assert response.status_code == 400 and response.json()["parameter"] == "altitude_km"


@pytestmark_urls
@override_settings(SLOTWATCH_PUBLIC_READ=False)
def test_api_needs_a_user_when_public_read_is_off(api):
    assert api.get(URL, STARLINK).status_code in (401, 403)


def test_route_is_in_the_project_urlconf_and_not_shadowed():
    from django.urls import resolve

    match = resolve(URL)
    assert match.func.view_class is ShellMetricsView


def test_openapi_schema_documents_the_parameters():
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator(urlconf="tests.constellations.urls_engine").get_schema(request=None, public=True)
    operation = schema["paths"][URL]["get"]
    names = {p["name"] for p in operation["parameters"]}
    assert {"altitude_km", "inclination_deg", "planes", "per_plane", "start", "end", "step_minutes",
            "sun_synchronous", "ltan"} <= names
    assert "400" in operation["responses"]
