from django.apps import AppConfig


class ChangelogConfig(AppConfig):
    name = "changelog"
    verbose_name = "Change records"

    def ready(self):
        from changelog import signals

        signals.connect()
