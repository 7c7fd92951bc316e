from django.contrib import admin

from constellations.models import Constellation, DeploymentReport
from filings.admin import SourcedAdmin


@admin.register(Constellation)
class ConstellationAdmin(SourcedAdmin):
    list_display = ("name", "key", "operator", "administration", "confidence")
    list_filter = ("administration",)
    search_fields = ("key", "name", "operator__name")
    autocomplete_fields = ("operator", "administration")


@admin.register(DeploymentReport)
class DeploymentReportAdmin(SourcedAdmin):
    list_display = ("__str__", "as_of", "in_orbit", "launched", "confidence")
    list_filter = ("confidence", "constellation")
    search_fields = ("basis", "constellation__name", "filing__name")
    autocomplete_fields = ("constellation", "filing")
    date_hierarchy = "as_of"


# --- catalog ----------------------------------------------------------------------------------------------

from django.contrib import messages  # noqa: E402

from constellations.models import CatalogImport, FilingAssignment, MembershipRule, SpaceObject  # noqa: E402


@admin.register(SpaceObject)
class SpaceObjectAdmin(admin.ModelAdmin):
    list_display = ("norad_id", "name", "cospar_id", "object_type", "constellation", "membership_basis",
                    "orbit_state", "shell", "mean_altitude_km", "inclination_deg", "launch_date", "decay_date", "epoch")
    list_filter = ("constellation", "orbit_state", "object_type", "membership_basis", "launch_date_estimated")
    search_fields = ("=norad_id", "name", "cospar_id")
    list_select_related = ("constellation", "shell__filing")
    readonly_fields = [f.name for f in SpaceObject._meta.fields]
    show_full_result_count = False  # counting 60,000+ rows on every page is wasted work

    def has_add_permission(self, request):
        return False  # objects come from import_catalog

    def has_change_permission(self, request, obj=None):
        return False  # membership is changed with a NORAD rule (MembershipRule), not by editing the object


@admin.register(MembershipRule)
class MembershipRuleAdmin(admin.ModelAdmin):
    list_display = ("constellation", "kind", "pattern", "notes", "created_at")
    list_filter = ("constellation", "kind")
    search_fields = ("pattern", "notes", "constellation__name")
    autocomplete_fields = ("constellation",)

    def _recompute(self, request):
        from constellations.importer import recompute_catalog

        changed = recompute_catalog()
        messages.info(request, f"Membership recomputed: {changed} object(s) changed.")

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        self._recompute(request)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        self._recompute(request)

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        self._recompute(request)


@admin.register(CatalogImport)
class CatalogImportAdmin(admin.ModelAdmin):
    list_display = ("file_name", "format", "data_as_of", "status", "created", "updated", "unchanged", "rejected",
                    "started_at", "finished_at")
    list_filter = ("status", "format")
    search_fields = ("file_name", "sha256", "content_sha256")
    readonly_fields = [f.name for f in CatalogImport._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(FilingAssignment)
class FilingAssignmentAdmin(admin.ModelAdmin):
    """Explicit assignments (rule (a) of constellations.attribution): they win over any orbit."""

    list_display = ("filing", "kind", "pattern", "source", "notes", "created_at")
    list_filter = ("kind", "filing__constellation")
    search_fields = ("pattern", "notes", "filing__key", "filing__name")
    autocomplete_fields = ("filing", "source")


from constellations.models import SyncRecord  # noqa: E402


@admin.register(SyncRecord)
class SyncRecordAdmin(admin.ModelAdmin):
    list_display = ("source", "url", "outcome", "bytes", "created", "updated", "rejected", "started_at",
                    "finished_at")
    list_filter = ("source", "outcome")
    search_fields = ("url", "message", "content_sha256")
    readonly_fields = [f.name for f in SyncRecord._meta.fields]
    date_hierarchy = "started_at"

    def has_add_permission(self, request):
        return False  # written by manage.py sync and its Celery task

    def has_change_permission(self, request, obj=None):
        return False
