"""Who may open what: every URL pattern and every admin model, for anonymous, reader (signed in, in no group),
editor (group "editors"), staff (is_staff, no model permissions) and, in the admin, a superuser.

The matrices are complete by construction: a URL pattern or an admin model added without a row here fails
``test_every_url_pattern_is_in_the_matrix`` / ``test_every_admin_model_is_in_the_matrix``. The API's own
endpoints (the /api/v1/ router) are in tests/api/test_permissions.py; this file checks that each of them is
there.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.security.conftest import ROLES

pytestmark = pytest.mark.django_db


@dataclass
class Check:
    method: str
    url: Callable[[dict], str]
    expect: dict  # role -> status
    html: bool = False  # a page a browser shows (opened by test_csp_browser.py)
    private: dict | None = None  # with SLOTWATCH_PUBLIC_READ off, where it differs
    data: dict = field(default_factory=dict)
    to_sign_in: bool = True  # an anonymous 302 goes to the sign-in page


def const(url):
    return lambda world: url


def statuses(anonymous, reader, editor, staff):
    return {"anonymous": anonymous, "reader": reader, "editor": editor, "staff": staff}


PUBLIC = statuses(200, 200, 200, 200)
MEMBERS = statuses(302, 200, 200, 200)  # anonymous: redirected to sign in
OWNER = statuses(302, 200, 404, 404)  # the reader owns it; someone else's is a 404, not a 403
OWNER_POST = statuses(302, 302, 404, 404)  # done, then redirected
POST_ONLY = statuses(302, 405, 405, 405)  # sign-in first, then the method
API_PUBLIC = statuses(200, 200, 200, 200)
API_PRIVATE = statuses(401, 200, 200, 200)
ENGINE = "/api/v1/engine/shell/?altitude_km=550&inclination_deg=53&start=2026-01-01&end=2026-01-03&step_minutes=720"

# URL name -> the requests made to it and the status each role gets.
MATRIX = {
    "home": [Check("GET", const("/"), PUBLIC, html=True, private=MEMBERS)],
    "dashboard:shells": [Check("GET", const("/shells/"), PUBLIC, html=True, private=MEMBERS)],
    "dashboard:compute": [Check("GET", const("/compute/"), PUBLIC, html=True, private=MEMBERS)],
    "dashboard:timeline": [Check("GET", const("/timeline/?administration=USA"), PUBLIC, html=True, private=MEMBERS)],
    "dashboard:administration": [Check("GET", const("/administrations/USA/"), PUBLIC, html=True, private=MEMBERS)],
    "dashboard:operator": [Check("GET", lambda w: f"/operators/{w['kuiper'].operator.key}/", PUBLIC, html=True,
                                 private=MEMBERS)],
    "dashboard:compare": [Check("GET", lambda w: f"/compare/?filings={w['kuiper'].key},{w['starlink'].key}", PUBLIC,
                                html=True, private=MEMBERS)],
    "filings:list": [Check("GET", const("/filings/"), PUBLIC, html=True, private=MEMBERS)],
    "dashboard:constellation": [
        Check("GET", lambda w: f"/constellations/{w['kuiper'].constellation_id}/", PUBLIC, html=True, private=MEMBERS),
        Check("GET", const("/constellations/999999/"), statuses(404, 404, 404, 404), private=statuses(302, 404, 404, 404)),
    ],
    "filings:detail": [
        Check("GET", lambda w: w["kuiper"].get_absolute_url(), PUBLIC, html=True, private=MEMBERS),
        Check("GET", lambda w: w["kuiper"].get_absolute_url() + "?rate=150&start=2027-01-01", PUBLIC, html=True),
    ],
    "engine-shell": [Check("GET", const(ENGINE), API_PUBLIC, private=API_PRIVATE)],
    "alerts:list": [Check("GET", const("/alerts/"), MEMBERS, html=True)],
    "alerts:new": [
        Check("GET", const("/alerts/new/"), MEMBERS, html=True),
        Check("POST", const("/alerts/new/"), statuses(302, 302, 302, 302),
              data={"all_filings": "on", "lead_times": "30", "delivery_mode": "immediate", "time_zone": "UTC"}),
    ],
    "alerts:edit": [Check("GET", lambda w: f"/alerts/{w['subscription'].pk}/", OWNER, html=True)],
    "alerts:delete": [
        Check("GET", lambda w: f"/alerts/{w['subscription'].pk}/delete/", POST_ONLY),
        Check("POST", lambda w: f"/alerts/{w['subscription'].pk}/delete/", OWNER_POST),
    ],
    "alerts:pause": [
        Check("GET", lambda w: f"/alerts/{w['subscription'].pk}/pause/", POST_ONLY),
        Check("POST", lambda w: f"/alerts/{w['subscription'].pk}/pause/", OWNER_POST),
    ],
    "alerts:resume": [
        Check("GET", lambda w: f"/alerts/{w['subscription'].pk}/resume/", POST_ONLY),
        Check("POST", lambda w: f"/alerts/{w['subscription'].pk}/resume/", OWNER_POST),
    ],
    "alerts:test": [
        Check("GET", lambda w: f"/alerts/{w['subscription'].pk}/test/", POST_ONLY),
        Check("POST", lambda w: f"/alerts/{w['subscription'].pk}/test/", OWNER_POST),
    ],
    "alerts:confirm": [  # the signed link sent to the address is the credential
        Check("GET", lambda w: f"/alerts/confirm/{w['confirm_token']}/", PUBLIC, html=True),
        Check("GET", const("/alerts/confirm/forged-token/"), statuses(404, 404, 404, 404)),
        Check("POST", lambda w: f"/alerts/confirm/{w['confirm_token']}/", PUBLIC),
    ],
    "alerts:unsubscribe": [  # the signed token is the credential: anyone holding the link
        Check("GET", lambda w: f"/alerts/unsubscribe/{w['unsubscribe_token']}/", PUBLIC, html=True),
        Check("GET", const("/alerts/unsubscribe/forged-token/"), statuses(404, 404, 404, 404)),
        Check("POST", lambda w: f"/alerts/unsubscribe/{w['unsubscribe_token']}/", PUBLIC),
    ],
    "api-root": [Check("GET", const("/api/v1/"), API_PUBLIC, private=API_PRIVATE)],
    "api-schema": [Check("GET", const("/api/schema/"), API_PUBLIC, private=API_PUBLIC)],  # the shape, not data
    "api-docs": [Check("GET", const("/api/docs/"), PUBLIC, html=True, private=PUBLIC)],
    "accounts:login": [Check("GET", const("/account/login/"), PUBLIC, html=True, private=PUBLIC)],
    "accounts:logout": [
        Check("GET", const("/account/logout/"), statuses(405, 405, 405, 405)),
        Check("POST", const("/account/logout/"), statuses(302, 302, 302, 302), to_sign_in=False),
    ],
    "accounts:tokens": [
        Check("GET", const("/account/tokens/"), MEMBERS, html=True),
        Check("POST", const("/account/tokens/"), MEMBERS, data={"name": "a script"}),
    ],
    "accounts:revoke-token": [
        Check("GET", lambda w: f"/account/tokens/{w['token'].pk}/revoke/", OWNER, html=True),  # asks first
        Check("POST", lambda w: f"/account/tokens/{w['token'].pk}/revoke/", OWNER_POST),
    ],
}
# URL names the router makes for the API's endpoints: "<basename>-list", "-detail", "-<action>", and its root.
ROUTER_SUFFIXES = ("-list", "-detail")


def url_names(patterns=None, namespace=None):
    """Every named URL pattern as (qualified name, route), the admin's excepted (see ADMIN_SITE_NAMES)."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin":
                continue
            inner = namespace if entry.namespace is None else ":".join(filter(None, (namespace, entry.namespace)))
            yield from url_names(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern):
            assert entry.name, f"unnamed URL pattern {entry.pattern}: name it and add it to the matrix"
            yield ":".join(filter(None, (namespace, entry.name))), str(entry.pattern)


