from django.db import migrations


def create_editors(apps, schema_editor):
    apps.get_model("auth", "Group").objects.get_or_create(name="editors")


class Migration(migrations.Migration):
    """The "editors" group: its members create and change filings, shells and sources through the API."""

    dependencies = [("accounts", "0001_initial"), ("auth", "0012_alter_user_first_name_max_length")]
    operations = [migrations.RunPython(create_editors, migrations.RunPython.noop)]
