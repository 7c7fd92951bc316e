"""The filing page lists the notices and reports on record, and shows a declared count beside the catalog count on
the milestone row it answers (dashboard.notices)."""

import datetime as dt

import pytest
from django.urls import reverse

from compliance.rules.facts import Notice
from compliance.rules.results import MilestoneResult
from dashboard.notices import declared_by_row
from filings.models import FilingNotice
from tests.factories import AdministrationFactory, FilingFactory, SourceFactory

D = dt.date


def result(code, due, **extra):
    return MilestoneResult(code=code, regime="fcc" if code.startswith("fcc") else "itu", title=code, provision="",
                           source="", confidence="confirmed", status="upcoming", due_date=due, **extra)


RES35_ROWS = [result("res35_m1", D(2034, 12, 29)), result("res35_m2", D(2037, 12, 29)),
              result("res35_m3", D(2039, 12, 29))]


def report(submitted, as_of, declared, provision="resolves 7 a)"):
    return Notice("res35_report", submitted, provision, as_of, declared)


# (notices, as of, {row index: satellites declared}): one table for the matching rules of dashboard.notices.
MATCHES = [
    # a report as of the end of the M1 period answers M1, on the day it is submitted and after, not the day before
    ([report(D(2035, 1, 20), D(2034, 12, 29), 9671)], D(2035, 1, 19), {}),
    ([report(D(2035, 1, 20), D(2034, 12, 29), 9671)], D(2035, 1, 20), {0: 9671}),
    ([report(D(2035, 1, 20), D(2034, 12, 29), 9671)], D(2035, 1, 21), {0: 9671}),
    # as of the day before / after the M1 date: early (resolves 9 a)) answers M1, later answers M2
    ([report(D(2035, 1, 20), D(2034, 12, 28), 9671)], D(2036, 1, 1), {0: 9671}),
    ([report(D(2035, 1, 20), D(2034, 12, 30), 9671)], D(2036, 1, 1), {1: 9671}),
    # a correction submitted later replaces the first report of the same milestone
    ([report(D(2035, 1, 20), D(2034, 12, 29), 9000), report(D(2035, 1, 25), D(2034, 12, 29), 9671)],
     D(2036, 1, 1), {0: 9671}),
    # each milestone its own report
    ([report(D(2035, 1, 20), D(2034, 12, 29), 9671), report(D(2038, 1, 20), D(2037, 12, 29), 48357)],
     D(2040, 1, 1), {0: 9671, 1: 48357}),
    # a report without the date its figures refer to answers no row; other kinds answer no Res. 35 row
    ([report(D(2035, 1, 20), None, 9671)], D(2036, 1, 1), {}),
    ([Notice("biu_notice", D(2033, 1, 20), "No. 11.44C", D(2032, 10, 1), 1)], D(2036, 1, 1), {}),
]


@pytest.mark.parametrize("notices, as_of, expected", MATCHES)
def test_res35_reports_answer_the_milestone_they_are_as_of(notices, as_of, expected):
    found = declared_by_row(RES35_ROWS, notices, as_of)
    assert {i: d.count for i, d in found.items()} == expected


def test_fcc_certification_answers_its_milestone_and_report_rows_bond_and_biu_the_latest():
    rows = [result("fcc_bond", D(2020, 8, 29)), result("fcc_m50", D(2026, 7, 30)),
            result("fcc_report_m50", D(2026, 8, 14)), result("fcc_m100", D(2029, 7, 30)),
            result("fcc_report_m100", D(2029, 8, 14)), result("itu_biu", D(2032, 12, 29))]
    notices = [Notice("bond_posting", D(2020, 8, 28), "25.165(a)", D(2020, 8, 28)),
               Notice("fcc_certification", D(2026, 8, 10), "25.164(f)", D(2026, 7, 30), 1616)]
    found = declared_by_row(rows, notices, D(2026, 12, 5))
    assert sorted(found) == [0, 1, 2]
    assert found[1].count == found[2].count == 1616
    assert found[1].text == "declared 1,616 on 10 Aug 2026 (certification under 25.164(f))"
    assert found[0].text == "Bond posted under 25.165(a) on 28 Aug 2020, as of 28 Aug 2020"


def test_the_latest_of_suspension_and_resumption_answers_the_11_49_row():
    rows = [result("itu_suspension", D(2023, 4, 28))]
    notices = [Notice("suspension", D(2020, 11, 17), "No. 11.49", D(2020, 4, 28)),
               Notice("resumption", D(2021, 6, 1), "No. 11.49", D(2021, 5, 1))]
    assert declared_by_row(rows, notices, D(2021, 5, 31))[0].notice.kind == "suspension"
    assert declared_by_row(rows, notices, D(2021, 6, 1))[0].notice.kind == "resumption"


@pytest.mark.django_db
def test_the_page_shows_the_notices_and_the_declared_count(client):
    usa = AdministrationFactory(iso_code="USA")
    filing = FilingFactory(key="kuiper-gen1", name="Kuiper Gen1", regulator="fcc", kind="fcc_authorisation",
                           administration=usa, date_of_receipt=D(2019, 7, 4), grant_date=D(2020, 7, 30),
                           satellites_filed=3236, satellites_authorised=3236, status="granted")
    source = SourceFactory(key="cert", url="https://example.org/cert", title="Milestone certification")
    cert = FilingNotice.objects.create(filing=filing, kind="fcc_certification", submitted_on=D(2026, 8, 10),
                                       provision="25.164(f)", as_of=D(2026, 7, 30), satellites_declared=1616,
                                       satellites_per_plane=[800, 816], confidence="reported",
                                       notes="Certified on time.")
    cert.sources.set([source])
    FilingNotice.objects.create(filing=filing, kind="bond_posting", submitted_on=D(2020, 8, 28),
                                provision="25.165(a)", as_of=D(2020, 8, 28))
    page = client.get(reverse("filings:detail", args=[filing.pk]), {"as_of": "2026-12-05"})
    assert page.status_code == 200
    html = page.content.decode()
    table = html[html.index('id="notices-table"'):]
    table = table[:table.index("</table>")]
    assert table.index("Surety bond posted") < table.index("FCC milestone certification")  # in the order submitted
    assert "800, 816" in table and "Certified on time." in table and "https://example.org/cert" in table
    milestones = html[html.index('id="milestones-table"'):]
    milestones = milestones[:milestones.index("</table>")]
    assert "declared 1,616 on 10 Aug 2026 (certification under 25.164(f)); " in milestones


@pytest.mark.django_db
def test_the_page_says_when_nothing_is_on_record(client):
    filing = FilingFactory(regulator="itu", kind="itu_cr", administration=AdministrationFactory(iso_code="CHN"))
    html = client.get(reverse("filings:detail", args=[filing.pk])).content.decode()
    assert "No notice or report is on record for this filing." in html
    assert "notifying administration told the ITU" in html
