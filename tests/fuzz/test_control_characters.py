"""Control characters in text (issue 18): refused with a message by the models (so by the API, the admin and the
loaders alike) and by the catalog parsers, which break lines at CR and LF only."""

import pytest
from django.contrib.auth.models import Group, User
from django.core.exceptions import ValidationError
from rest_framework.test import APIClient

from constellations.catalog import parse_catalog
from constellations.catalog.records import CatalogRecord, Rejection
from constellations.catalog.text import lines
from constellations.catalog.tle import iter_tle
from filings.models import Source
from tests.factories import FilingFactory, SourceFactory, SpaceObjectFactory

# Every character str.splitlines() breaks at besides CR and LF, and other C0/C1 controls.
HOSTILE = ["\x00", "\x07", "\x0b", "\x0c", "\x1b", "\x1c", "\x1d", "\x1e", "\x7f", "\x85", "\u2028", "\u2029"]
LINE1 = "1 25544U 98067A   08264.51782528 -.00002182  00000-0 -11606-4 0  2927"
LINE2 = "2 25544  51.6416 247.4627 0006703 130.5360 325.0288 15.72125391563537"


# -- models: API, admin, loaders --------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("char", HOSTILE + ["\n", "\t"])
def test_one_line_fields_refuse_control_characters(char):
    source = SourceFactory.build(key="bad", title=f"Order{char}2024")
    with pytest.raises(ValidationError) as refused:
        source.full_clean()
    assert f"U+{ord(char):04X} at position 6" in refused.value.message_dict["title"][0]


@pytest.mark.django_db
def test_notes_keep_line_breaks_but_not_other_controls():
    filing = FilingFactory()
    filing.notes = "first line\r\nsecond\tline"
    filing.full_clean()
    filing.notes = "bell\x07"
    with pytest.raises(ValidationError) as refused:
        filing.full_clean()
    assert "U+0007" in refused.value.message_dict["notes"][0]


@pytest.mark.django_db
def test_satellite_names_refuse_control_characters():
    obj = SpaceObjectFactory.build(name="STARLINK\x0b1")
    with pytest.raises(ValidationError) as refused:
        obj.full_clean(exclude=["constellation", "shell"])
    assert "U+000B" in refused.value.message_dict["name"][0]


@pytest.fixture
def editor(db):
    user = User.objects.create_user("editor", password="a long test password 7")
    user.groups.add(Group.objects.get_or_create(name="editors")[0])
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.mark.parametrize("char", ["\x0b", "\x85", "\u2028"])
def test_the_api_answers_400_naming_the_field(editor, char):
    payload = {"key": "ctl", "url": "https://example.org/x", "title": f"A{char}B", "publisher": "X"}
    response = editor.post("/api/v1/sources/", payload, format="json")
    assert response.status_code == 400
    assert f"U+{ord(char):04X}" in response.json()["title"][0]
    assert not Source.objects.filter(key="ctl").exists()


def test_the_admin_says_the_same(db):
    from django.test import Client

    root = User.objects.create_superuser("root", "root@example.org", "a long test password 7")
    client = Client()
    client.force_login(root)
    response = client.post("/admin/filings/source/add/", {
        "key": "ctl", "url": "https://example.org/x", "title": "A\x1bB", "publisher": "X",
    })
    assert response.status_code == 200 and "Remove the control character U+001B" in response.content.decode()
    assert not Source.objects.filter(key="ctl").exists()


# -- catalog parsers ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("char", HOSTILE)
def test_lines_break_at_cr_and_lf_only(char):
    assert lines(f"a{char}b\r\nc\rd\n") == [f"a{char}b", "c", "d"]


@pytest.mark.parametrize("char", [c for c in HOSTILE if c != "\x00"])
def test_a_tle_name_with_a_control_character_is_refused_and_blamed(char):
    text = f"OK SAT\n{LINE1}\n{LINE2}\nBAD{char}SAT\n{LINE1}\n{LINE2}\n"
    results = list(iter_tle(text))
    records = [r for r in results if isinstance(r, CatalogRecord)]
    rejections = [r for r in results if isinstance(r, Rejection)]
    assert [(r.name, r.line) for r in records] == [("OK SAT", 1)]
    assert [(r.line, r.norad_id) for r in rejections] == [(4, 25544)]  # the name line, not line 1 or line 2
    assert rejections[0].reason == f"name line has a control character U+{ord(char):04X} at column 4"


def test_a_control_character_inside_an_element_line_blames_that_line():
    broken = LINE1[:40] + "\x0c" + LINE1[41:]
    rejections = [r for r in iter_tle(f"SAT\n{broken}\n{LINE2}\n") if isinstance(r, Rejection)]
    assert rejections[0].line == 2 and rejections[0].reason.startswith("element line has a control character U+000C")


def test_satcat_csv_names_with_control_characters_are_refused_with_their_row():
    header = "OBJECT_NAME,OBJECT_ID,NORAD_CAT_ID,OBJECT_TYPE,OPS_STATUS_CODE,OWNER,LAUNCH_DATE,LAUNCH_SITE,DECAY_DATE"
    rows = ["STARLINK-1,2019-074A,44713,PAY,+,US,2019-11-11,AFETR,",
            "STAR\u2028LINK-2,2019-074B,44714,PAY,+,US,2019-11-11,AFETR,"]
    result = parse_catalog(("\n".join([header, *rows]) + "\n").encode())
    assert [r.norad_id for r in result.records] == [44713]
    assert len(result.rejections) == 1 and "OBJECT_NAME has a control character U+2028" in result.rejections[0].reason