def router_basenames():
    from slotwatch.api_urls import router

    return {basename for _, _, basename in router.registry}


def test_every_url_pattern_is_in_the_matrix():
    from tests.api.test_permissions import MATRIX as API_MATRIX

    basenames = router_basenames()
    assert basenames == set(API_MATRIX), "an API endpoint is missing from tests/api/test_permissions.py"
    missing = []
    for name, route in url_names():
        if name in MATRIX:
            continue
        base = name.rsplit("-", 1)[0]
        if base in basenames:  # a router route: the API matrix covers list, detail and every extra action
            continue
        missing.append(f"{name} ({route})")
    assert not missing, f"add these URL patterns to MATRIX in {__file__}: {missing}"
    stale = set(MATRIX) - {name for name, _ in url_names()}
    assert not stale, f"MATRIX names URL patterns that no longer exist: {stale}"


def client_for(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


CHECKS = [(name, i) for name in sorted(MATRIX) for i in range(len(MATRIX[name]))]
# Mutating requests run the owner (reader) last, so the others try while the object still exists.
ORDER = ("anonymous", "editor", "staff", "reader")


def run_check(check, cast, world):
    got = {}
    for role in ORDER:
        client = client_for(cast[role])
        url = check.url(world)
        response = client.get(url) if check.method == "GET" else client.post(url, check.data)
        got[role] = response.status_code
        if response.status_code == 302 and check.to_sign_in and role == "anonymous":
            assert response["Location"].startswith(reverse("accounts:login")), (url, response["Location"])
    return got


@pytest.mark.parametrize("name, index", CHECKS)
def test_pages(cast, world, name, index):
    check = MATRIX[name][index]
    assert run_check(check, cast, world) == check.expect


@pytest.mark.parametrize("name, index", [(n, i) for n, i in CHECKS if MATRIX[n][i].private])
def test_pages_when_public_read_is_off(cast, world, settings, name, index):
    settings.SLOTWATCH_PUBLIC_READ = False
    check = MATRIX[name][index]
    assert run_check(check, cast, world) == check.private


def html_pages(world, role: str) -> list[str]:
    """The pages a role can open (status 200), for the browser test; superusers see what staff see."""
    column = "staff" if role == "superuser" else role
    return [check.url(world) for name in sorted(MATRIX) for check in MATRIX[name]
            if check.html and check.method == "GET" and check.expect[column] == 200]


# -- the admin ------------------------------------------------------------------------------------------------

ADMIN_ROLES = (*ROLES, "superuser")
FULL = {"changelist": 200, "add": 200, "change": 200, "delete": 200}
READ_ONLY = {"changelist": 200, "add": 403, "change": 200, "delete": 200}  # change shows the record read-only
VIEW_ONLY = {"changelist": 200, "add": 403, "change": 200, "delete": 403}
# What a superuser may do with each registered model (the ModelAdmins' has_*_permission). Anonymous, reader and
# editor are sent to the admin's sign-in page (302); staff without model permissions get 403 everywhere.
ADMIN_MATRIX = {
    "auth.Group": FULL,
    "auth.User": FULL,
    "django_celery_beat.PeriodicTask": FULL,
    "django_celery_beat.ClockedSchedule": FULL,
    "django_celery_beat.CrontabSchedule": FULL,
    "django_celery_beat.SolarSchedule": FULL,
    "django_celery_beat.IntervalSchedule": FULL,
    "filings.Source": FULL,
    "filings.Administration": FULL,
    "filings.Operator": FULL,
    "filings.Filing": FULL,
    "filings.FilingShell": FULL,
    "filings.FrequencyBand": FULL,
    "filings.MilestoneCondition": FULL,
    "filings.Waiver": FULL,
    "filings.FilingNotice": FULL,
    "filings.ItuListEntry": READ_ONLY,  # from import_itu
    "constellations.Constellation": FULL,
    "constellations.DeploymentReport": FULL,
    "constellations.FilingAssignment": FULL,
    "constellations.SpaceObject": READ_ONLY,  # from import_catalog
    "constellations.MembershipRule": FULL,
    "constellations.CatalogImport": READ_ONLY,
    "constellations.SyncRecord": READ_ONLY,  # written by manage.py sync
    "compliance.Milestone": READ_ONLY,  # computed by the rules core
    "compliance.FilingScore": FULL | {"add": 403},
    "alerts.Subscription": FULL,
    "alerts.Delivery": READ_ONLY,
    "alerts.Alert": READ_ONLY,
    "accounts.Token": FULL,
    "changelog.ChangeRecord": VIEW_ONLY,  # the audit trail: nobody edits or deletes it
}
# Admin URL names that are not a model's changelist/add/change/delete/history, and what each role gets.
SIGN_IN = {"anonymous": 302, "reader": 302, "editor": 302}
ADMIN_SITE_NAMES = {
    "index": {**SIGN_IN, "staff": 200, "superuser": 200},
    "login": {"anonymous": 200, "reader": 200, "editor": 200, "staff": 302, "superuser": 302},
    "logout": None,  # POST only; Django's
    "password_change": {**SIGN_IN, "staff": 200, "superuser": 200},
    "password_change_done": {**SIGN_IN, "staff": 200, "superuser": 200},
    "autocomplete": None,  # asks for a model and field; permission-checked per model by Django
    "jsi18n": {**SIGN_IN, "staff": 200, "superuser": 200},
    "view_on_site": None,  # a redirect to the object's public page
    "app_list": {**SIGN_IN, "staff": 404, "superuser": 200},  # staff with no model of the app: 404
    "auth_user_password_change": {**SIGN_IN, "staff": 403, "superuser": 200},
}
ACTIONS = ("changelist", "add", "change", "delete", "history")


def admin_models():
    return {model._meta.label: model for model in admin.site._registry}


def test_every_admin_model_is_in_the_matrix():
    assert set(admin_models()) == set(ADMIN_MATRIX), "add the new admin model to ADMIN_MATRIX"
    prefixes = {f"{m._meta.app_label}_{m._meta.model_name}" for m in admin_models().values()}
    standard = {f"{prefix}_{action}" for prefix in prefixes for action in ACTIONS}
    names = set()

    def walk(patterns):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns)
            elif entry.name:
                names.add(entry.name)

    walk(admin.site.urls[0])
    extra = names - standard - set(ADMIN_SITE_NAMES)
    assert not extra, f"admin views not in the matrix (ADMIN_SITE_NAMES): {sorted(extra)}"


