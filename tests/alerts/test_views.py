"""The /alerts/ page: signed-in users manage their own subscriptions and see what could not be delivered."""

import pytest
from django.urls import reverse

from alerts.models import Delivery, Subscription
from tests.alerts.conftest import subscribe

pytestmark = pytest.mark.django_db


def _login(client, user):
    client.force_login(user)
    return client


def test_it_requires_login(client):
    r = client.get(reverse("alerts:list"))
    assert r.status_code == 302 and "next=/alerts/" in r["Location"]


def test_it_lists_only_my_subscriptions_and_shows_failures(client, alice, charlie):
    mine = subscribe(alice, all_filings=True, name="Mine")
    subscribe(charlie, all_filings=True, name="Charlie's")
    Delivery.objects.create(key="k1", subscription=mine, kind="immediate", status="failed", subject="Kuiper due",
                            last_error="RCPT TO alice@example.org: 550 5.1.1 no such user")
    Delivery.objects.create(key="k2", subscription=mine, kind="immediate", status="uncertain", subject="OneWeb due")
    html = _login(client, alice).get(reverse("alerts:list")).content.decode()
    assert "Mine" in html and "Charlie&#x27;s" not in html and "Charlie's" not in html
    assert "2 e-mails could not be delivered." in html
    assert "550 5.1.1 no such user" in html
    assert "extends" not in html and "Skip to content" in html  # rendered inside base.html


def test_it_creates_a_subscription(client, alice, usa):
    r = _login(client, alice).post(reverse("alerts:new"), {
        "name": "US filings", "administrations": [usa.pk], "codes": ["fcc_m100", "itu_biu"],
        "lead_times": "90, 30,7", "on_missed": "on", "delivery_mode": "weekly", "time_zone": "America/New_York",
    })
    assert r.status_code == 302
    s = Subscription.objects.get()
    assert (s.user, s.lead_times, s.codes, s.delivery_mode) == (alice, [90, 30, 7], ["fcc_m100", "itu_biu"], "weekly")
    assert list(s.administrations.all()) == [usa]
    assert (s.on_missed, s.on_at_risk, s.time_zone) == (True, False, "America/New_York")


def test_it_rejects_a_subscription_without_scope_or_with_bad_lead_times(client, alice):
    _login(client, alice)
    r = client.post(reverse("alerts:new"), {"lead_times": "30", "delivery_mode": "immediate", "time_zone": "UTC"})
    assert "Choose all filings, or at least one" in r.content.decode()
    r = client.post(reverse("alerts:new"), {"all_filings": "on", "lead_times": "soon", "delivery_mode": "immediate",
                                            "time_zone": "UTC"})
    assert "whole numbers of days" in r.content.decode()
    r = client.post(reverse("alerts:new"), {"all_filings": "on", "lead_times": "0", "delivery_mode": "immediate",
                                            "time_zone": "Mars/Olympus"})
    assert "between 1 and 3650" in r.content.decode() and "Mars/Olympus" in r.content.decode()
    assert not Subscription.objects.exists()


def test_it_edits_my_subscription_but_saving_does_not_undo_an_unsubscribe(client, alice):
    """Issue 18: the recipient's one-click unsubscribe holds until the address's owner opts in again."""
    s = subscribe(alice, all_filings=True, active=False)
    r = _login(client, alice).post(reverse("alerts:edit", args=[s.pk]), {
        "all_filings": "on", "lead_times": "30", "delivery_mode": "daily", "time_zone": "UTC"})
    assert r.status_code == 302
    s.refresh_from_db()
    assert (s.active, s.lead_times, s.delivery_mode) == (False, [30], "daily")


def test_it_checks_the_owner(client, alice, charlie):
    s = subscribe(alice, all_filings=True)
    _login(client, charlie)
    assert client.get(reverse("alerts:edit", args=[s.pk])).status_code == 404
    assert client.post(reverse("alerts:delete", args=[s.pk])).status_code == 404
    assert Subscription.objects.filter(pk=s.pk).exists()


def test_delete_requires_post(client, alice):
    s = subscribe(alice, all_filings=True)
    _login(client, alice)
    assert client.get(reverse("alerts:delete", args=[s.pk])).status_code == 405
    assert client.post(reverse("alerts:delete", args=[s.pk])).status_code == 302
    assert not Subscription.objects.exists()


def test_the_admin_lists_deliveries_with_their_attempts(admin_client, alice):
    s = subscribe(alice, all_filings=True)
    d = Delivery.objects.create(key="k1", subscription=s, kind="immediate", status="failed", subject="Kuiper due",
                                last_error="550 mailbox unavailable")
    d.attempt_log.create(claim_token="t", outcome="permanent_error", smtp_code=550, error="550 mailbox unavailable")
    r = admin_client.get(reverse("admin:alerts_delivery_changelist") + "?status__exact=failed")
    assert "550 mailbox unavailable" in r.content.decode()
    r = admin_client.get(reverse("admin:alerts_delivery_change", args=[d.pk]))
    assert r.status_code == 200 and "permanent_error" in r.content.decode() or "Permanent error" in r.content.decode()
    r = admin_client.post(reverse("admin:alerts_delivery_changelist"),
                          {"action": "resend", "_selected_action": [d.pk]})
    d.refresh_from_db()
    assert (d.status, d.attempts) == ("pending", 0)
    assert admin_client.get(reverse("admin:alerts_subscription_change", args=[s.pk])).status_code == 200
