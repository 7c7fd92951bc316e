"""Filters, search, ordering and pagination; anything they do not understand is a 400, never ignored."""

import django_filters
import pytest
from django.contrib.contenttypes.models import ContentType
from django.db.models import JSONField, ManyToOneRel

from slotwatch.api_urls import router

pytestmark = pytest.mark.django_db

LIST = "/api/v1/filings/"
# Model fields that deliberately have no filter (free text is covered by ?q=).
UNFILTERED = {"notes", "url", "diff", "object_repr"}
# Where a filter is named differently from its field.
FILTER_NAMES = {"sources": "source", "user": "user_id", "user_name": "user", "format": "file_format"}


def keys(client, **params):
    response = client.get(LIST, {"ordering": "key", **params})
    assert response.status_code == 200, response.content
    return [row["key"] for row in response.json()["results"]]


@pytest.mark.parametrize("prefix, viewset, basename", router.registry, ids=[b for _, _, b in router.registry])
def test_every_field_has_a_filter(prefix, viewset, basename):
    """NetBox's test_missing_filters: a new model field without a filter fails here."""
    filters = viewset.filterset_class.get_filters()
    model = viewset.queryset.model
    for field in model._meta.get_fields():
        if isinstance(field, ManyToOneRel) or field.auto_created and not field.concrete or field.name in UNFILTERED:
            continue
        if isinstance(field, JSONField):  # free-form documents (components, notes, rejections): no filter
            continue
        name = FILTER_NAMES.get(field.name, field.name)
        found = {name, f"{name}_min", f"{name}_after"} & set(filters)
        assert found, f"{model.__name__}.{field.name} has no filter in {viewset.filterset_class.__name__}"
        name = FILTER_NAMES.get(field.name, field.name if field.name in filters else f"{field.name}_id")
        if field.is_relation and field.many_to_one and field.related_model is not ContentType:
            assert isinstance(filters[name], django_filters.ModelMultipleChoiceFilter), name


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"regulator": "itu"}, ["ctc-1", "oneweb-l"]),
        ({"regulator": ["itu", "fcc"]}, ["ctc-1", "kuiper-gen1", "oneweb-l"]),
        ({"kind": "itu_cr"}, ["ctc-1"]),
        ({"status": "granted"}, ["kuiper-gen1", "oneweb-l"]),
        ({"administration": "USA"}, ["kuiper-gen1"]),
        ({"administration": ["USA", "GBR"]}, ["kuiper-gen1", "oneweb-l"]),
        ({"operator": "china-satnet"}, ["ctc-1"]),
        ({"constellation": "kuiper"}, ["kuiper-gen1"]),
        ({"res35_applies": "true"}, ["ctc-1"]),
        ({"res35_applies": "false"}, ["oneweb-l"]),
        ({"res35_applies": "unknown"}, ["kuiper-gen1"]),
        ({"date_of_receipt_after": "2019-01-01"}, ["ctc-1", "kuiper-gen1"]),
        ({"date_of_receipt_before": "2019-12-31"}, ["kuiper-gen1", "oneweb-l"]),
        ({"grant_date_after": "2020-01-01", "grant_date_before": "2020-12-31"}, ["kuiper-gen1"]),
        ({"satellites_filed_min": 1000}, ["ctc-1", "kuiper-gen1"]),
        ({"satellites_filed_max": 1000}, ["oneweb-l"]),
        ({"satellites_filed_min": 1000, "satellites_filed_max": 5000}, ["kuiper-gen1"]),
        ({"confidence": "confirmed"}, ["kuiper-gen1"]),
        ({"confidence": ["reported", "estimated"]}, ["ctc-1", "oneweb-l"]),
        ({"source": "itu-sns"}, ["ctc-1"]),
        ({"key": "ctc-1,oneweb-l"}, ["ctc-1", "oneweb-l"]),
        ({"q": "kuiper"}, ["kuiper-gen1"]),
        ({"q": "CHN2025"}, ["ctc-1"]),
        ({"q": "satellite network"}, ["ctc-1"]),
        ({"q": "United Kingdom"}, ["oneweb-l"]),
    ],
)
def test_filings_filters(anon, registry, params, expected):
    assert keys(anon, **params) == expected


def test_id_filters(anon, registry):
    assert keys(anon, administration_id=registry["usa"].pk) == ["kuiper-gen1"]
    assert keys(anon, id=f"{registry['ctc'].pk},{registry['oneweb'].pk}") == ["ctc-1", "oneweb-l"]


