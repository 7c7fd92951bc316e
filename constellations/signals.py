"""Give a new constellation its default membership rules (fresh databases load constellations after migrate);
retire cached attributions when an explicit assignment changes."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from changelog import versions
from constellations.models import Constellation, FilingAssignment


@receiver(post_save, sender=Constellation, dispatch_uid="constellations.seed_default_rules")
def seed_rules_for_new_constellation(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        from constellations.rules import seed_default_rules

        seed_default_rules(instance)


@receiver(post_save, sender=FilingAssignment, dispatch_uid="constellations.assignment_saved")
@receiver(post_delete, sender=FilingAssignment, dispatch_uid="constellations.assignment_deleted")
def assignments_changed(sender, instance, raw=False, **kwargs):
    # The attribution (and every series built on it) is cached under the registry's version token.
    if not raw:
        versions.bump()
