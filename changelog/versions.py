"""The registry's version token: read by the API response cache, replaced on every tracked change."""

import uuid

from changelog.models import RegistryVersion

ROW = 1


def current() -> str:
    value = RegistryVersion.objects.filter(pk=ROW).values_list("value", flat=True).first()
    if value is None:
        # First use (or a fresh test database): start from a random token, never from a fixed one.
        RegistryVersion.objects.bulk_create([RegistryVersion(pk=ROW, value=uuid.uuid4())], ignore_conflicts=True)
        value = RegistryVersion.objects.filter(pk=ROW).values_list("value", flat=True).first()
    return str(value)


def bump(*args, **kwargs) -> None:
    """Signal receiver and plain function alike."""
    if RegistryVersion.objects.filter(pk=ROW).update(value=uuid.uuid4()) == 0:
        current()
