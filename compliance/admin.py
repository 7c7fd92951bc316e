from django.contrib import admin

from compliance.models import FilingScore, Milestone


@admin.register(Milestone)
class MilestoneAdmin(admin.ModelAdmin):
    list_display = ("filing", "title", "status", "due_date", "required", "deployed", "shortfall")
    list_filter = ("status", "regime", "code", "filing__administration")
    search_fields = ("filing__name", "title", "provision")
    date_hierarchy = "due_date"
    list_select_related = ("filing",)

    def has_add_permission(self, request):
        return False  # computed by the rules core, never typed in

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(FilingScore)
class FilingScoreAdmin(admin.ModelAdmin):
    list_display = ("filing", "total", "deployment_feasibility", "contention", "compute_yield", "satellites",
                    "computed_at")
    list_filter = ("filing__administration",)
    search_fields = ("filing__name", "unscored_reason")
    list_select_related = ("filing",)
    readonly_fields = [f.name for f in FilingScore._meta.fields]

    def has_add_permission(self, request):
        return False  # computed by the engine, never typed in
