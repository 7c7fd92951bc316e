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
    "message_id_for",
    "subscription_id_for_token",
    "unsubscribe_token",
    "unsubscribe_url",
]

_UNSUBSCRIBE_SALT = "alerts.unsubscribe"


def site_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


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
    return site_url(reverse("alerts:unsubscribe", args=[unsubscribe_token(subscription)]))


def message_id_for(delivery_key: str) -> str:
    """The same delivery always carries the same Message-ID, so a repeat is recognisable downstream."""
    digest = hashlib.sha256(delivery_key.encode()).hexdigest()[:32]
    domain = sanitize_address(settings.DEFAULT_FROM_EMAIL, "utf-8").rpartition("@")[2].strip(">") or (
        urlsplit(settings.SITE_URL).hostname or "slotwatch.localhost"
    )
    return f"<alert.{digest}@{domain}>"


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def alert_context(alert) -> dict:
    """The frozen payload with dates as dates and the link to the filing."""
    p = dict(alert.payload)
    for name in ("as_of", "due_date", "projected_date"):
        p[name] = _date(p.get(name))
    p["filing_url"] = site_url(reverse("filings:detail", args=[p["filing_id"]]))
    p["trigger_label"] = alert.get_trigger_display()
    return p


def build_message(delivery, alerts) -> EmailMultiAlternatives:
    subscription = delivery.subscription
    items = [alert_context(a) for a in alerts]
    name = "alert" if len(items) == 1 and delivery.kind == "immediate" else "digest"
    unsub = unsubscribe_url(subscription)
    ctx = {
        "items": items,
        "item": items[0],
        "delivery": delivery,
        "subscription": subscription,
        "kind": delivery.get_kind_display(),
        "queued_local": delivery.created_at.astimezone(subscription.tz),
        "time_zone": subscription.time_zone,
        "unsubscribe_url": unsub,
        "manage_url": site_url(reverse("alerts:list")),
        "site_url": settings.SITE_URL.rstrip("/"),
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
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[subscription.recipient],
        headers=headers,
    )
    message.attach_alternative(html, "text/html")
    return message
