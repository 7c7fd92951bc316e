"""Notices and reports on record (FilingNotice): one set of rules, refused in the same words by the model (and so
the admin), the API and the reference loader; the loader is idempotent; facts_for hands them to the rules core."""

import datetime as dt
import shutil
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from rest_framework.test import APIClient

from accounts.models import Token
from compliance.evaluation import facts_for, filings_for_evaluation
from compliance.rules import codes
from compliance.rules.facts import Notice
from filings.models import NOTICE_REGIMES, FilingNotice, NoticeKind
from filings.reference import ReferenceDataError, load_reference
from tests.factories import AdministrationFactory, FilingFactory

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "reference"
pytestmark = pytest.mark.django_db
D = dt.date


def test_every_notice_kind_is_made_to_one_regulator():
    assert set(NOTICE_REGIMES) == set(codes.NOTICE_KINDS)
    assert set(NOTICE_REGIMES.values()) <= set(codes.REGIMES)
    assert [value for value, _ in NoticeKind.choices] == list(codes.NOTICE_KINDS)


@pytest.fixture
def filings():
    itu = FilingFactory(key="ctc-1", regulator="itu", kind="itu_cr", administration=AdministrationFactory(iso_code="CHN"),
                        date_of_receipt=D(2025, 12, 29), satellites_filed=96714)
    fcc = FilingFactory(key="kuiper-gen1", regulator="fcc", kind="fcc_authorisation",
                        administration=AdministrationFactory(iso_code="USA"), grant_date=D(2020, 7, 30),
                        bond_posted_on=D(2020, 8, 28))
    national = FilingFactory(key="uk-licence", regulator="ofcom", kind="national_licence",
                             administration=AdministrationFactory(iso_code="GBR"))
    return {"itu": itu, "fcc": fcc, "ofcom": national}


VALID = {"kind": "res35_report", "submitted_on": "2023-01-20", "provision": "resolves 8 a)", "as_of": "2023-01-01",
         "satellites_declared": 5, "satellites_per_plane": [2, 3]}

# (filing, changes to VALID, field, message): each row is refused with this message by the model, the API and the
# loader. The messages are written once, in FilingNotice.clean().
REFUSED = [
    ("itu", {"as_of": "2023-01-21"}, "as_of",
     "The figures cannot be as of 2023-01-21, after the notice was submitted on 2023-01-20."),
    ("itu", {"satellites_per_plane": [2, -3]}, "satellites_per_plane",
     "Satellites per plane is a list of whole numbers, zero or more, one for each notified plane."),
    ("itu", {"satellites_per_plane": [2, 2]}, "satellites_per_plane",
     "The planes add up to 4 satellites, not the 5 declared."),
    ("itu", {"total_after": 50}, "total_after",
     "Only a Res. 35 modification (resolves 11 or 21) sets the total number of satellites after it."),
    ("fcc", {}, "kind",
     "A Res. 35 deployment report is made to the ITU; kuiper-gen1 is filed with the FCC (United States)."),
    ("ofcom", {}, "kind",
     "A Res. 35 deployment report is made to the ITU; uk-licence is filed with the Ofcom (United Kingdom)."),
    ("itu", {"kind": "fcc_certification", "provision": "25.164(f)"}, "kind",
     "A FCC milestone certification (47 CFR 25.164(f)) is made to the FCC; ctc-1 is filed with the ITU."),
    ("itu", {"kind": "bond_posting", "provision": "25.165(a)"}, "kind",
     "A Surety bond posted (47 CFR 25.165) is made to the FCC; ctc-1 is filed with the ITU."),
    ("fcc", {"kind": "bond_posting", "provision": "25.165(a)", "as_of": "2020-08-27", "submitted_on": "2020-08-28",
             "satellites_declared": None, "satellites_per_plane": []}, "as_of",
     "The filing records surety bond posted on 2020-08-28; this notice says 2020-08-27."),
    ("itu", {"submitted_on": "2999-01-01"}, "submitted_on",
     "2999-01-01 is in the future: a notice on record has been submitted."),
]
ACCEPTED = [
    ("itu", {}),
    ("itu", {"satellites_per_plane": []}),  # per plane not given
    ("itu", {"satellites_declared": None}),  # the planes without a total
    ("itu", {"as_of": "2023-01-20"}),  # figures as of the day submitted
    ("itu", {"kind": "res35_modification", "provision": "resolves 11 a)", "total_after": 50}),
    ("itu", {"kind": "biu_notice", "provision": "No. 11.44C", "satellites_declared": 1, "satellites_per_plane": [1]}),
    ("itu", {"kind": "suspension", "provision": "No. 11.49", "satellites_declared": None, "satellites_per_plane": []}),
    ("fcc", {"kind": "fcc_certification", "provision": "25.164(f)"}),
    ("fcc", {"kind": "bond_posting", "provision": "25.165(a)", "as_of": "2020-08-28", "submitted_on": "2020-08-28",
             "satellites_declared": None, "satellites_per_plane": []}),
]


