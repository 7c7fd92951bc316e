"""Every change through the API or the admin leaves a record: who, when, what (field diff); listable per filing."""

import pytest

from changelog.models import ChangeRecord
from filings.models import FilingShell
from tests.api.conftest import filing_payload

pytestmark = pytest.mark.django_db


def changes(client, filing):
    response = client.get(f"/api/v1/filings/{filing.pk}/changes/")
    assert response.status_code == 200
    return response.json()["results"]


def test_the_reference_loader_and_fixtures_record_nothing(registry):
    assert not ChangeRecord.objects.exists()


def test_api_update_records_the_diff_and_the_user(editor_client, registry):
    kuiper = registry["kuiper"]
    editor_client.patch(f"/api/v1/filings/{kuiper.pk}/", {"status": "partially_granted", "sources": ["itu-sns"]},
                        format="json")
    [record] = changes(editor_client, kuiper)
    assert record["user"] == "editor" and record["via"] == "api" and record["action"] == "update"
    assert record["object_type"] == "filing" and record["object_id"] == kuiper.pk
    assert record["diff"] == {"status": ["granted", "partially_granted"], "sources": [["fcc-20-102"], ["itu-sns"]]}


def test_unchanged_save_records_nothing(editor_client, registry):
    kuiper = registry["kuiper"]
    body = editor_client.get(f"/api/v1/filings/{kuiper.pk}/").json()
    editor_client.put(f"/api/v1/filings/{kuiper.pk}/", body, format="json")
    assert changes(editor_client, kuiper) == []


def test_create_with_shells_and_shell_changes_are_on_the_filing(editor_client, staff_client, registry):
    response = editor_client.post("/api/v1/filings/", filing_payload(), format="json")
    filing_id = response.json()["id"]
    shell = FilingShell.objects.get(filing_id=filing_id)
    editor_client.patch(f"/api/v1/shells/{shell.pk}/", {"inclination_deg": 70}, format="json")
    staff_client.delete(f"/api/v1/shells/{shell.pk}/")
    records = editor_client.get(f"/api/v1/filings/{filing_id}/changes/").json()["results"]
    summary = [(r["object_type"], r["action"], r["user"]) for r in records]
    assert summary == [
        ("filingshell", "delete", "staff"),
        ("filingshell", "update", "editor"),
        ("filingshell", "create", "editor"),
        ("filing", "create", "editor"),
    ]
    assert records[1]["diff"] == {"inclination_deg": [53.0, 70.0]}
    assert records[2]["diff"]["sources"] == [[], ["press-1"]]
    assert records[3]["diff"]["key"] == [None, "new-filing"]


def test_refused_write_records_nothing(editor_client, registry):
    editor_client.post("/api/v1/filings/", filing_payload(grant_date="2000-01-01"), format="json")
    assert not ChangeRecord.objects.exists()


def test_missing_filing_changes_are_404(editor_client, registry):
    assert editor_client.get("/api/v1/filings/999999/changes/").status_code == 404


def test_admin_changes_are_recorded(client, users, registry):
    users["staff"].is_superuser = True
    users["staff"].save()
    client.force_login(users["staff"])
    kuiper = registry["kuiper"]
    url = f"/admin/filings/filing/{kuiper.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value not in (None, False)}
    data.update({"name": "Kuiper Gen 1", "administration": kuiper.administration_id,
                 "operator": kuiper.operator_id, "constellation": kuiper.constellation_id, "parent": ""})
    for formset in page.context["inline_admin_formsets"]:
        management = formset.formset.management_form
        prefix = formset.formset.prefix
        for name in ("TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS", "MAX_NUM_FORMS"):
            data[f"{prefix}-{name}"] = management.initial.get(name, 0)
        for i, inline_form in enumerate(formset.formset.forms):
            data[f"{prefix}-{i}-id"] = inline_form.instance.pk
            for name, value in inline_form.initial.items():
                if value not in (None, False):
                    data[f"{prefix}-{i}-{name}"] = value
            if prefix == "Filing_sources":
                data[f"{prefix}-{i}-DELETE"] = "on"  # drop the source through the admin's inline
    data = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in data.items()}
    response = client.post(url, data)
    assert response.status_code == 302, response.context["errors"] if response.context else response
    assert not kuiper.sources.exists()
    [record] = ChangeRecord.objects.filter(object_id=kuiper.pk, object_type__model="filing")
    assert record.via == "admin" and record.user_name == "staff"
    assert record.diff["name"] == ["Kuiper Gen1", "Kuiper Gen 1"]
    assert record.diff["sources"] == [["fcc-20-102"], []]
