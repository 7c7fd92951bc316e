"""Seed the membership table from constellations.catalog.DEFAULT_RULES for constellations that exist.

Constellations created later (load_reference on a fresh database) get their default rules from the
post_save signal in constellations.signals; both paths share ``seed_default_rules``.
"""

from django.db import migrations


def seed(apps, schema_editor):
    from constellations.rules import seed_default_rules

    Constellation = apps.get_model("constellations", "Constellation")
    MembershipRule = apps.get_model("constellations", "MembershipRule")
    for constellation in Constellation.objects.all():
        seed_default_rules(constellation, MembershipRule)


class Migration(migrations.Migration):
    dependencies = [("constellations", "0003_catalog")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
