"""Milestone alerts: who wants to hear about what, what is due to be said, and every attempt to say it.

The tables form an outbox, in the spirit of healthchecks' Flip/Notification:

    Subscription --< Alert >-- Delivery --< DeliveryAttempt

* ``Alert`` is one thing worth telling one subscriber, with a UNIQUE ``key`` (subscription, filing +
  milestone code, trigger, lead time or event): the daily run can be repeated, or run twice at once,
  and never creates a second row.
* ``Delivery`` is one e-mail: one alert for immediate subscribers, several for a digest. Senders
  claim it with a conditional UPDATE and record every attempt. The full state machine and the exact
  delivery guarantee are in ``alerts/delivery.py``.
* ``MilestoneState`` / ``FilingState`` hold what the previous run saw, so the next run can tell a
  transition (on track -> at risk, granted -> cancelled, 3,236 -> 1,618 satellites, a new filing).
"""

from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from compliance.rules.codes import MILESTONE_CODES

__all__ = [
    "Alert",
    "Delivery",
    "DeliveryAttempt",
    "DeliveryKind",
    "DeliveryMode",
    "FilingState",
    "MilestoneState",
    "Subscription",
    "Trigger",
]

DEFAULT_LEAD_TIMES = (365, 180, 90, 30, 7)
MAX_LEAD_DAYS = 3650


def default_lead_times() -> list[int]:
    return list(DEFAULT_LEAD_TIMES)


def validate_time_zone(value: str) -> None:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValidationError(f"{value!r} is not an IANA time zone (e.g. UTC, Europe/Zurich).") from None


class DeliveryMode(models.TextChoices):
    IMMEDIATE = "immediate", "Immediately, one e-mail per alert"
    DAILY = "daily", "Daily digest"
    WEEKLY = "weekly", "Weekly digest (Mondays)"


class DeliveryKind(models.TextChoices):
    """What one e-mail is: the subscription's alerts (its delivery mode), or one a person asked for."""

    IMMEDIATE = DeliveryMode.IMMEDIATE.value, DeliveryMode.IMMEDIATE.label
    DAILY = DeliveryMode.DAILY.value, DeliveryMode.DAILY.label
    WEEKLY = DeliveryMode.WEEKLY.value, DeliveryMode.WEEKLY.label
    TEST = "test", "Test e-mail"
    CONFIRM = "confirm", "Address confirmation"


# Kinds a subscriber asks for by pressing a button (rate-limited; they carry no alerts).
ON_REQUEST = (DeliveryKind.TEST, DeliveryKind.CONFIRM)


def same_address(a: str, b: str) -> bool:
    # Domains are case-insensitive (RFC 5321 2.4); local parts are in practice too (every large provider).
    return bool(a) and a.strip().lower() == (b or "").strip().lower()


class Trigger(models.TextChoices):
    LEAD_TIME = "lead_time", "Deadline approaching"
    MISSED = "missed", "Milestone missed"
    AT_RISK = "at_risk", "Projection turned to at risk"
    REDUCED = "reduced", "Filing reduced"
    CANCELLED = "cancelled", "Filing cancelled or withdrawn"
    NEW_FILING = "new_filing", "New filing"


class SubscriptionQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(user=user)


