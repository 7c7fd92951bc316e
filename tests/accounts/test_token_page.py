"""The token page people use: the new secret once with a copy button, revoke only after a confirmation step."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from accounts.models import Token

pytestmark = pytest.mark.django_db


@pytest.fixture
def dana(client):
    user = User.objects.create_user("dana", "dana@example.org", "x-password-dana")
    client.force_login(user)
    return user


def test_a_new_secret_is_shown_once_with_a_copy_button(client, dana):
    page = client.post(reverse("accounts:tokens"), {"name": "nightly export"}).content.decode()
    token = Token.objects.get(user=dana)
    secret = page.split('id="new-token" class="secret">')[1].split("<")[0]
    assert secret.startswith(token.hint) and Token.objects.filter(digest__isnull=False).count() == 1
    assert 'data-copy="#new-token"' in page and "js/copy.js" in page
    assert secret not in client.get(reverse("accounts:tokens")).content.decode()  # never again


def test_revoke_asks_first_and_a_get_changes_nothing(client, dana):
    token, _ = Token.issue(dana, "nightly export")
    listing = client.get(reverse("accounts:tokens")).content.decode()
    url = reverse("accounts:revoke-token", args=[token.pk])
    assert f'class="danger-link" href="{url}"' in listing  # a link to the question, not a primary button
    assert "<button type=\"submit\">Revoke" not in listing
    question = client.get(url)
    assert question.status_code == 200
    text = question.content.decode()
    assert "Revoke “nightly export”?" in text and "cannot be undone" in text and 'class="button-danger"' in text
    assert Token.objects.get(pk=token.pk).revoked_at is None
    done = client.post(url, follow=True)
    assert Token.objects.get(pk=token.pk).revoked_at is not None
    assert "is revoked" in done.content.decode()


def test_someone_elses_token_is_not_found(client, dana):
    other = User.objects.create_user("erin", "erin@example.org", "x-password-erin")
    token, _ = Token.issue(other, "theirs")
    assert client.get(reverse("accounts:revoke-token", args=[token.pk])).status_code == 404
