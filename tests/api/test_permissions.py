"""Who may do what on every endpoint. A route added to the router without a row here fails the suite."""

import pytest
from django.test import override_settings

from slotwatch.api_urls import router
from tests.api.conftest import filing_payload

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "reader", "editor", "staff")
READ = {"anonymous": 200, "reader": 200, "editor": 200, "staff": 200}
MEMBERS_READ = {"anonymous": 401, "reader": 200, "editor": 200, "staff": 200}
EDITOR_WRITE = {"anonymous": 401, "reader": 403, "editor": "ok", "staff": "ok"}
STAFF_WRITE = {"anonymous": 401, "reader": 403, "editor": 403, "staff": "ok"}
# permissions are checked before the method: only staff learn that the method does not exist
NO_WRITE = {"anonymous": 401, "reader": 403, "editor": 403, "staff": 405}
STAFF_DELETE = {"anonymous": 401, "reader": 403, "editor": 403, "staff": 204}

# basename -> {action: expected status per role}; "ok" is 201 for create and 200 for update.
MATRIX = {
    "filing": {"read": READ, "write": EDITOR_WRITE, "delete": STAFF_DELETE, "changes": MEMBERS_READ},
    "filingshell": {"read": READ, "write": EDITOR_WRITE, "delete": STAFF_DELETE},
    "filingnotice": {"read": READ, "write": EDITOR_WRITE, "delete": STAFF_DELETE},
    "source": {"read": READ, "write": EDITOR_WRITE, "delete": STAFF_DELETE},
    "administration": {"read": READ, "write": STAFF_WRITE, "delete": STAFF_DELETE},
    "operator": {"read": READ, "write": STAFF_WRITE, "delete": STAFF_DELETE},
    "constellation": {"read": READ, "write": STAFF_WRITE, "delete": STAFF_DELETE},
    "changerecord": {"read": MEMBERS_READ, "write": NO_WRITE, "delete": NO_WRITE},
    "milestone": {"read": READ, "write": NO_WRITE, "delete": NO_WRITE},
    "filingscore": {"read": READ, "write": NO_WRITE, "delete": NO_WRITE},
    "spaceobject": {"read": READ, "write": NO_WRITE, "delete": NO_WRITE},
    # import logs (file names, rejected rows) are operational records, not published data
    "catalogimport": {"read": MEMBERS_READ, "write": NO_WRITE, "delete": NO_WRITE},
    "syncrecord": {"read": MEMBERS_READ, "write": NO_WRITE, "delete": NO_WRITE},
}
# Extra read actions on a detail: basename -> {action: expected status per role}.
MATRIX["filing"].update(milestones=READ, deployment=READ)
MATRIX["constellation"].update(deployment=READ, attribution=READ)
ACTION_TARGETS = {"filing": "kuiper", "constellation": "constellation"}


def new_record(basename, registry, n):
    """A valid new record for each endpoint, and the object a detail URL points at."""
    return {
        "filing": (filing_payload(key=f"perm-{n}"), registry["oneweb"]),
        "filingshell": ({"filing": "ctc-1", "ordinal": 10 + n, "altitude_km": 1000}, registry["kuiper"].shells.last()),
        "filingnotice": ({"filing": "ctc-1", "kind": "res35_report", "submitted_on": f"2026-01-{10 + n}",
                          "provision": "resolves 7 a)"}, registry["notice"]),
        "source": ({"key": f"perm-{n}", "url": "https://example.org/a", "title": "A"}, registry["sources"][2]),
        "administration": ({"iso_code": f"X{'ABCD'[n]}A", "name": "Somewhere"}, registry["uk"]),
        "operator": ({"key": f"perm-{n}", "name": "Op", "short_name": "Op"}, registry["operator"]),
        "constellation": ({"key": f"perm-{n}", "name": "C"}, registry["constellation"]),
        "changerecord": ({"action": "create"}, None),
        "milestone": ({"code": "fcc_m50"}, registry["milestone"]),
        "filingscore": ({"total": 1}, registry["score"]),
        "spaceobject": ({"norad_id": 1}, registry["space_object"]),
        "catalogimport": ({"file_name": "x"}, registry["catalog_import"]),
        "syncrecord": ({"url": "x"}, registry["sync_record"]),
    }[basename]


