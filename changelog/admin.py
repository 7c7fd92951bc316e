from django.contrib import admin

from changelog.models import ChangeRecord


@admin.register(ChangeRecord)
class ChangeRecordAdmin(admin.ModelAdmin):
    list_display = ("time", "user_name", "via", "action", "object_type", "object_repr")
    list_filter = ("action", "via", "object_type")
    search_fields = ("object_repr", "user_name")
    date_hierarchy = "time"
    list_select_related = ("object_type",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
