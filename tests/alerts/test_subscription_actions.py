"""Issue 17 "forms and chrome": the subscription form people can use (rule names, checkboxes), "watch this filing",
edit / pause / resume / send a test (through the delivery path, rate-limited), links to the site the subscription
was made from, and times written once."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from alerts.delivery import deliver
from alerts.emails import format_moment
from alerts.models import Alert, Delivery
from alerts.queueing import load_rules
from slotwatch.env import env_site_url
from tests.alerts.conftest import subscribe

pytestmark = pytest.mark.django_db


def _signed_in(client, user):
    client.force_login(user)
    return client


def test_the_form_names_rules_and_uses_checkboxes(client, alice, kuiper):
    page = _signed_in(client, alice).get(reverse("alerts:new")).content.decode()
    assert "Res. 35 M1 (10 %)" in page and "FCC 100 % milestone (47 CFR 25.164(b)(2))" in page
    assert "res35 post" not in page.lower() and ">res35_post<" not in page
    assert "<select multiple" not in page and 'name="filings" value="' in page
    assert 'type="checkbox" name="codes"' in page
    assert "Kuiper Gen1 (USA)" in page  # a filing with its administration


def test_watch_this_filing_starts_a_subscription_with_that_filing(client, alice, kuiper):
    detail = client.get(reverse("filings:detail", args=[kuiper.pk])).content.decode()
    watch = f'{reverse("alerts:new")}?filing={kuiper.pk}'
    assert watch in detail and "Watch this filing" in detail
    form = _signed_in(client, alice).get(watch).content.decode()
    assert f'name="filings" value="{kuiper.pk}" id="id_filings_0" checked' in form or (
        f'value="{kuiper.pk}"' in form and "checked" in form.split(f'value="{kuiper.pk}"')[1].split(">")[0])


def test_watch_an_operator(client, alice, kuiper):
    form = _signed_in(client, alice).get(reverse("alerts:new"), {"operator": kuiper.operator_id}).content.decode()
    tag = form.split(f'name="operators" value="{kuiper.operator_id}"')[1].split(">")[0]
    assert "checked" in tag


def test_pause_stops_alerts_and_resume_restarts_them(client, alice, kuiper):
    subscription = subscribe(alice, all_filings=True)
    _signed_in(client, alice).post(reverse("alerts:pause", args=[subscription.pk]))
    subscription.refresh_from_db()
    assert subscription.paused and subscription.state == "paused"
    assert subscription.pk not in {rule.id for rule in load_rules()}
    delivery = Delivery.objects.create(key="p1", subscription=subscription, kind="immediate")
    Alert.objects.create(key="p1", subscription=subscription, filing=kuiper, trigger="missed", as_of=dt.date(2026, 1, 1),
                         payload={"filing_id": kuiper.pk}, delivery=delivery)
    assert deliver(delivery.pk).status == "cancelled" and mail.outbox == []
    assert "Paused" in client.get(reverse("alerts:list")).content.decode()
    client.post(reverse("alerts:resume", args=[subscription.pk]))
    subscription.refresh_from_db()
    assert subscription.state == "active" and subscription.pk in {rule.id for rule in load_rules()}


def test_send_a_test_goes_through_the_delivery_path_and_is_rate_limited(client, alice, settings):
    settings.SLOTWATCH_ALERT_REQUEST_INTERVAL_SECONDS = 300
    subscription = subscribe(alice, all_filings=True, name="Everything", paused=True)
    _signed_in(client, alice).post(reverse("alerts:test", args=[subscription.pk]))
    assert [m.to for m in mail.outbox] == [["alice@example.org"]]
    assert "Test e-mail" in mail.outbox[0].subject and "Everything" in mail.outbox[0].subject
    delivery = Delivery.objects.get()
    assert (delivery.kind, delivery.status, delivery.attempts) == ("test", "sent", 1)
    assert delivery.attempt_log.get().outcome == "sent"  # recorded like every alert e-mail
    page = client.post(reverse("alerts:test", args=[subscription.pk]), follow=True).content.decode()
    assert "try again in" in page and len(mail.outbox) == 1


def test_tests_per_account_and_hour_are_capped(client, alice, settings):
    settings.SLOTWATCH_ALERT_REQUEST_INTERVAL_SECONDS = 0
    settings.SLOTWATCH_ALERT_REQUESTS_PER_HOUR = 2
    subscription = subscribe(alice, all_filings=True)
    for _ in range(3):
        _signed_in(client, alice).post(reverse("alerts:test", args=[subscription.pk]))
    assert len(mail.outbox) == 2


def test_no_test_to_an_address_that_unsubscribed(client, alice):
    subscription = subscribe(alice, all_filings=True, active=False)
    _signed_in(client, alice).post(reverse("alerts:test", args=[subscription.pk]))
    assert mail.outbox == [] and not Delivery.objects.exists()


def test_links_point_to_the_site_the_subscription_was_made_from(client, alice, settings):
    settings.ALLOWED_HOSTS = ["slotwatch.internal"]
    settings.SITE_URL = "http://127.0.0.1:8000"
    form = {"all_filings": "on", "lead_times": "30", "delivery_mode": "immediate", "time_zone": "UTC"}
    _signed_in(client, alice).post(reverse("alerts:new"), form, HTTP_HOST="slotwatch.internal")
    subscription = alice.alert_subscriptions.get()
    assert subscription.site_url == "http://slotwatch.internal"
    client.post(reverse("alerts:test", args=[subscription.pk]), HTTP_HOST="slotwatch.internal")
    body = mail.outbox[0].body
    assert "http://slotwatch.internal/alerts/" in body and "127.0.0.1:8000" not in body


def test_links_fall_back_to_site_url(alice, settings):
    settings.SITE_URL = "https://slotwatch.example.org"
    subscription = subscribe(alice, all_filings=True)  # made before the site was stored
    from alerts.requests import request_test

    request_test(subscription)
    assert "https://slotwatch.example.org/alerts/" in mail.outbox[0].body


@pytest.mark.parametrize("zone, expected", [
    ("UTC", "6 December 2026, 00:10 UTC"),
    ("Europe/Zurich", "6 December 2026, 01:10 CET (Europe/Zurich)"),
    ("Asia/Kolkata", "6 December 2026, 05:40 IST (Asia/Kolkata)"),
])
def test_a_time_names_its_zone_once(zone, expected):
    assert format_moment(dt.datetime(2026, 12, 6, 0, 10, tzinfo=dt.UTC), zone) == expected


def test_the_e_mail_footer_says_utc_once(client, alice):
    subscription = subscribe(alice, all_filings=True)
    _signed_in(client, alice).post(reverse("alerts:test", args=[subscription.pk]))
    assert "UTC (UTC)" not in mail.outbox[0].body and " UTC." in mail.outbox[0].body


@pytest.mark.parametrize("value", ["127.0.0.1:8000", "ftp://x.org", "https://", "https://a.org/?x=1",
                                   "https://user:pw@a.org", "https://a.org:99999", "https://a .org"])
def test_a_malformed_site_url_stops_the_start(value):
    with pytest.raises(ImproperlyConfigured, match="SITE_URL"):
        env_site_url("SITE_URL", "http://127.0.0.1:8000", environ={"SITE_URL": value})


def test_a_good_site_url_is_kept_without_its_trailing_slash():
    assert env_site_url("SITE_URL", "x", environ={"SITE_URL": "https://slotwatch.example.org/app/"}) == (
        "https://slotwatch.example.org/app")
