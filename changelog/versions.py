"""Version tokens read by the caches (API responses, dashboard figures), replaced whenever their data changes.

Two tokens, so that what changes often does not retire what changes rarely:

* ``REGISTRY``: filings, shells and every other tracked record (bumped by the model signals, changelog.signals,
  and by writes that bypass them);
* ``RESULTS``: the materialised milestone results (bumped by compliance.storage.store_batch, which the daily
  evaluation and the alert pipeline run many times a day).

A page or answer built from both is cached under both.
"""

import uuid

from changelog.models import RegistryVersion

REGISTRY = 1
RESULTS = 2


def current(token: int = REGISTRY) -> str:
    value = RegistryVersion.objects.filter(pk=token).values_list("value", flat=True).first()
    if value is None:
        # First use (or a fresh test database): start from a random token, never from a fixed one.
        RegistryVersion.objects.bulk_create([RegistryVersion(pk=token, value=uuid.uuid4())], ignore_conflicts=True)
        value = RegistryVersion.objects.filter(pk=token).values_list("value", flat=True).first()
    return str(value)


def current_all() -> str:
    """Both tokens in one query, for caches whose answers read the registry and the results."""
    values = dict(RegistryVersion.objects.filter(pk__in=(REGISTRY, RESULTS)).values_list("pk", "value"))
    if len(values) < 2:
        return f"{current(REGISTRY)}:{current(RESULTS)}"
    return f"{values[REGISTRY]}:{values[RESULTS]}"


def bump(*args, token: int = REGISTRY, **kwargs) -> None:
    """Signal receiver and plain function alike."""
    if RegistryVersion.objects.filter(pk=token).update(value=uuid.uuid4()) == 0:
        current(token)


def bump_results() -> None:
    bump(token=RESULTS)
