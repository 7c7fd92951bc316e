"""One-click unsubscribe (RFC 8058): POST unsubscribes, GET only asks, forged links are refused."""

import pytest
from django.core import mail
from django.urls import reverse

from alerts.delivery import deliver
from alerts.emails import unsubscribe_token
from alerts.models import Delivery, Subscription
from tests.alerts.conftest import subscribe

pytestmark = pytest.mark.django_db


@pytest.fixture
def subscription(alice):
    return subscribe(alice, all_filings=True, name="Everything")


def _url(subscription):
    return reverse("alerts:unsubscribe", args=[unsubscribe_token(subscription)])


def test_one_click_post_unsubscribes_without_a_session_or_csrf_token(subscription):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    r = client.post(_url(subscription), data="List-Unsubscribe=One-Click",
                    content_type="application/x-www-form-urlencoded")
    assert r.status_code == 200
    subscription.refresh_from_db()
    assert subscription.active is False and subscription.unsubscribed_at is not None


def test_get_shows_a_confirmation_and_does_not_unsubscribe(client, subscription):
    r = client.get(_url(subscription))
    assert r.status_code == 200
    assert "Unsubscribe from “Everything”?" in r.content.decode()
    assert '<form method="post">' in r.content.decode()
    subscription.refresh_from_db()
    assert subscription.active is True


def test_it_rejects_a_bad_signature(client, subscription):
    token = unsubscribe_token(subscription)
    for bad in (token[:-2] + "xx", "garbage", token.replace(token.split(":")[0], "eyJzIjoyfQ")):
        assert client.get(reverse("alerts:unsubscribe", args=[bad])).status_code == 404
        assert client.post(reverse("alerts:unsubscribe", args=[bad])).status_code == 404
    subscription.refresh_from_db()
    assert subscription.active is True


def test_it_handles_a_deleted_subscription(client, subscription):
    url = _url(subscription)
    subscription.delete()
    assert client.post(url).status_code == 404


def test_it_rejects_other_methods(client, subscription):
    assert client.put(_url(subscription)).status_code == 405


def test_pending_e_mails_of_an_unsubscribed_subscription_are_cancelled_not_sent(client, subscription):
    delivery = Delivery.objects.create(key="alert:x", subscription=subscription, kind="immediate")
    client.post(_url(subscription))
    assert deliver(delivery.pk).status == "cancelled"
    assert mail.outbox == []
    delivery.refresh_from_db()
    assert delivery.last_error == "unsubscribed"
    assert Subscription.objects.get().active is False