class Subscription(models.Model):
    """One user's standing request: these filings, these rules, these lead times and events."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="alert_subscriptions")
    name = models.CharField(max_length=120, blank=True, help_text="Your label for this subscription.")
    email = models.EmailField(blank=True, help_text="Leave empty to use your account's e-mail address.")
    all_filings = models.BooleanField(default=False, help_text="Every filing, present and future.")
    administrations = models.ManyToManyField("filings.Administration", blank=True, related_name="+")
    operators = models.ManyToManyField("filings.Operator", blank=True, related_name="+")
    constellations = models.ManyToManyField("constellations.Constellation", blank=True, related_name="+")
    filings = models.ManyToManyField("filings.Filing", blank=True, related_name="+")
    codes = models.JSONField(default=list, blank=True, help_text="Milestone codes; empty means every rule.")
    lead_times = models.JSONField(default=default_lead_times, help_text="Days before a deadline to remind you.")
    on_missed = models.BooleanField("when a milestone is missed", default=True)
    on_at_risk = models.BooleanField("when the projection turns from on track to at risk", default=True)
    on_reduced = models.BooleanField("when a filing is reduced or cancelled", default=True)
    on_new_filing = models.BooleanField("when a watched administration or operator files", default=True)
    delivery_mode = models.CharField(max_length=10, choices=DeliveryMode.choices, default=DeliveryMode.IMMEDIATE)
    time_zone = models.CharField(max_length=64, default="UTC", validators=[validate_time_zone])
    # Unsubscribed (by the recipient's link): inactive until the address's owner opts in again; saving the form
    # does not undo it (issue 18).
    active = models.BooleanField(default=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)
    paused = models.BooleanField(default=False, help_text="Paused by the subscriber: no alerts until resumed.")
    # An address other than the account's receives nothing but the confirmation link until its owner follows it.
    confirmed_email = models.EmailField(blank=True, editable=False,
                                        help_text="The address (other than the account's) that confirmed.")
    site_url = models.URLField(blank=True, editable=False,
                               help_text="The site the subscription was made from; its e-mails link there.")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        ordering = ["user_id", "created_at"]

    def __str__(self):
        return self.name or f"Subscription {self.pk} of {self.user}"

    @property
    def recipient(self) -> str:
        return self.email or self.user.email

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)

    @property
    def needs_confirmation(self) -> bool:
        """An address other than the account's that its owner has not confirmed (by the signed link)."""
        return bool(self.email) and not same_address(self.email, self.user.email) and not same_address(
            self.email, self.confirmed_email)

    @property
    def state(self) -> str:
        """Why it sends or not, in the subscriber's words: the first that holds of these."""
        if not self.active:
            return "unsubscribed"
        if self.needs_confirmation:
            return "awaiting confirmation"
        return "paused" if self.paused else "active"

    @property
    def sends_alerts(self) -> bool:
        return self.state == "active"

    def clean(self):
        errors = {}
        if self._state.adding and self.user_id is not None:
            cap = settings.SLOTWATCH_ALERT_MAX_SUBSCRIPTIONS
            if Subscription.objects.filter(user_id=self.user_id).count() >= cap:
                errors["__all__"] = (f"You have {cap} subscriptions, the most one account may have. "
                                     "Delete one, or widen an existing one.")
        if not isinstance(self.lead_times, list) or not all(
            isinstance(d, int) and not isinstance(d, bool) and 0 < d <= MAX_LEAD_DAYS for d in self.lead_times
        ):
            errors["lead_times"] = f"Lead times are whole numbers of days between 1 and {MAX_LEAD_DAYS}."
        if not isinstance(self.codes, list) or set(self.codes) - set(MILESTONE_CODES):
            unknown = sorted(set(self.codes) - set(MILESTONE_CODES)) if isinstance(self.codes, list) else self.codes
            errors["codes"] = f"Unknown milestone code(s): {unknown}."
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if isinstance(self.lead_times, list):
            self.lead_times = sorted(set(self.lead_times), reverse=True)
        super().save(*args, **kwargs)