def test_shell_filters(anon, registry):
    rows = anon.get("/api/v1/shells/", {"filing": "kuiper-gen1", "altitude_km_min": 600}).json()["results"]
    assert [row["altitude_km"] for row in rows] == [610.0]
    rows = anon.get("/api/v1/shells/", {"administration": "USA", "satellite_count_max": 1000}).json()["results"]
    assert [row["satellite_count"] for row in rows] == [784]


@pytest.mark.parametrize(
    "params, field",
    [
        ({"regulator": "moon"}, "regulator"),
        ({"administration": "XYZ"}, "administration"),
        ({"operator": "nobody"}, "operator"),
        ({"administration_id": "abc"}, "administration_id"),
        ({"res35_applies": "maybe"}, "res35_applies"),
        ({"date_of_receipt_after": "2024-13-01"}, "date_of_receipt"),
        ({"date_of_receipt_before": "yesterday"}, "date_of_receipt"),
        ({"satellites_filed_min": "lots"}, "satellites_filed"),
        ({"id": "a,b"}, "id"),
        ({"ordering": "password"}, "ordering"),
        ({"ordering": "-"}, "ordering"),
        ({"limit": 1001}, "limit"),
        ({"limit": 0}, "limit"),
        ({"limit": -5}, "limit"),
        ({"limit": "ten"}, "limit"),
        ({"offset": -1}, "offset"),
        ({"offset": 10**12}, "offset"),
        ({"q": "a\x00b"}, "q"),
        ({"format": "pdf"}, "format"),
        ({"key": "x\x00"}, "key"),
    ],
)
def test_bad_parameters_are_400_naming_the_parameter(anon, registry, params, field):
    response = anon.get(LIST, params)
    assert response.status_code == 400, response.content
    assert response["Content-Type"].startswith("application/json")
    assert field in response.json()


def test_unknown_administration_filter_message(anon, registry):
    response = anon.get(LIST, {"administration": "XYZ"})
    assert response.json() == {"administration": ["unknown administration 'XYZ'"]}


def test_limit_error_points_to_exports(anon, registry):
    message = anon.get(LIST, {"limit": 5000}).json()["limit"][0]
    assert "between 1 and 1000" in message and "format=csv" in message


@pytest.mark.parametrize(
    "ordering, expected",
    [
        ("satellites_filed", ["oneweb-l", "kuiper-gen1", "ctc-1"]),
        ("-satellites_filed", ["ctc-1", "kuiper-gen1", "oneweb-l"]),
        ("-date_of_receipt", ["ctc-1", "kuiper-gen1", "oneweb-l"]),
        ("administration__iso_code,-name", ["ctc-1", "oneweb-l", "kuiper-gen1"]),
    ],
)
def test_ordering(anon, registry, ordering, expected):
    rows = anon.get(LIST, {"ordering": ordering}).json()["results"]
    assert [row["key"] for row in rows] == expected


def test_pages_cover_the_list_once(anon, registry):
    seen = []
    url = f"{LIST}?limit=1&ordering=status"
    while url:
        page = anon.get(url).json()
        seen += [row["key"] for row in page["results"]]
        url = page["next"]
    assert sorted(seen) == ["ctc-1", "kuiper-gen1", "oneweb-l"]


def test_page_size_limit_is_a_setting(anon, registry, settings):
    settings.SLOTWATCH_API_MAX_PAGE_SIZE = 2
    assert anon.get(LIST, {"limit": 3}).status_code == 400
    assert len(anon.get(LIST, {"limit": 2}).json()["results"]) == 2


def test_format_on_a_detail_is_400(anon, registry):
    response = anon.get(f"{LIST}{registry['kuiper'].pk}/", {"format": "csv"})
    assert response.status_code == 400 and "format" in response.json()


def test_out_of_range_number_with_a_percent_sign_is_a_400(client, db):
    response = client.get("/api/v1/filings/", {"satellites_filed_min": "1" + "0" * 30 + ",5%"})
    assert response.status_code == 400
    assert "is out of range" in str(response.json())


@pytest.mark.parametrize("moment, status", [
    ("0218-02-25T06:15:49.111651-21:44", 200),  # an offset Python takes and PostgreSQL refuses: held in UTC
    ("2026-01-01T00:00:00+15:59", 200),
    ("0001-01-01T00:00:00+01:00", 400),  # before the calendar once in UTC: refused, not a 500
    ("not-a-moment", 400),
])
def test_date_time_filters_take_any_offset_and_query_in_utc(anon, moment, status):
    for url, name in (("/api/v1/milestones/", "evaluated_at_after"), ("/api/v1/space-objects/", "epoch_before"),
                      ("/api/v1/filings/", "updated_at_after")):
        response = anon.get(url, {name: moment})
        assert response.status_code == status, (url, response.content[:300])
