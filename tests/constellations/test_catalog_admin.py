import io

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from constellations.models import CatalogImport, MembershipRule, SpaceObject

from .catalog_helpers import TLE_SLICE

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, constellations):
    User.objects.create_superuser("admin", "a@example.org", "a-long-password-1")
    client.login(username="admin", password="a-long-password-1")
    call_command("import_catalog", str(TLE_SLICE), stdout=io.StringIO(), stderr=io.StringIO())
    return client


def test_catalog_admin_pages(admin_client):
    obj = SpaceObject.objects.filter(constellation__key="kuiper").first()
    for url in ("/admin/constellations/spaceobject/", f"/admin/constellations/spaceobject/?q={obj.pk}",
                "/admin/constellations/spaceobject/?q=KUIPER&orbit_state__exact=on_station",
                f"/admin/constellations/spaceobject/{obj.pk}/change/",
                "/admin/constellations/membershiprule/", "/admin/constellations/catalogimport/",
                f"/admin/constellations/catalogimport/{CatalogImport.objects.get().pk}/change/"):
        response = admin_client.get(url)
        assert response.status_code == 200, url
    assert obj.name.encode() in admin_client.get(f"/admin/constellations/spaceobject/?q={obj.pk}").content


def test_override_in_the_admin_recomputes(admin_client, constellations):
    stray = SpaceObject.objects.filter(constellation__isnull=True).first()
    response = admin_client.post("/admin/constellations/membershiprule/add/", {
        "constellation": constellations["oneweb"].pk, "kind": "norad", "pattern": str(stray.pk), "notes": "test"})
    assert response.status_code == 302
    stray.refresh_from_db()
    assert stray.constellation.key == "oneweb" and stray.membership_basis == "override"
    bad = admin_client.post("/admin/constellations/membershiprule/add/", {
        "constellation": constellations["oneweb"].pk, "kind": "name_regex", "pattern": "([", "notes": ""})
    assert bad.status_code == 200 and not MembershipRule.objects.filter(pattern="([").exists()