def model_values(values):
    out = dict(values)
    for name in ("submitted_on", "as_of"):
        if out.get(name):
            out[name] = D.fromisoformat(out[name])
    return out


@pytest.mark.parametrize("which, change, field, message", REFUSED)
def test_the_model_refuses(filings, which, change, field, message):
    notice = FilingNotice(filing=filings[which], **model_values({**VALID, **change}))
    with pytest.raises(ValidationError) as error:
        notice.save()
    assert error.value.message_dict[field] == [message]
    assert not FilingNotice.objects.exists()


@pytest.mark.parametrize("which, change", ACCEPTED)
def test_the_model_accepts(filings, which, change):
    notice = FilingNotice(filing=filings[which], **model_values({**VALID, **change}))
    notice.save()
    assert FilingNotice.objects.get().pk == notice.pk


@pytest.fixture
def editor(db):
    from django.contrib.auth.models import Group, User

    user = User.objects.create_user("editor", password="a long test password")
    user.groups.add(Group.objects.get_or_create(name="editors")[0])
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.issue(user, 'tests')[1]}")
    return client


@pytest.mark.parametrize("which, change, field, message", REFUSED)
def test_the_api_refuses_in_the_same_words(filings, editor, which, change, field, message):
    payload = {"filing": filings[which].key, **{k: v for k, v in {**VALID, **change}.items() if v is not None}}
    response = editor.post("/api/v1/notices/", payload, format="json")
    assert response.status_code == 400, response.content
    assert response.json()[field] == [message]


def test_the_api_saves_a_valid_notice(filings, editor):
    response = editor.post("/api/v1/notices/", {"filing": "ctc-1", **VALID}, format="json")
    assert response.status_code == 201, response.content
    notice = FilingNotice.objects.get()
    assert notice.satellites_per_plane == [2, 3] and notice.as_of == D(2023, 1, 1)
    assert response.json()["satellites_per_plane"] == [2, 3]


# -- the reference loader -------------------------------------------------------------------------------------

@pytest.fixture
def data_dir(tmp_path):
    target = tmp_path / "data"
    shutil.copytree(FIXTURE, target)
    return target


NOTICES_YAML = """  notices:
    - kind: bond_posting
      submitted_on: 2020-08-28
      provision: "25.165(a)"
      as_of: 2020-08-28
      confidence: reported
      sources: [fcc-20-102]
    - kind: fcc_certification
      submitted_on: 2026-07-31
      provision: "25.164(f)"
      as_of: 2026-07-30
      satellites_declared: 5
      satellites_per_plane: [2, 3]
      confidence: reported
      sources: []
"""


def with_notices(data_dir, text=NOTICES_YAML):
    path = data_dir / "filings.yaml"
    content = path.read_text()
    assert "  waivers:\n" in content
    path.write_text(content.replace("  waivers:\n", text + "  waivers:\n", 1))


def test_the_loader_creates_notices_and_a_second_load_changes_nothing(data_dir):
    with_notices(data_dir)
    report = load_reference(data_dir)
    assert report.counts[("FilingNotice", "created")] == 2
    rows = list(FilingNotice.objects.order_by("submitted_on"))
    assert [(n.kind, n.filing.key) for n in rows] == [("bond_posting", "kuiper-gen1"),
                                                       ("fcc_certification", "kuiper-gen1")]
    assert rows[0].sources.get().key == "fcc-20-102"
    assert rows[1].satellites_per_plane == [2, 3]
    pks = [n.pk for n in rows]
    again = load_reference(data_dir)
    assert again.counts[("FilingNotice", "unchanged")] == 2
    assert again.total("created") == again.total("updated") == again.total("deleted") == 0
    assert [n.pk for n in FilingNotice.objects.order_by("submitted_on")] == pks


def test_the_loader_updates_in_place_and_deletes_what_left_the_file(data_dir):
    with_notices(data_dir)
    load_reference(data_dir)
    kept = FilingNotice.objects.get(kind="fcc_certification").pk
    (data_dir / "filings.yaml").write_text((data_dir / "filings.yaml").read_text().replace(
        "satellites_declared: 5\n      satellites_per_plane: [2, 3]", "satellites_declared: 6\n      "
        "satellites_per_plane: [3, 3]").replace(
        '    - kind: bond_posting\n      submitted_on: 2020-08-28\n      provision: "25.165(a)"\n'
        "      as_of: 2020-08-28\n      confidence: reported\n      sources: [fcc-20-102]\n", ""))
    report = load_reference(data_dir)
    assert report.counts[("FilingNotice", "updated")] == 1 and report.counts[("FilingNotice", "deleted")] == 1
    notice = FilingNotice.objects.get()
    assert (notice.pk, notice.satellites_declared) == (kept, 6)


