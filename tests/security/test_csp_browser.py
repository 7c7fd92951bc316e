"""Every page in real headless Chromium under the Content-Security-Policy: no violation, no console error.

Three rounds: anonymous (the public pages), the reader (their own alerts and tokens) and a superuser (every
admin page besides). The pages come from the access matrix (test_access_matrix.py), which fails when a URL
pattern or an admin model is added without a row, so a new page is opened here too.
"""

import pytest

from tests.e2e.conftest import _open
from tests.security.conftest import PASSWORD, build_world
from tests.security.test_access_matrix import admin_pages, html_pages

pytestmark = pytest.mark.django_db(transaction=True)


def visit(page, url):
    page.console.errors.clear()
    response = page.goto(url, wait_until="load")
    if page.locator("[data-figure-target]").count():  # figures draw after DOMContentLoaded
        for i in range(page.locator("[data-figure-target]").count()):
            page.locator("[data-figure-target]").nth(i).locator(".main-svg").first.wait_for(state="attached")
    if "/api/docs/" in url:  # Swagger UI fetches the schema, then renders the operations
        page.locator(".swagger-ui .opblock").first.wait_for(state="attached")
    if "/periodictask/" in url and url.endswith(("/add/", "/change/")):  # the moved admin script ran
        page.locator(".field-crontab_translation").first.wait_for(state="hidden")
    page.wait_for_timeout(50)  # let late console messages arrive
    return response


def sign_in(page, url, username):
    page.goto(url)
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.locator("form [type=submit]").click()
    page.wait_for_load_state("load")
    assert "id_password" not in page.content(), f"{username} could not sign in at {url}"


def test_every_page_honours_the_policy(browser, live_server, cast):
    world = build_world(cast)
    rounds = [
        (None, html_pages(world, "anonymous")),
        (("/account/login/", "reader"), html_pages(world, "reader")),
        (("/admin/login/", "root"), html_pages(world, "superuser") + admin_pages(world)),
    ]
    seen = {}
    for login, urls in rounds:
        context, page = _open(browser, {"width": 1280, "height": 900})
        try:
            if login:
                sign_in(page, live_server.url + login[0], login[1])
            for url in urls:
                response = visit(page, live_server.url + url)
                policy = response.headers.get("content-security-policy", "")
                assert "script-src 'self'" in policy and "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
                seen[login, url] = list(page.console.errors)
        finally:
            context.close()
    violations = {key: errors for key, errors in seen.items()
                  if any("Content Security Policy" in error for error in errors)}
    assert not violations, violations
    errors = {key: errors for key, errors in seen.items() if errors}
    assert not errors, errors
    assert len(seen) > 100  # the public pages three times, the member pages twice, ~110 admin pages
