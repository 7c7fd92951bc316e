"""Issue 18, "an alert subscription can send to any address without its owner's consent": an address other than
the account's is confirmed by a signed link first (nothing else goes to it before), an unsubscribed address stays
suppressed until its owner opts in again (saving the form does not undo it), and one account holds a capped number
of subscriptions. Each test here failed before the fix."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.urls import reverse

from alerts.delivery import deliver
from alerts.emails import confirmation_token, subscription_for_confirmation, unsubscribe_token
from alerts.models import Alert, Delivery, Subscription
from alerts.queueing import load_rules
from tests.alerts.conftest import subscribe

pytestmark = pytest.mark.django_db

FORM = {"all_filings": "on", "lead_times": "30", "delivery_mode": "immediate", "time_zone": "UTC",
        "on_missed": "on"}


def _signed_in(client, user):
    client.force_login(user)
    return client


def _queue_alert(subscription, kuiper, key="a1"):
    delivery = Delivery.objects.create(key=key, subscription=subscription, kind="immediate")
    Alert.objects.create(key=key, subscription=subscription, filing=kuiper, trigger="lead_time", lead_days=30,
                         due_date=dt.date(2029, 7, 30), as_of=dt.date(2026, 12, 1), delivery=delivery,
                         payload={"filing_id": kuiper.pk, "filing": "Kuiper Gen1", "title": "FCC 100 %",
                                  "trigger": "lead_time", "due_date": "2029-07-30", "as_of": "2026-12-01",
                                  "days_left": 30, "administration": "USA"})
    return delivery


def test_a_new_address_gets_only_a_confirmation_link(client, alice):
    r = _signed_in(client, alice).post(reverse("alerts:new"), {**FORM, "email": "victim@example.net"})
    assert r.status_code == 302
    subscription = Subscription.objects.get()
    assert subscription.state == "awaiting confirmation"
    assert [m.to for m in mail.outbox] == [["victim@example.net"]]
    message = mail.outbox[0]
    link = re.search(r"http://testserver/alerts/confirm/(\S+)/", message.body)
    assert "Confirm" in message.subject and link is not None
    assert subscription_for_confirmation(link.group(1)) == (subscription.pk, "victim@example.net")
    assert "List-Unsubscribe" not in message.extra_headers
    assert Delivery.objects.get().kind == "confirm" and Delivery.objects.get().status == "sent"


def test_nothing_but_the_link_reaches_an_unconfirmed_address(alice, kuiper):
    subscription = subscribe(alice, all_filings=True, email="victim@example.net")
    assert subscription.pk not in {rule.id for rule in load_rules()}  # no alerts are even recorded
    delivery = _queue_alert(subscription, kuiper)  # one queued before the address changed, say
    assert deliver(delivery.pk).status == "cancelled"
    assert mail.outbox == []
    assert Delivery.objects.get(pk=delivery.pk).last_error == "the address is not confirmed by its owner"


def test_the_account_address_needs_no_confirmation(alice):
    subscription = subscribe(alice, all_filings=True, email="ALICE@example.org")
    assert subscription.state == "active" and subscription.pk in {rule.id for rule in load_rules()}


def test_the_owner_confirms_by_the_link_with_a_post(client, alice, kuiper):
    subscription = subscribe(alice, all_filings=True, email="colleague@example.net")
    url = reverse("alerts:confirm", args=[confirmation_token(subscription)])
    page = client.get(url)  # a mail scanner following the link confirms nothing
    assert page.status_code == 200 and b"Confirm" in page.content
    subscription.refresh_from_db()
    assert subscription.needs_confirmation
    assert client.post(url).status_code == 200
    subscription.refresh_from_db()
    assert subscription.state == "active" and subscription.confirmed_email == "colleague@example.net"
    assert deliver(_queue_alert(subscription, kuiper).pk).status == "sent"
    assert mail.outbox[-1].to == ["colleague@example.net"]


def test_a_link_confirms_only_the_address_it_was_sent_to(client, alice):
    subscription = subscribe(alice, all_filings=True, email="first@example.net")
    token = confirmation_token(subscription)
    Subscription.objects.filter(pk=subscription.pk).update(email="second@example.net")
    assert client.post(reverse("alerts:confirm", args=[token])).status_code == 404
    assert Subscription.objects.get().needs_confirmation


def test_changing_to_another_address_asks_that_address_again(client, alice):
    subscription = subscribe(alice, all_filings=True, email="first@example.net", confirmed_email="first@example.net")
    _signed_in(client, alice).post(reverse("alerts:edit", args=[subscription.pk]),
                                   {**FORM, "email": "second@example.net"})
    subscription.refresh_from_db()
    assert subscription.state == "awaiting confirmation"
    assert [m.to for m in mail.outbox] == [["second@example.net"]]


def test_saving_the_form_does_not_undo_the_recipients_unsubscribe(client, alice, kuiper):
    subscription = subscribe(alice, all_filings=True, email="colleague@example.net",
                             confirmed_email="colleague@example.net")
    client.post(reverse("alerts:unsubscribe", args=[unsubscribe_token(subscription)]))
    _signed_in(client, alice).post(reverse("alerts:edit", args=[subscription.pk]),
                                   {**FORM, "email": "colleague@example.net", "name": "renamed"})
    subscription.refresh_from_db()
    assert subscription.name == "renamed" and subscription.state == "unsubscribed"
    assert deliver(_queue_alert(subscription, kuiper).pk).status == "cancelled"
    assert mail.outbox == []


def test_an_unsubscribed_address_opts_in_again_only_by_its_owners_link(client, alice, kuiper):
    subscription = subscribe(alice, all_filings=True, email="colleague@example.net",
                             confirmed_email="colleague@example.net", active=False)
    _signed_in(client, alice).post(reverse("alerts:resume", args=[subscription.pk]))
    subscription.refresh_from_db()
    assert subscription.state == "unsubscribed"  # the subscriber's press is not the address owner's consent
    assert [m.to for m in mail.outbox] == [["colleague@example.net"]] and "Confirm" in mail.outbox[0].subject
    # A second press the same day sends nothing more to an address that said no.
    client.post(reverse("alerts:resume", args=[subscription.pk]))
    assert len(mail.outbox) == 1
    client.logout()
    client.post(reverse("alerts:confirm", args=[confirmation_token(subscription)]))
    subscription.refresh_from_db()
    assert subscription.state == "active" and subscription.unsubscribed_at is None


def test_the_account_owner_opts_their_own_address_in_again(client, alice):
    subscription = subscribe(alice, all_filings=True, active=False)
    _signed_in(client, alice).post(reverse("alerts:resume", args=[subscription.pk]))
    subscription.refresh_from_db()
    assert subscription.state == "active" and mail.outbox == []


def test_subscriptions_per_account_are_capped(client, alice, settings):
    settings.SLOTWATCH_ALERT_MAX_SUBSCRIPTIONS = 2
    for _ in range(2):
        subscribe(alice, all_filings=True)
    r = _signed_in(client, alice).post(reverse("alerts:new"), FORM)
    assert r.status_code == 200 and "the most one account may have" in r.content.decode()
    assert Subscription.objects.count() == 2
    # Editing an existing one is not a new one.
    first = Subscription.objects.first()
    assert client.post(reverse("alerts:edit", args=[first.pk]), {**FORM, "name": "x"}).status_code == 302


def test_a_waiting_address_can_be_sent_its_link_again(client, alice, settings):
    settings.SLOTWATCH_ALERT_REQUEST_INTERVAL_SECONDS = 0
    subscription = subscribe(alice, all_filings=True, email="colleague@example.net")  # e.g. made before the rule
    page = _signed_in(client, alice).get(reverse("alerts:list")).content.decode()
    assert "Awaiting confirmation" in page and "Send the confirmation link" in page
    client.post(reverse("alerts:resume", args=[subscription.pk]))
    assert [m.to for m in mail.outbox] == [["colleague@example.net"]]
    subscription.refresh_from_db()
    assert subscription.state == "awaiting confirmation"
