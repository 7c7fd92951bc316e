"""Exports read by people: names next to codes, lists as lists, the next deadline and the count in orbit with its
data date; an xlsx with a frozen, filtered header and fitted columns; text that is never run as a formula and
never breaks the file (issue 17 "Exports", issue 18 "CSV formula neutralisation", "one control character")."""

import datetime as dt
import io

import openpyxl
import pytest
from django.db import DataError, connection, transaction
from django.utils import timezone

from compliance.models import Milestone
from filings.models import Filing, Source
from slotwatch.api.exports import is_formula_like, xml_safe
from tests.api.test_exports import body, read
from tests.factories import DeploymentReportFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_filing_export_names_operator_and_administration_next_to_their_codes(anon, registry, fmt):
    frame = read(anon.get("/api/v1/filings/", {"format": fmt, "key": "ctc-1"}), fmt).iloc[0]
    assert frame["operator"] == "china-satnet" and frame["operator_name"] == "China Satellite Network Group"
    assert frame["administration"] == "CHN" and frame["administration_name"] == registry["china"].name
    assert frame["administration_name"] != ""


def test_lists_are_lists_not_the_text_of_a_json_array(anon, registry):
    Milestone.objects.filter(filing=registry["ctc"]).update(missing_facts=["grant_date", "bond_posted_on"],
                                                          assumptions=[])
    registry["ctc"].sources.add(Source.objects.get(key="press-1"))
    row = read(anon.get("/api/v1/milestones/", {"format": "csv", "filing": "ctc-1"}), "csv").iloc[0]
    assert row["missing_facts"] == "grant_date; bond_posted_on"
    assert row["assumptions"] == ""  # an empty list is an empty cell, not "[]"
    notice = read(anon.get("/api/v1/notices/", {"format": "csv"}), "csv").iloc[0]
    assert notice["satellites_per_plane"] == "6"
    filing = read(anon.get("/api/v1/filings/", {"format": "csv", "key": "ctc-1"}), "csv").iloc[0]
    assert filing["sources"] == "itu-sns; press-1"


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_filing_export_has_the_next_deadline_and_the_count_in_orbit_with_its_data_date(anon, registry, fmt):
    DeploymentReportFactory(filing=registry["oneweb"], as_of=dt.date(2026, 1, 1), in_orbit=612)
    frame = read(anon.get("/api/v1/filings/", {"format": fmt}), fmt).set_index("key")
    due = (timezone.localdate() + dt.timedelta(days=500)).isoformat()
    assert frame.loc["ctc-1", "next_deadline"].startswith(due)
    assert frame.loc["ctc-1", "next_milestone"] == "res35_m1 title"
    assert frame.loc["oneweb-l", "next_deadline"] == ""  # its only milestone is met
    assert frame.loc["oneweb-l", "in_orbit"] == "612"
    assert frame.loc["oneweb-l", "in_orbit_as_of"].startswith("2026-01-01")
    assert frame.loc["oneweb-l", "in_orbit_source"] == "reported"
    assert frame.loc["ctc-1", "in_orbit"] == "" and frame.loc["ctc-1", "in_orbit_as_of"] == ""


def test_milestone_and_shell_exports_name_the_filing(anon, registry):
    milestones = read(anon.get("/api/v1/milestones/", {"format": "csv", "filing": "ctc-1"}), "csv")
    assert set(milestones["filing_name"]) == {"CTC-1"}
    assert set(milestones["operator_name"]) == {"China Satellite Network Group"}
    shells = read(anon.get("/api/v1/shells/", {"format": "csv"}), "csv")
    assert set(shells["filing_name"]) == {"Kuiper Gen1"}


def test_xlsx_header_is_frozen_filtered_and_columns_fitted(anon, registry):
    Filing.objects.filter(pk=registry["ctc"].pk).update(notes="x" * 40)
    response = anon.get("/api/v1/filings/", {"format": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(body(response))).active
    assert sheet.freeze_panes == "A2"
    header = [cell.value for cell in sheet[1]]
    assert sheet.auto_filter.ref == f"A1:{openpyxl.utils.get_column_letter(len(header))}4"
    width = {name: sheet.column_dimensions[openpyxl.utils.get_column_letter(i)].width
             for i, name in enumerate(header, start=1)}
    assert width["notes"] >= 40 > width["id"]
    assert width["operator_name"] >= len("China Satellite Network Group")


@pytest.mark.parametrize("text", [
    "=1+1", "+1", "-2+3", "@SUM(A1)", "\tx", "\rx", "a;=HYPERLINK(\"x\")", "a; =1", "a,+1", "b;@x", "c;-1+1",
])
def test_formula_like_text_is_neutralised_in_csv(staff_client, registry, text):
    Filing.objects.filter(pk=registry["ctc"].pk).update(notes=text)
    row = read(staff_client.get("/api/v1/filings/", {"format": "csv", "key": "ctc-1"}), "csv").iloc[0]
    assert row["notes"] == "'" + text


@pytest.mark.parametrize("text", ["Starlink-1007", "a - b", "SpaceX; Starlink", "12", "e-mail: x@y.org"])
def test_ordinary_text_is_left_alone(text):
    assert not is_formula_like(text)


def test_negative_numbers_stay_numbers_in_csv(anon, registry):
    DeploymentReportFactory(filing=registry["oneweb"], as_of=dt.date(2026, 1, 1), in_orbit=5)
    row = read(anon.get("/api/v1/filings/", {"format": "csv", "key": "oneweb-l"}), "csv").iloc[0]
    assert row["in_orbit"] == "5"


@pytest.mark.parametrize("control", ["\x00", "\x01", "\x0b", "\x0c", "\x1b", "\x1f", "\ufffe"])
def test_one_control_character_never_fails_an_xlsx_export(anon, registry, control):
    if control == "\x00" and connection.vendor == "postgresql":
        # PostgreSQL stores no NUL in text at all: such a value can never reach an export there.
        with pytest.raises(DataError), transaction.atomic():
            Source.objects.filter(key="press-1").update(title=f"Press{control}release")
        return
    Source.objects.filter(key="press-1").update(title=f"Press{control}release")
    Filing.objects.filter(pk=registry["ctc"].pk).update(notes=f"before{control}after", name=f"CTC{control}1")
    for path in ("/api/v1/sources/", "/api/v1/filings/", "/api/v1/milestones/"):
        response = anon.get(path, {"format": "xlsx"})
        assert response.status_code == 200, path
        frame = read(response, "xlsx")
        assert len(frame) > 0
    sources = read(anon.get("/api/v1/sources/", {"format": "xlsx"}), "xlsx").set_index("key")
    assert sources.loc["press-1", "title"] == "Press\ufffdrelease"


def test_xml_safe_keeps_tab_newline_and_text():
    assert xml_safe("a\tb\nc\r\nd é 🚀") == "a\tb\nc\r\nd é 🚀"
    assert xml_safe("a\x00b\x08c") == "a\ufffdb\ufffdc"


def test_formula_in_xlsx_is_text_not_a_formula(staff_client, registry):
    Filing.objects.filter(pk=registry["ctc"].pk).update(notes="-1+HYPERLINK(\"x\")")
    response = staff_client.get("/api/v1/filings/", {"format": "xlsx", "key": "ctc-1"})
    sheet = openpyxl.load_workbook(io.BytesIO(body(response))).active
    header = [cell.value for cell in sheet[1]]
    cell = sheet.cell(row=2, column=header.index("notes") + 1)
    assert cell.value == "-1+HYPERLINK(\"x\")" and cell.data_type == "s"