def test_every_route_is_in_the_matrix():
    registered = {basename for _, _, basename in router.registry}
    assert registered == set(MATRIX), "add the new endpoint's permissions to MATRIX"
    for _, viewset, basename in router.registry:
        extra = {action.__name__ for action in viewset.get_extra_actions()}
        assert extra == set(MATRIX[basename]) - {"read", "write", "delete"}, basename


def expected(status, ok):
    return ok if status == "ok" else status


def list_url(basename):
    prefix = next(prefix for prefix, _, name in router.registry if name == basename)
    return f"/api/v1/{prefix}/"


@pytest.mark.parametrize("basename", sorted(MATRIX))
def test_read(clients, registry, staff_client, basename):
    url = list_url(basename)
    if basename == "changerecord":  # make one change so there is a record to read
        staff_client.patch(f"/api/v1/filings/{registry['ctc'].pk}/", {"notes": "checked"}, format="json")
    for role in ROLES:
        response = clients[role].get(url)
        assert response.status_code == MATRIX[basename]["read"][role], (role, response.content[:200])
        if response.status_code == 200:
            first = response.json()["results"][0]
            detail = clients[role].get(f"{url}{first['id']}/")
            assert detail.status_code == 200, role


@pytest.mark.parametrize("basename", sorted(MATRIX))
def test_write(clients, registry, basename):
    url = list_url(basename)
    for n, role in enumerate(ROLES):
        payload, target = new_record(basename, registry, n)
        created = clients[role].post(url, payload, format="json")
        assert created.status_code == expected(MATRIX[basename]["write"][role], 201), (role, created.content[:300])
        target_url = f"{url}{target.pk}/" if target else f"{url}1/"
        changed = clients[role].patch(target_url, {"notes": f"by {role}"}, format="json")
        assert changed.status_code == expected(MATRIX[basename]["write"][role], 200), (role, changed.content[:300])


@pytest.mark.parametrize("basename", sorted(MATRIX))
def test_delete(clients, registry, basename):
    url = list_url(basename)
    for role in ROLES:
        _, target = new_record(basename, registry, 0)
        if target is None:
            target_url = f"{url}1/"
        else:
            target_url = f"{url}{target.pk}/"
        status = MATRIX[basename]["delete"][role]
        if basename in ("administration", "operator") and status == 204:
            status = 409  # filings depend on these (PROTECT): the permission passed, the delete is refused
        response = clients[role].delete(target_url)
        assert response.status_code == status, (role, response.content[:300])


@pytest.mark.parametrize("basename", sorted(MATRIX))
def test_changes_action(clients, registry, basename):
    if "changes" not in MATRIX[basename]:
        return
    url = f"{list_url(basename)}{registry['kuiper'].pk}/changes/"
    for role in ROLES:
        assert clients[role].get(url).status_code == MATRIX[basename]["changes"][role], role


@pytest.mark.parametrize("basename, action", [(b, a) for b in sorted(MATRIX) for a in sorted(MATRIX[b])
                                               if a not in ("read", "write", "delete", "changes")])
def test_read_actions(clients, registry, basename, action):
    url = f"{list_url(basename)}{registry[ACTION_TARGETS[basename]].pk}/{action}/"
    for role in ROLES:
        response = clients[role].get(url)
        assert response.status_code == MATRIX[basename][action][role], (role, response.content[:300])
    with override_settings(SLOTWATCH_PUBLIC_READ=False):
        assert clients["anonymous"].get(url).status_code == 401


@override_settings(SLOTWATCH_PUBLIC_READ=False)
@pytest.mark.parametrize("basename", sorted(MATRIX))
def test_nothing_is_public_when_public_read_is_off(clients, registry, basename):
    assert clients["anonymous"].get(list_url(basename)).status_code == 401
    assert clients["reader"].get(list_url(basename)).status_code == 200


def test_anonymous_refusal_says_how_to_authenticate(clients, registry):
    response = clients["anonymous"].post("/api/v1/filings/", filing_payload(), format="json")
    assert response.status_code == 401 and response["WWW-Authenticate"] == "Token"


def test_session_users_need_csrf_for_writes(users, registry):
    from rest_framework.test import APIClient

    client = APIClient(enforce_csrf_checks=True)
    client.force_login(users["editor"])
    assert client.get("/api/v1/filings/").status_code == 200
    assert client.post("/api/v1/filings/", filing_payload(), format="json").status_code == 403
