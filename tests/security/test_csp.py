"""The Content-Security-Policy header: on every response, strict, with the plotly.js exception on figure pages only."""

import re

import pytest
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from slotwatch.security import ContentSecurityPolicyMiddleware, csp_update, policy_header

pytestmark = pytest.mark.django_db

STRICT = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
          "base-uri 'self'; frame-ancestors 'none'; form-action 'self'")
PLOTLY_PAGES = STRICT.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")


def directives(header):
    return dict(part.strip().split(" ", 1) for part in header.split(";"))


@pytest.mark.parametrize("url", ["/account/login/", "/admin/login/", "/api/v1/", "/api/docs/", "/api/docs/?script",
                                 "/api/schema/", "/no-such-page/", "/static/js/figures.js", "/static/css/slotwatch.css"])
def test_every_response_has_the_strict_policy(client, url):
    response = client.get(url)
    assert response["Content-Security-Policy"] == STRICT, url


@pytest.mark.parametrize("url", ["/", "/shells/", "/compute/"])
def test_pages_that_load_plotly_allow_inline_styles_and_nothing_else(client, url):
    from tests.web.dataset import build_small

    build_small()
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == PLOTLY_PAGES
    policy = directives(response["Content-Security-Policy"])
    assert policy["script-src"] == "'self'"
    page = response.content.decode()
    for attrs, body in re.findall(r"<script([^>]*)>(.*?)</script>", page, re.S):  # no inline script
        assert "src=" in attrs or 'type="application/json"' in attrs, attrs


def test_the_filings_page_draws_no_chart_and_keeps_the_strict_policy(client):
    from tests.web.dataset import build_small

    build_small()
    response = client.get("/filings/")
    assert response.status_code == 200 and response["Content-Security-Policy"] == STRICT


def test_no_inline_script_on_the_docs_and_sign_in_pages(client, cast):
    client.force_login(cast["reader"])
    for url in ("/api/docs/", "/account/login/", "/account/tokens/", "/alerts/", "/alerts/new/"):
        page = client.get(url).content.decode()
        for attrs, body in re.findall(r"<script([^>]*)>(.*?)</script>", page, re.S):
            assert "src=" in attrs or 'type="application/json"' in attrs, (url, attrs)
        assert "<style" not in page and " style=" not in page, url


def test_the_docs_init_script_is_served_as_javascript(client):
    response = client.get("/api/docs/?script")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/javascript")
    assert "SwaggerUIBundle" in response.content.decode()


@override_settings(SLOTWATCH_CSP_REPORT_ONLY=True)
def test_report_only(client):
    response = client.get("/account/login/")
    assert response["Content-Security-Policy-Report-Only"] == STRICT
    assert "Content-Security-Policy" not in response


def test_a_view_can_extend_its_own_policy_and_keep_one_it_set():
    @csp_update(img_src=["https://tiles.example.org"], connect_src=["https://api.example.org"])
    def view(request):
        return HttpResponse("x")

    def own(request):
        response = HttpResponse("x")
        response["Content-Security-Policy"] = "default-src 'none'"
        return response

    request = RequestFactory().get("/")
    policy = directives(ContentSecurityPolicyMiddleware(view)(request)["Content-Security-Policy"])
    assert policy["img-src"] == "'self' data: https://tiles.example.org"
    assert policy["connect-src"] == "'self' https://api.example.org"  # starts from default-src
    assert policy["script-src"] == "'self'"
    assert ContentSecurityPolicyMiddleware(own)(request)["Content-Security-Policy"] == "default-src 'none'"


def test_policy_header_joins_directives():
    assert policy_header({"default-src": ["'self'"], "upgrade-insecure-requests": []}) == (
        "default-src 'self'; upgrade-insecure-requests")
