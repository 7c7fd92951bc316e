"""Who changed what, when, through which door (API, admin, web page)."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models


class ChangeRecord(models.Model):
    """One change to one record within one request, with the field diff ``{field: [before, after]}``.

    Several saves of the same record in one request (the admin saves a filing, then its sources) are coalesced
    into one record. ``related_*`` points at the owning record (a shell's filing), so a filing's history includes
    the changes to its shells, milestone conditions and waivers.
    """

    class Action(models.TextChoices):
        CREATE = "create", "Created"
        UPDATE = "update", "Changed"
        DELETE = "delete", "Deleted"

    time = models.DateTimeField(auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="changes"
    )
    user_name = models.CharField(max_length=150, blank=True, help_text="Kept when the user is deleted.")
    via = models.CharField(max_length=10, help_text="api, admin or web")
    request_id = models.UUIDField(db_index=True)
    action = models.CharField(max_length=6, choices=Action.choices)
    object_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.BigIntegerField()
    object_repr = models.CharField(max_length=300)
    related_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    related_id = models.BigIntegerField(null=True, blank=True)
    diff = models.JSONField(default=dict, encoder=DjangoJSONEncoder)

    class Meta:
        ordering = ["-time", "-pk"]
        indexes = [
            models.Index(fields=["object_type", "object_id"]),
            models.Index(fields=["related_type", "related_id"]),
        ]

    def __str__(self):
        return f"{self.get_action_display()} {self.object_repr} by {self.user_name or 'unknown'} at {self.time:%Y-%m-%d %H:%M}"


class RegistryVersion(models.Model):
    """One row whose value changes (to a new random token) whenever a tracked record changes.

    API responses are cached under the current value, so a change anywhere makes every cached answer stale at
    once, in every process. Writes that bypass model signals (``QuerySet.update()``, ``bulk_create()``) must call
    ``changelog.versions.bump()`` themselves.
    """

    value = models.UUIDField()
