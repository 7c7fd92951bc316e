from django.contrib import admin, messages
from django.utils import timezone

from accounts.models import Token
from slotwatch.security import ThrottledAdminAuthenticationForm

admin.site.login_form = ThrottledAdminAuthenticationForm  # says why a throttled sign-in is refused


@admin.register(Token)
class TokenAdmin(admin.ModelAdmin):
    list_display = ("name", "user", "hint", "created_at", "last_used_at", "expires_at", "revoked_at")
    list_filter = ("revoked_at",)
    search_fields = ("name", "user__username", "hint")
    autocomplete_fields = ("user",)
    readonly_fields = ("hint", "created_at", "last_used_at", "revoked_at")
    actions = ["revoke"]

    def get_readonly_fields(self, request, obj=None):
        # A token's owner is fixed once it exists.
        return (*self.readonly_fields, "user") if obj else self.readonly_fields

    def save_model(self, request, obj, form, change):
        if not change:
            issued, secret = Token.issue(obj.user, obj.name, obj.expires_at)
            obj.pk, obj.digest, obj.hint = issued.pk, issued.digest, issued.hint
            self.message_user(
                request,
                f"Token created. Its secret is shown this once; copy it now: {secret}",
                messages.WARNING,
            )
            return
        super().save_model(request, obj, form, change)

    @admin.action(description="Revoke the selected tokens")
    def revoke(self, request, queryset):
        count = queryset.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
        self.message_user(request, f"{count} token(s) revoked.")


