"""Alert e-mails: subject, text and HTML from templates, one-click unsubscribe, a stable Message-ID.

Templates follow healthchecks' naming convention: ``alerts/email/<name>-subject.txt``,
``<name>-body.txt`` and ``<name>-body.html`` with ``<name>`` one of ``alert`` or ``digest``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.core.mail.message import sanitize_address
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

__all__ = [
    "build_message",
    "confirmation_token",
    "confirmation_url",
    "format_moment",
    "message_id_for",
    "subscription_for_confirmation",
    "subscription_id_for_token",
    "unsubscribe_token",
    "unsubscribe_url",
]

_UNSUBSCRIBE_SALT = "alerts.unsubscribe"
_CONFIRM_SALT = "alerts.confirm"
# How long a confirmation link works: a week, then the subscriber asks for a new one.
CONFIRM_MAX_AGE = 7 * 24 * 3600


def base_url(subscription=None) -> str:
    """Where links point: the site the subscription was made from, else the checked SITE_URL."""
    return ((subscription.site_url if subscription is not None else "") or settings.SITE_URL).rstrip("/")


def site_url(path: str, subscription=None) -> str:
    return base_url(subscription) + path


def format_moment(moment: dt.datetime, time_zone: str) -> str:
    """'6 December 2026, 00:10 UTC'; a zone other than UTC with its abbreviation and, where that is not the
    zone's own name, the name once: '6 December 2026, 01:10 CET (Europe/Zurich)'."""
    from zoneinfo import ZoneInfo

    local = moment.astimezone(ZoneInfo(time_zone))
    label = local.tzname() or time_zone
    zone = label if label == time_zone else f"{label} ({time_zone})"
    return f"{local.day} {local:%B %Y, %H:%M} {zone}"


def confirmation_token(subscription) -> str:
    # The address is in the token: a link confirms the address it was sent to, never a later one.
    return signing.dumps({"s": subscription.pk, "e": subscription.email.lower()}, salt=_CONFIRM_SALT, compress=True)


def subscription_for_confirmation(token: str) -> tuple[int, str] | None:
    """(subscription id, address) of a valid, unexpired confirmation link, else None."""
    try:
        data = signing.loads(token, salt=_CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    except signing.BadSignature:  # SignatureExpired is a BadSignature
        return None
    if not isinstance(data, dict) or not isinstance(data.get("s"), int) or not isinstance(data.get("e"), str):
        return None
    return data["s"], data["e"]


def confirmation_url(subscription) -> str:
    return site_url(reverse("alerts:confirm", args=[confirmation_token(subscription)]), subscription)


def unsubscribe_token(subscription) -> str:
    # No expiry: an unsubscribe link in a year-old e-mail must still work (RFC 8058 asks for that).
    return signing.dumps({"s": subscription.pk}, salt=_UNSUBSCRIBE_SALT, compress=True)


def subscription_id_for_token(token: str) -> int | None:
    try:
        data = signing.loads(token, salt=_UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    pk = data.get("s") if isinstance(data, dict) else None
    return pk if isinstance(pk, int) else None


def unsubscribe_url(subscription) -> str:
    return site_url(reverse("alerts:unsubscribe", args=[unsubscribe_token(subscription)]), subscription)


def message_id_for(delivery_key: str) -> str:
    """The same delivery always carries the same Message-ID, so a repeat is recognisable downstream."""
    digest = hashlib.sha256(delivery_key.encode()).hexdigest()[:32]
    domain = sanitize_address(settings.DEFAULT_FROM_EMAIL, "utf-8").rpartition("@")[2].strip(">") or (
        urlsplit(settings.SITE_URL).hostname or "slotwatch.localhost"
    )
    return f"<alert.{digest}@{domain}>"


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def alert_context(alert, subscription=None) -> dict:
    """The frozen payload with dates as dates and the link to the filing."""
    p = dict(alert.payload)
    for name in ("as_of", "due_date", "projected_date"):
        p[name] = _date(p.get(name))
    p["filing_url"] = site_url(reverse("filings:detail", args=[p["filing_id"]]), subscription)
    p["trigger_label"] = alert.get_trigger_display()
    return p


def build_message(delivery, alerts) -> EmailMultiAlternatives:
    """The e-mail of a delivery: its alerts (one, or a digest), or a test or confirmation a subscriber asked for."""
    subscription = delivery.subscription
    items = [alert_context(a, subscription) for a in alerts]
    if delivery.kind in ("test", "confirm"):
        name = delivery.kind
    else:
        name = "alert" if len(items) == 1 and delivery.kind == "immediate" else "digest"
    unsub = unsubscribe_url(subscription)
    ctx = {
        "items": items,
        "item": items[0] if items else None,
        "delivery": delivery,
        "subscription": subscription,
        "kind": delivery.get_kind_display(),
        "queued_local": delivery.created_at.astimezone(subscription.tz),
        "queued_at": format_moment(delivery.created_at, subscription.time_zone),
        "time_zone": subscription.time_zone,
        "unsubscribe_url": unsub,
        "manage_url": site_url(reverse("alerts:list"), subscription),
        "site_url": base_url(subscription),
        "confirm_url": confirmation_url(subscription) if name == "confirm" else "",
        "account_email": subscription.user.email,
    }
    with timezone.override(subscription.tz):  # the date filter shows times in the subscriber's zone
        subject = " ".join(render_to_string(f"alerts/email/{name}-subject.txt", ctx).split())
        text = render_to_string(f"alerts/email/{name}-body.txt", ctx)
        html = render_to_string(f"alerts/email/{name}-body.html", ctx)
    headers = {
        "Message-ID": message_id_for(delivery.key),
        # RFC 8058 one-click: mail clients POST "List-Unsubscribe=One-Click" to this URL.
        "List-Unsubscribe": f"<{unsub}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "Auto-Submitted": "auto-generated",  # RFC 3834: no vacation replies, please
    }
    if name == "confirm":  # nothing to unsubscribe from yet: ignoring the link is the way to say no
        del headers["List-Unsubscribe"], headers["List-Unsubscribe-Post"]
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[subscription.recipient],
        headers=headers,
    )
    message.attach_alternative(html, "text/html")
    return message