@pytest.mark.parametrize("which, change, field, message", [r for r in REFUSED if r[0] == "fcc" and r[2] != "as_of"])
def test_the_loader_refuses_in_the_same_words(data_dir, which, change, field, message):
    item = {**VALID, **change}
    lines = [f"    - kind: {item['kind']}", f"      submitted_on: {item['submitted_on']}",
             f"      provision: \"{item['provision']}\"", f"      as_of: {item['as_of']}"]
    with_notices(data_dir, "  notices:\n" + "\n".join(lines) + "\n")
    with pytest.raises(ReferenceDataError) as error:
        load_reference(data_dir)
    assert any(p.endswith(f"(kuiper-gen1 notices): {field}: {message}") for p in error.value.problems), \
        error.value.problems
    assert not FilingNotice.objects.exists()


@pytest.mark.parametrize("item, field, message", [
    ("    - kind: res35_report\n      submitted_on: 2023-01-20\n      as_of: 2023-01-21\n", "as_of",
     "The figures cannot be as of 2023-01-21, after the notice was submitted on 2023-01-20."),
    ("    - kind: fcc_certification\n      submitted_on: 2026-07-31\n      satellites_declared: 5\n"
     "      satellites_per_plane: [2, 2]\n", "satellites_per_plane",
     "The planes add up to 4 satellites, not the 5 declared."),
    ("    - kind: fcc_certification\n      submitted_on: 2026-07-31\n      total_after: 3\n", "total_after",
     "Only a Res. 35 modification (resolves 11 or 21) sets the total number of satellites after it."),
    ("    - kind: fcc_certification\n      submitted_on: not-a-date\n", "submitted_on",
     "'not-a-date' is not a date (YYYY-MM-DD)"),
    ("    - kind: fcc_certification\n", "submitted_on", "is required"),
    ("    - kind: fcc_certification\n      submitted_on: 2026-07-31\n      colour: red\n", "colour", "unknown field"),
    ("    - kind: [fcc_certification]\n      submitted_on: 2026-07-31\n", "kind",
     "expected text, got ['fcc_certification']"),
    ("    - kind: fcc_certification\n      submitted_on: 2026-07-31\n"
     "    - kind: fcc_certification\n      submitted_on: 2026-07-31\n", "submitted_on",
     "a fcc_certification submitted 2026-07-31 under 'no provision' appears twice"),
])
def test_the_loader_names_file_line_and_field(data_dir, item, field, message):
    with_notices(data_dir, "  notices:\n" + item)
    with pytest.raises(ReferenceDataError) as error:
        load_reference(data_dir)
    assert any(f"(kuiper-gen1 notices): {field}: {message}" in p and p.startswith("filings.yaml, line ")
               for p in error.value.problems), error.value.problems


def test_the_shipped_dataset_loads_its_notices_twice_unchanged():
    load_reference()
    count = FilingNotice.objects.count()
    report = load_reference()
    assert report.counts[("FilingNotice", "created")] == report.counts[("FilingNotice", "updated")] == 0
    assert FilingNotice.objects.count() == count


# -- facts_for: the rules core gets them, in the order submitted -----------------------------------------------

def test_facts_for_hands_the_rules_core_every_notice_in_the_order_submitted(filings):
    ctc = filings["itu"]
    report = FilingNotice.objects.create(filing=ctc, kind="res35_report", submitted_on=D(2025, 12, 30),
                                         provision="resolves 2", as_of=D(2025, 12, 29), satellites_declared=3,
                                         satellites_per_plane=[1, 2])
    modification = FilingNotice.objects.create(filing=ctc, kind="res35_modification", submitted_on=D(2026, 3, 1),
                                               provision="resolves 11 a)", total_after=30)
    first = FilingNotice.objects.create(filing=ctc, kind="biu_notice", submitted_on=D(2025, 12, 29),
                                        provision="No. 11.44C", as_of=D(2025, 12, 29))
    FilingNotice.objects.create(filing=filings["fcc"], kind="bond_posting", submitted_on=D(2020, 8, 28))
    facts = facts_for(filings_for_evaluation().get(pk=ctc.pk))
    assert facts.notices == (
        Notice("biu_notice", D(2025, 12, 29), "No. 11.44C", D(2025, 12, 29)),
        Notice("res35_report", D(2025, 12, 30), "resolves 2", D(2025, 12, 29), 3, (1, 2)),
        Notice("res35_modification", D(2026, 3, 1), "resolves 11 a)", None, None, (), 30),
    )
    assert facts.notices_of("res35_report") == (report.to_fact(),)
    assert facts.notices_of("res35_modification", on_or_before=D(2026, 2, 28)) == ()
    assert facts.notices_of("res35_modification", on_or_before=D(2026, 3, 1)) == (modification.to_fact(),)
    assert facts.notices[0] == first.to_fact()


def test_facts_for_reads_the_prefetched_notices_without_a_query(filings, django_assert_num_queries):
    FilingNotice.objects.create(filing=filings["itu"], kind="biu_notice", submitted_on=D(2025, 12, 29))
    filing = filings_for_evaluation().get(pk=filings["itu"].pk)
    with django_assert_num_queries(0):
        assert len(facts_for(filing).notices) == 1


def test_a_filing_without_notices_has_none(filings):
    assert facts_for(filings_for_evaluation().get(pk=filings["fcc"].pk)).notices == ()