def admin_url(model, action, obj=None):
    name = f"admin:{model._meta.app_label}_{model._meta.model_name}_{action}"
    return reverse(name, args=[obj.pk] if action in ("change", "delete", "history") else [])


@pytest.mark.parametrize("label", sorted(ADMIN_MATRIX))
def test_admin(cast, world, label):
    model = admin_models()[label]
    obj = model._default_manager.order_by("pk").first()
    assert obj is not None, f"add a {label} to build_world() in tests/security/conftest.py"
    expected, got = {}, {}
    for role in ADMIN_ROLES:
        client = client_for(cast[role])
        for action in ("changelist", "add", "change", "delete"):
            url = admin_url(model, action, obj)
            response = client.get(url)
            got[role, action] = response.status_code
            if role == "superuser":
                expected[role, action] = ADMIN_MATRIX[label][action]
            elif role == "staff":
                expected[role, action] = 403
            else:
                expected[role, action] = 302
                assert response["Location"].startswith(reverse("admin:login")), url
    assert got == expected


@pytest.mark.parametrize("name", sorted(n for n, e in ADMIN_SITE_NAMES.items() if e))
def test_admin_site_pages(cast, world, name):
    args = {"app_list": ["filings"], "auth_user_password_change": [cast["reader"].pk]}.get(name, [])
    url = reverse(f"admin:{name}", args=args)
    got = {role: client_for(cast[role]).get(url).status_code for role in ADMIN_ROLES}
    assert got == ADMIN_SITE_NAMES[name]


def test_admin_writes_need_permission(cast, world):
    """A POST is refused like a GET: staff without permissions cannot change or delete through the admin."""
    from filings.models import Source

    source = Source.objects.order_by("pk").first()
    for role in ("anonymous", "reader", "editor", "staff"):
        client = client_for(cast[role])
        changed = client.post(admin_url(Source, "change", source), {"key": "x", "title": "changed"})
        deleted = client.post(admin_url(Source, "delete", source), {"post": "yes"})
        assert (changed.status_code, deleted.status_code) == ((403, 403) if role == "staff" else (302, 302)), role
        assert Source.objects.filter(pk=source.pk, key=source.key).exists(), role


def admin_pages(world) -> list[str]:
    """Every admin page a superuser can open, for the browser test."""
    pages = [reverse("admin:index"), reverse("admin:app_list", args=["filings"]),
             reverse("admin:password_change")]
    for label, model in sorted(admin_models().items()):
        obj = model._default_manager.order_by("pk").first()
        for action in ("changelist", "add", "change", "delete", "history"):
            if ADMIN_MATRIX[label].get(action, 200) == 200:
                pages.append(admin_url(model, action, obj))
    return pages
