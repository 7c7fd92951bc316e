"""Filings with their shells through the API: read, create, update, delete, and the model's own refusals."""

import pytest
from django.core.exceptions import ValidationError

from filings.models import Filing, FilingShell
from tests.api.conftest import filing_payload

pytestmark = pytest.mark.django_db

LIST = "/api/v1/filings/"


def detail(filing):
    return f"/api/v1/filings/{filing.pk}/"


def test_list_shows_filings_with_nested_shells_and_sources(anon, registry):
    response = anon.get(LIST, {"ordering": "key"})
    assert response.status_code == 200
    assert response.json()["count"] == 3
    ctc, kuiper, oneweb = response.json()["results"]
    assert kuiper["administration"] == "USA" and kuiper["operator"] == "kuiper"
    assert kuiper["constellation"] == "kuiper" and kuiper["sources"] == ["fcc-20-102"]
    assert [s["satellite_count"] for s in kuiper["shells"]] == [784, 1296]
    assert kuiper["shells"][0]["sources"] == ["fcc-20-102"] and kuiper["shells"][0]["ordinal"] == 1
    assert ctc["res35_applies"] is True and oneweb["res35_applies"] is False


def test_detail_and_missing_filing(anon, registry):
    assert anon.get(detail(registry["kuiper"])).json()["reference"] == "SAT-LOA-20190704-00057"
    assert anon.get("/api/v1/filings/999999/").status_code == 404
    assert anon.get("/api/v1/filings/not-a-number/").status_code == 404


def test_create_filing_with_shells_in_one_request(editor_client, registry):
    response = editor_client.post(LIST, filing_payload(), format="json")
    assert response.status_code == 201, response.json()
    filing = Filing.objects.get(key="new-filing")
    assert response.json()["id"] == filing.pk
    assert [s.sources.get().key for s in filing.shells.all()] == ["press-1"]
    assert filing.shells.get().ordinal == 1 and filing.sources.get().key == "fcc-20-102"


def test_output_can_be_sent_back_unchanged(editor_client, registry):
    url = detail(registry["kuiper"])
    body = editor_client.get(url).json()
    response = editor_client.put(url, body, format="json")
    assert response.status_code == 200, response.json()
    assert response.json() == {**body, "updated_at": response.json()["updated_at"]}


def test_put_replaces_shells_by_position(editor_client, registry):
    kuiper = registry["kuiper"]
    first_id = kuiper.shells.get(ordinal=1).pk
    body = editor_client.get(detail(kuiper)).json()
    body["shells"] = [{**body["shells"][0], "altitude_km": 595}]
    response = editor_client.put(detail(kuiper), body, format="json")
    assert response.status_code == 200, response.json()
    shells = list(kuiper.shells.all())
    assert [(s.pk, s.altitude_km) for s in shells] == [(first_id, 595)]


def test_patch_without_shells_keeps_them(editor_client, registry):
    kuiper = registry["kuiper"]
    response = editor_client.patch(detail(kuiper), {"status": "partially_granted"}, format="json")
    assert response.status_code == 200
    assert kuiper.shells.count() == 2
    assert Filing.objects.get(pk=kuiper.pk).status == "partially_granted"


def model_message(model_instance, field):
    """What the model (and so the admin and the loader) says about a bad value."""
    with pytest.raises(ValidationError) as caught:
        model_instance.full_clean()
    return caught.value.message_dict[field]


def test_shell_count_must_equal_planes_times_per_plane(editor_client, registry):
    shell = {"altitude_km": 550, "planes": 10, "satellites_per_plane": 10, "satellite_count": 99}
    response = editor_client.post(LIST, filing_payload(shells=[shell]), format="json")
    assert response.status_code == 400
    expected = model_message(FilingShell(filing=registry["kuiper"], ordinal=9, **shell), "satellite_count")
    assert response.json() == {"shells": {"0": {"satellite_count": expected}}}  # by position
    assert expected == ["99 satellites does not equal 10 planes × 10 per plane = 100."]
    assert not Filing.objects.filter(key="new-filing").exists()


@pytest.mark.parametrize(
    "shell, field",
    [
        ({"altitude_km": -5}, "altitude_km"),
        ({"altitude_km": 550, "inclination_deg": 181}, "inclination_deg"),
        ({"altitude_km": 550, "inclination_deg": -1}, "inclination_deg"),
        ({"altitude_km": 550, "altitude_max_km": 500}, "altitude_max_km"),
    ],
)
def test_shell_rules_give_the_model_message(editor_client, registry, shell, field):
    response = editor_client.post(LIST, filing_payload(shells=[shell]), format="json")
    assert response.status_code == 400
    expected = model_message(FilingShell(filing=registry["kuiper"], ordinal=9, **shell), field)
    assert response.json()["shells"]["0"][field] == expected


def test_grant_before_receipt_is_refused_with_the_model_message(editor_client, registry):
    payload = filing_payload(date_of_receipt="2024-01-15", grant_date="2023-12-31")
    response = editor_client.post(LIST, payload, format="json")
    assert response.status_code == 400
    assert response.json() == {"grant_date": ["The grant date 2023-12-31 is before the date of receipt 2024-01-15."]}