class Delivery(models.Model):
    """One e-mail. The state machine and the guarantee are documented in ``alerts/delivery.py``."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        SENDING = "sending", "Sending (claimed)"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"
        UNCERTAIN = "uncertain", "Uncertain: the sender stopped during SMTP DATA"
        CANCELLED = "cancelled", "Cancelled"

    key = models.CharField(max_length=220, unique=True)
    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="deliveries")
    kind = models.CharField(max_length=10, choices=DeliveryKind.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(default=timezone.now)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    dispatched_at = models.DateTimeField(null=True, blank=True, help_text="When a send task was last queued.")
    claim_token = models.CharField(max_length=32, blank=True)
    claimed_until = models.DateTimeField(null=True, blank=True)
    handed_over_at = models.DateTimeField(
        null=True, blank=True, help_text="When the current claim began SMTP DATA: from here the outcome may be unknown."
    )
    attempts = models.PositiveIntegerField(default=0)
    to_address = models.EmailField(blank=True)
    subject = models.CharField(max_length=300, blank=True)
    message_id = models.CharField(max_length=200, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "deliveries"
        indexes = [
            # The sweep's two questions: what is due to be sent, and whose claim has expired.
            models.Index(fields=["status", "next_attempt_at"], name="alerts_delivery_due"),
            models.Index(fields=["status", "claimed_until"], name="alerts_delivery_claims"),
        ]

    def __str__(self):
        return self.subject or self.key


class Alert(models.Model):
    """One thing to tell one subscriber, recorded once (``key`` is unique) and then delivered."""

    key = models.CharField(max_length=200, unique=True)
    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="alerts")
    filing = models.ForeignKey("filings.Filing", on_delete=models.CASCADE, related_name="+")
    milestone = models.ForeignKey(
        "compliance.Milestone", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    code = models.CharField(max_length=20, blank=True)
    trigger = models.CharField(max_length=12, choices=Trigger.choices)
    lead_days = models.PositiveSmallIntegerField(null=True, blank=True)
    due_date = models.DateField(null=True, blank=True)
    as_of = models.DateField(help_text="The evaluation date that raised the alert.")
    payload = models.JSONField(help_text="What the message says, frozen when the alert was raised.")
    created_at = models.DateTimeField(default=timezone.now)
    delivery = models.ForeignKey(
        Delivery, on_delete=models.SET_NULL, null=True, blank=True, related_name="alerts"
    )

    class Meta:
        ordering = ["due_date", "created_at"]
        indexes = [
            # Assembling deliveries reads the alerts that have none yet.
            models.Index(
                fields=["subscription"], condition=models.Q(delivery__isnull=True), name="alerts_alert_unassigned"
            ),
        ]

    def __str__(self):
        return self.key


class DeliveryAttempt(models.Model):
    """Every try at sending a delivery, so 'was the operator told?' is answered from the database."""

    class Outcome(models.TextChoices):
        SENDING = "sending", "Sending"
        HANDED_OVER = "handed_over", "SMTP DATA started"
        SENT = "sent", "Sent"
        TEMPORARY_ERROR = "temporary_error", "Temporary error, will retry"
        PERMANENT_ERROR = "permanent_error", "Permanent error"
        INTERRUPTED = "interrupted", "Sender stopped before SMTP DATA (resent)"
        UNKNOWN = "unknown", "Sender stopped during SMTP DATA (not resent)"
        CANCELLED = "cancelled", "Cancelled"
        ABANDONED = "abandoned", "Claim lost to another sender"

    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="attempt_log")
    claim_token = models.CharField(max_length=32)
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=16, choices=Outcome.choices, default=Outcome.SENDING)
    smtp_code = models.PositiveSmallIntegerField(null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["started_at", "pk"]

    def __str__(self):
        return f"{self.delivery_id} at {self.started_at:%Y-%m-%d %H:%M:%S}: {self.outcome}"


class MilestoneState(models.Model):
    """What the last daily run saw of one milestone (for 'turned from on track to at risk')."""

    filing = models.ForeignKey("filings.Filing", on_delete=models.CASCADE, related_name="+")
    code = models.CharField(max_length=20)
    on_track = models.BooleanField(null=True)
    observed_on = models.DateField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["filing", "code"], name="alerts_one_state_per_milestone")]


class FilingState(models.Model):
    """What the last daily run saw of one filing (for 'reduced', 'cancelled' and 'new filing')."""

    filing = models.OneToOneField("filings.Filing", on_delete=models.CASCADE, primary_key=True, related_name="+")
    status = models.CharField(max_length=20)
    satellites = models.PositiveIntegerField(null=True)
    observed_on = models.DateField()
