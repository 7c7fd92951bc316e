"""Celery beat's scheduler: the schedule in settings seeds the database, then the database wins.

django-celery-beat's DatabaseScheduler copies ``CELERY_BEAT_SCHEDULE`` into its PeriodicTask table
with ``update_or_create`` every time beat starts, so a time a member of staff changed in the admin
would silently return to the settings value at the next restart. This subclass only adds entries
that are not in the database yet: settings declare the defaults, the admin owns them afterwards.
To take a new default from settings, delete the row in the admin and restart beat.
"""

from django_celery_beat.models import PeriodicTask
from django_celery_beat.schedulers import DatabaseScheduler


class SeedingDatabaseScheduler(DatabaseScheduler):
    def update_from_dict(self, mapping):
        known = set(PeriodicTask.objects.filter(name__in=list(mapping)).values_list("name", flat=True))
        super().update_from_dict({name: entry for name, entry in mapping.items() if name not in known})
