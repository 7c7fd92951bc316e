"""The header and the error pages (issue 17 "forms and chrome"): sign-in, the user's name and a POST sign-out in
the header, "Admin" for staff only, styled 404 and 500 pages."""

import pytest
from django.contrib.auth.models import User
from django.test import Client

pytestmark = pytest.mark.django_db


def header(client, path="/filings/"):
    page = client.get(path).content.decode()
    return page.split("<header", 1)[1].split("</header>", 1)[0]


def test_anonymous_visitors_see_sign_in_and_no_admin(client):
    top = header(client)
    assert 'href="/account/login/?next=/filings/"' in top and "Sign in" in top
    assert "/admin/" not in top and "Sign out" not in top


def test_a_reader_sees_their_name_and_a_post_sign_out_but_no_admin(client):
    client.force_login(User.objects.create_user("reader", "r@example.org", "x", first_name="Ruth", last_name="Reed"))
    top = header(client)
    assert "Ruth Reed" in top and "/admin/" not in top
    form = top.split('action="/account/logout/"')[0].rsplit("<form", 1)[1]
    assert 'method="post"' in form and "csrfmiddlewaretoken" in top


def test_staff_see_admin(client):
    client.force_login(User.objects.create_user("staff", "s@example.org", "x", is_staff=True))
    top = header(client)
    assert 'href="/admin/"' in top and "staff" in top


def test_sign_out_signs_out(client):
    client.force_login(User.objects.create_user("reader", "r@example.org", "x"))
    assert client.post("/account/logout/").status_code == 302
    assert "Sign in" in header(client)


def test_a_missing_page_is_styled(client, settings):
    settings.DEBUG = False
    response = client.get("/no-such-page/")
    page = response.content.decode()
    assert response.status_code == 404
    assert "This page is not here" in page and "css/slotwatch.css" in page and "/no-such-page/" in page


def test_a_server_error_is_styled_and_needs_no_database(settings):
    settings.DEBUG = False
    from django.urls import path

    from slotwatch import urls

    def boom(request):
        raise RuntimeError("boom")

    settings.ROOT_URLCONF = type("U", (), {"urlpatterns": [path("boom/", boom), *urls.urlpatterns]})
    client = Client(raise_request_exception=False)
    response = client.get("/boom/")
    page = response.content.decode()
    assert response.status_code == 500
    assert "Something went wrong on our side" in page and "css/forms.css" in page


def test_with_debug_on_the_apps_pages_still_answer_the_styled_404(client, settings):
    settings.DEBUG = True
    for path in ("/no-such-page/", "/filings/999999/"):
        response = client.get(path)
        page = response.content.decode()
        assert response.status_code == 404, path
        assert "This page is not here" in page and "Using the URLconf" not in page, path


def test_with_debug_on_the_api_keeps_its_json_404(client, settings):
    settings.DEBUG = True
    response = client.get("/api/v1/filings/999999/")
    assert response.status_code == 404 and response["Content-Type"].startswith("application/json")
