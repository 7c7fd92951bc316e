from django.apps import AppConfig


class ConstellationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "constellations"

    def ready(self):
        from constellations import signals  # noqa: F401  (registers the receivers)
