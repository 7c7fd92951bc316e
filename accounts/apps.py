from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts and API tokens"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in, user_login_failed

        from accounts import schema  # noqa: F401 (registers the OpenAPI description of the tokens)
        from slotwatch.security import on_logged_in, on_login_failed

        # Sign-in throttling (slotwatch/security.py): count failures, forget them after a success.
        user_login_failed.connect(on_login_failed, dispatch_uid="slotwatch-login-failed")
        user_logged_in.connect(on_logged_in, dispatch_uid="slotwatch-logged-in")
