from django.contrib import admin, messages

from alerts import delivery as sending
from alerts.forms import SubscriptionForm
from alerts.models import Alert, Delivery, DeliveryAttempt, Subscription


class SubscriptionAdminForm(SubscriptionForm):
    class Meta(SubscriptionForm.Meta):
        fields = ["user", "active", *SubscriptionForm.Meta.fields]


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    form = SubscriptionAdminForm
    list_display = ("__str__", "user", "all_filings", "delivery_mode", "time_zone", "active", "created_at")
    list_filter = ("active", "delivery_mode", "all_filings")
    search_fields = ("name", "email", "user__username", "user__email")
    filter_horizontal = ("administrations", "operators", "constellations")
    raw_id_fields = ("user", "filings")


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows the pipeline writes: people look, and act through explicit actions only."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class AttemptInline(admin.TabularInline):
    model = DeliveryAttempt
    extra = 0
    can_delete = False
    fields = readonly_fields = ("started_at", "finished_at", "outcome", "smtp_code", "error", "claim_token")

    def has_add_permission(self, request, obj=None):
        return False


class AlertInline(admin.TabularInline):
    model = Alert
    extra = 0
    can_delete = False
    fields = readonly_fields = ("key", "trigger", "code", "lead_days", "due_date", "as_of")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Delivery)
class DeliveryAdmin(ReadOnlyAdmin):
    list_display = ("subject", "to_address", "kind", "status", "attempts", "created_at", "sent_at", "last_error")
    list_filter = ("status", "kind")
    search_fields = ("key", "subject", "to_address", "message_id")
    date_hierarchy = "created_at"
    inlines = [AlertInline, AttemptInline]
    actions = ["resend"]

    @admin.action(description="Send again (failed, uncertain or cancelled; same Message-ID)")
    def resend(self, request, queryset):
        count = sum(sending.resend(pk) for pk in queryset.values_list("pk", flat=True))
        self.message_user(request, f"{count} delivery(ies) will be sent again by the next sweep.", messages.SUCCESS)


@admin.register(Alert)
class AlertAdmin(ReadOnlyAdmin):
    list_display = ("key", "trigger", "code", "lead_days", "due_date", "as_of", "delivery")
    list_filter = ("trigger", "code")
    search_fields = ("key",)
    raw_id_fields = ("delivery", "milestone", "filing", "subscription")
