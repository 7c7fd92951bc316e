"""Give a new constellation its default membership rules (fresh databases load constellations after migrate)."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from constellations.models import Constellation


@receiver(post_save, sender=Constellation, dispatch_uid="constellations.seed_default_rules")
def seed_rules_for_new_constellation(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        from constellations.rules import seed_default_rules

        seed_default_rules(instance)
