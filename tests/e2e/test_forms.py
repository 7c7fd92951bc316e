"""The alert form and the token page in Chromium at 1440x900 and 390x844: styled, no console errors (the CSP
allows no inline script), nothing wider than a phone, the copy button copies, revoke asks first; screenshots."""

import pytest
from django.contrib.auth.models import User
from django.test import Client

from accounts.models import Token
from tests.e2e.conftest import _open

pytestmark = pytest.mark.django_db(transaction=True)

SIZES = {"desktop": {"width": 1440, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.fixture(params=sorted(SIZES))
def signed_in(request, browser, live_server, bundled):
    user = User.objects.create_user("ana", "ana@example.org", "x-password-ana", first_name="Ana", last_name="Lyst")
    client = Client()
    client.force_login(user)
    context, page = _open(browser, SIZES[request.param])
    host = live_server.url.split("//")[1].split(":")[0]
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "domain": host,
                          "path": "/"}])
    yield page, request.param, user
    context.close()
    assert not page.console.errors, page.console.errors


def fits(page, width):
    scroll = page.evaluate("document.documentElement.scrollWidth")
    wide = page.evaluate(f"""[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > {width}
        && !(e.closest('.table-wrap') && e.closest('.table-wrap') !== e)).slice(0, 6).map(e => e.tagName + '.' + e.className + ':' + e.getBoundingClientRect().right)""")
    assert scroll <= width + 1, f"page is {scroll}px wide on a {width}px screen: {wide}"


def test_alert_form(signed_in, live_server, shoot):
    page, size, _ = signed_in
    page.goto(live_server.url + "/alerts/new/?filing=" + str(_first_filing_pk()))
    assert page.get_by_role("heading", name="New alert subscription").is_visible()
    assert page.get_by_label("Res. 35 M1 (10 %)").count() == 1  # a checkbox with the rule's name
    assert page.locator("select[multiple]").count() == 0
    assert page.locator("input[name=filings]:checked").count() == 1
    # The form is styled: its card has a border and the submit button is the accent colour.
    assert page.locator(".form-card").evaluate("e => getComputedStyle(e).borderTopStyle") == "solid"
    fits(page, SIZES[size]["width"])
    shoot(page, f"alerts-form-{size}")
    page.get_by_label("Res. 35 M1 (10 %)").check()
    page.get_by_role("button", name="Save subscription").click()
    page.wait_for_url(live_server.url + "/alerts/")
    assert page.get_by_text("Subscription saved.").is_visible()
    assert page.get_by_role("button", name="Pause").is_visible()
    assert page.get_by_role("button", name="Send a test").is_visible()
    fits(page, SIZES[size]["width"])
    shoot(page, f"alerts-list-{size}")


def test_token_page(signed_in, live_server, shoot):
    page, size, user = signed_in
    page.goto(live_server.url + "/account/tokens/")
    assert "Ana Lyst" in page.locator("header").inner_text()
    assert page.locator("header").get_by_role("button", name="Sign out").is_visible()
    page.get_by_label("Name").fill("nightly export")
    page.get_by_role("button", name="Create token").click()
    secret = page.locator("#new-token").inner_text()
    assert secret.startswith("sw_")
    page.get_by_role("button", name="Copy").click()
    if page.evaluate("window.isSecureContext"):  # loopback is a secure context: the clipboard API answers
        page.get_by_role("button", name="Copied").wait_for()
    fits(page, SIZES[size]["width"])
    shoot(page, f"tokens-{size}")
    page.get_by_role("link", name="Revoke…").click()
    assert page.get_by_role("heading", name="Revoke “nightly export”?").is_visible()
    assert Token.objects.get(user=user).revoked_at is None
    shoot(page, f"tokens-revoke-{size}")
    page.get_by_role("button", name="Revoke this token").click()
    assert page.get_by_text("is revoked").is_visible()
    assert Token.objects.get(user=user).revoked_at is not None


def _first_filing_pk():
    from filings.models import Filing

    return Filing.objects.order_by("name").values_list("pk", flat=True).first()
