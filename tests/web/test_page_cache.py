"""Cached page bodies and figures: built once, retired at once by the data they are built from, and only by it."""

import datetime as dt

import pytest
from django.urls import reverse

from changelog import versions
from compliance.evaluation import refresh_milestones
from tests.web.dataset import TODAY
from tests.web.test_pages import figures_in

pytestmark = pytest.mark.django_db


def test_an_evaluation_moves_the_results_token_and_a_registry_change_the_registry_token(registry):
    registry_token, results_token = versions.current(), versions.current(versions.RESULTS)
    refresh_milestones(TODAY)
    assert versions.current() == registry_token and versions.current(versions.RESULTS) != results_token
    results_token = versions.current(versions.RESULTS)
    shell = registry["kuiper"].shells.first()
    shell.notes = "retimed"
    shell.save()
    assert versions.current() != registry_token and versions.current(versions.RESULTS) == results_token


@pytest.mark.parametrize("url, before, after", [
    ("dashboard:shells", "1,584", "1,440"),  # the shell's satellites
    ("dashboard:compute", "Starlink Gen1", "Starlink Gen1"),  # its sunlit fraction and yields move with the shell
])
def test_body_is_built_once_and_rebuilt_after_a_shell_changes(client, registry, url, before, after,
                                                              django_assert_max_num_queries):
    first = client.get(reverse(url)).content.decode()
    with django_assert_max_num_queries(1):  # the registry token; the body comes from the cache
        assert client.get(reverse(url)).content.decode() == first
    assert before in first
    shell = registry["starlink"].shells.get(ordinal=1)
    shell.altitude_km, shell.satellites_per_plane, shell.satellite_count = 1150, 20, 1440
    shell.save()
    changed = client.get(reverse(url)).content.decode()
    assert after in changed and changed != first


def test_shells_body_is_kept_across_an_evaluation(client, registry, django_assert_max_num_queries):
    client.get(reverse("dashboard:shells"))
    refresh_milestones(TODAY + dt.timedelta(days=1))  # results change; the shells map does not read them
    with django_assert_max_num_queries(1):
        client.get(reverse("dashboard:shells"))


def test_colour_choice_is_its_own_cached_body(client, registry):
    by_operator = figures_in(client.get(reverse("dashboard:shells")).content.decode())["shells-map"]
    by_admin = figures_in(client.get(reverse("dashboard:shells"), {"colour": "administration"}).content.decode())
    assert {"Amazon", "SpaceX"} <= {t["name"] for t in by_operator["data"]}
    assert {"United States", "China"} <= {t["name"] for t in by_admin["shells-map"]["data"]}


def test_race_targets_follow_a_new_evaluation(client, registry):
    def targets():
        race = figures_in(client.get(reverse("home")).content.decode())["race-constellation"]
        return {t["name"]: t for t in race["data"] if t["name"].endswith("milestone targets")}

    before = targets()
    kuiper = before["Kuiper milestone targets"]
    assert len(before) == len({t["name"] for t in before.values()})  # one dashed trace per constellation
    registry["kuiper"].satellites_authorised = 1618  # half: every Kuiper requirement halves
    registry["kuiper"].save()
    refresh_milestones(TODAY)
    after = targets()["Kuiper milestone targets"]
    assert [y for y in after["y"] if y] == [y // 2 for y in kuiper["y"] if y]