def test_patch_runs_the_rules_against_the_stored_values(editor_client, registry):
    kuiper = registry["kuiper"]  # received 2019-07-04
    response = editor_client.patch(detail(kuiper), {"grant_date": "2019-01-01"}, format="json")
    assert response.status_code == 400 and "grant_date" in response.json()
    kuiper.refresh_from_db()
    assert str(kuiper.grant_date) == "2020-07-30"


def test_unknown_administration_is_named_like_the_loader_does(editor_client, registry):
    response = editor_client.post(LIST, filing_payload(administration="XYZ"), format="json")
    assert response.status_code == 400
    assert response.json() == {"administration": ["unknown administration 'XYZ'"]}


def test_unknown_source_in_a_shell(editor_client, registry):
    shell = {"altitude_km": 550, "sources": ["nope"]}
    response = editor_client.post(LIST, filing_payload(shells=[shell]), format="json")
    assert response.json() == {"shells": {"0": {"sources": ["unknown source 'nope'"]}}}


def test_itu_kind_needs_itu_regulator(editor_client, registry):
    response = editor_client.post(LIST, filing_payload(kind="itu_cr"), format="json")
    assert response.json() == {"kind": ["ITU filing kinds need the regulator ITU."]}


@pytest.mark.parametrize(
    "body, content_type",
    [
        ('{"key": ', "application/json"),
        ("[1, 2]", "application/json"),
        ('{"key": NaN}', "application/json"),
        ("key=x", "application/x-www-form-urlencoded"),
        ("", "application/json"),
    ],
)
def test_malformed_bodies_are_400_or_415(editor_client, registry, body, content_type):
    response = editor_client.generic("POST", LIST, body, content_type=content_type)
    assert response.status_code in (400, 415)
    assert response["Content-Type"].startswith("application/json")


@pytest.mark.parametrize(
    "changes",
    [
        {"satellites_filed": "many"},
        {"satellites_filed": -1},
        {"satellites_filed": 10**30},
        {"date_of_receipt": "2024-02-30"},
        {"date_of_receipt": "9999-01-01"},
        {"res35_applies": "perhaps"},
        {"administration": ["USA"]},
        {"administration": {"iso_code": "USA"}},
        {"sources": "fcc-20-102"},
        {"shells": {"altitude_km": 1}},
        {"shells": [{"altitude_km": "high"}]},
        {"name": "x\x00y"},
        {"key": "not a slug!"},
        {"regulator": "moon"},
    ],
)
def test_wrong_types_are_400(editor_client, registry, changes):
    response = editor_client.post(LIST, filing_payload(**changes), format="json")
    assert response.status_code == 400, response.content
    assert set(response.json()) == set(changes)


def test_infinite_numbers_are_400(editor_client, registry):
    body = '{"key": "x", "name": "x", "regulator": "fcc", "kind": "fcc_application", "administration": "USA", ' \
        '"shells": [{"altitude_km": 1e999}]}'
    response = editor_client.generic("POST", LIST, body, content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {"shells": {"0": {"altitude_km": ["A valid number is required."]}}}


def test_duplicate_key_is_400(editor_client, registry):
    response = editor_client.post(LIST, filing_payload(key="kuiper-gen1"), format="json")
    assert response.status_code == 400 and "key" in response.json()


def test_a_filing_cannot_modify_itself(editor_client, registry):
    kuiper = registry["kuiper"]
    response = editor_client.patch(detail(kuiper), {"parent": "kuiper-gen1"}, format="json")
    assert response.json() == {"parent": ["A filing cannot modify itself."]}


def test_staff_delete_cascades_to_shells(staff_client, registry):
    kuiper = registry["kuiper"]
    assert staff_client.delete(detail(kuiper)).status_code == 204
    assert not FilingShell.objects.filter(filing_id=kuiper.pk).exists()


def test_deleting_a_referenced_administration_is_a_409(staff_client, registry):
    response = staff_client.delete(f"/api/v1/administrations/{registry['usa'].pk}/")
    assert response.status_code == 409
    assert "Kuiper Gen1" in response.json()["detail"]


def test_shell_endpoint_validates_like_the_nested_one(editor_client, registry):
    payload = {"filing": "kuiper-gen1", "ordinal": 3, "altitude_km": 700, "planes": 2, "satellites_per_plane": 3,
               "satellite_count": 7}
    response = editor_client.post("/api/v1/shells/", payload, format="json")
    assert response.json() == {"satellite_count": ["7 satellites does not equal 2 planes × 3 per plane = 6."]}
    payload["satellite_count"] = 6
    assert editor_client.post("/api/v1/shells/", payload, format="json").status_code == 201
    duplicate = editor_client.post("/api/v1/shells/", payload, format="json")
    assert duplicate.status_code == 400


def test_administration_iso_code_rule(staff_client, registry):
    response = staff_client.post("/api/v1/administrations/", {"iso_code": "fr", "name": "France"}, format="json")
    assert response.status_code == 400
    assert response.json()["iso_code"] == ["An ISO 3166-1 alpha-3 code is three capital letters."]
