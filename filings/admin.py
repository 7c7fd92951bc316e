from django.contrib import admin
from django.db.models import F

from filings.models import (
    Administration,
    Filing,
    FilingNotice,
    FilingShell,
    FrequencyBand,
    ItuListEntry,
    MilestoneCondition,
    Operator,
    Source,
    Waiver,
)


def sources_inline(model):
    """An inline that lists a model's sources in its admin page."""
    return type(
        f"{model.__name__}SourceInline",
        (admin.TabularInline,),
        {"model": model.sources.through, "extra": 0, "autocomplete_fields": ["source"],
         "verbose_name": "source", "verbose_name_plural": "sources"},
    )


class SourcedAdmin(admin.ModelAdmin):
    exclude = ("sources",)

    def get_inlines(self, request, obj):
        return [*super().get_inlines(request, obj), sources_inline(self.model)]


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ("title", "publisher", "accessed_on", "url")
    list_filter = ("publisher",)
    search_fields = ("key", "title", "publisher", "url")


@admin.register(Administration)
class AdministrationAdmin(SourcedAdmin):
    list_display = ("name", "iso_code", "itu_symbol", "confidence")
    list_filter = ("confidence",)
    search_fields = ("name", "iso_code", "itu_symbol")


@admin.register(Operator)
class OperatorAdmin(SourcedAdmin):
    list_display = ("short_name", "name", "administration", "confidence")
    list_filter = ("administration", "confidence")
    search_fields = ("key", "name", "short_name")
    autocomplete_fields = ("administration",)


class FilingShellInline(admin.TabularInline):
    model = FilingShell
    extra = 0
    exclude = ("sources", "notes")


class FrequencyBandInline(admin.TabularInline):
    model = FrequencyBand
    extra = 0
    exclude = ("sources", "notes")


class MilestoneConditionInline(admin.TabularInline):
    model = MilestoneCondition
    extra = 0
    exclude = ("sources",)


class WaiverInline(admin.TabularInline):
    model = Waiver
    extra = 0
    exclude = ("sources",)


class FilingNoticeInline(admin.TabularInline):
    model = FilingNotice
    extra = 0
    exclude = ("sources", "notes")


@admin.register(Filing)
class FilingAdmin(SourcedAdmin):
    list_display = (
        "name", "regulator", "kind", "administration", "operator", "satellites_filed",
        "satellites_authorised", "date_of_receipt", "grant_date", "status", "confidence",
    )
    list_filter = ("regulator", "kind", "status", "administration", "operator", "res35_applies", "confidence")
    search_fields = ("key", "name", "reference", "itu_network_name", "operator__name", "notes")
    autocomplete_fields = ("administration", "operator", "constellation", "parent")
    date_hierarchy = "date_of_receipt"
    inlines = [FilingShellInline, FrequencyBandInline, MilestoneConditionInline, WaiverInline, FilingNoticeInline]
    list_select_related = ("administration", "operator")


@admin.register(FilingShell)
class FilingShellAdmin(SourcedAdmin):
    list_display = ("filing", "ordinal", "altitude_label", "inclination_label", "planes",
                    "satellites_per_plane", "satellite_count", "confidence")
    list_filter = ("sun_synchronous", "confidence", "filing__administration")
    search_fields = ("filing__name", "filing__key")
    autocomplete_fields = ("filing",)
    list_select_related = ("filing",)


@admin.register(MilestoneCondition)
class MilestoneConditionAdmin(SourcedAdmin):
    list_display = ("filing", "milestone", "due_date", "confidence")
    list_filter = ("milestone",)
    search_fields = ("filing__name",)
    autocomplete_fields = ("filing",)


@admin.register(Waiver)
class WaiverAdmin(SourcedAdmin):
    list_display = ("filing", "milestone", "kind", "granted_on", "extended_to", "confidence")
    list_filter = ("kind", "milestone")
    search_fields = ("filing__name",)
    autocomplete_fields = ("filing",)


@admin.register(FrequencyBand)
class FrequencyBandAdmin(SourcedAdmin):
    list_display = ("filing", "ordinal", "low_ghz", "high_ghz", "service", "direction", "label", "confidence")
    list_filter = ("service", "direction", "confidence")
    search_fields = ("filing__name", "filing__key", "label")
    autocomplete_fields = ("filing",)
    list_select_related = ("filing",)


@admin.register(FilingNotice)
class FilingNoticeAdmin(SourcedAdmin):
    list_display = ("filing", "kind", "submitted_on", "provision", "as_of", "satellites_declared", "total_after",
                    "confidence")
    list_filter = ("kind", "confidence", "filing__regulator")
    search_fields = ("filing__name", "filing__key", "provision", "notes")
    autocomplete_fields = ("filing",)
    date_hierarchy = "submitted_on"
    list_select_related = ("filing",)


class DeadlineMismatchFilter(admin.SimpleListFilter):
    title = "ITU expiry vs Slotwatch's No. 11.44 deadline"
    parameter_name = "deadline"

    def lookups(self, request, model_admin):
        return [("mismatch", "Differ"), ("match", "Agree")]

    def queryset(self, request, queryset):
        both = queryset.filter(expiry_date__isnull=False, computed_deadline__isnull=False)
        if self.value() == "mismatch":
            return both.exclude(expiry_date=F("computed_deadline"))
        if self.value() == "match":
            return both.filter(expiry_date=F("computed_deadline"))
        return queryset


@admin.register(ItuListEntry)
class ItuListEntryAdmin(admin.ModelAdmin):
    list_display = ("listed_name", "adm", "list_name", "status", "biu_date", "expiry_date", "computed_deadline",
                    "suspended_on", "resumption_due", "resumed_on", "list_date")
    list_filter = ("list_name", "status", DeadlineMismatchFilter, "suspension_type", "list_date")
    search_fields = ("listed_name", "filing__name", "filing__key", "adm", "notice_id")
    autocomplete_fields = ("filing", "source")
    date_hierarchy = "list_date"
    list_select_related = ("filing",)
    readonly_fields = [f.name for f in ItuListEntry._meta.fields]

    def has_add_permission(self, request):
        return False  # rows come from import_itu: they say what the ITU's list says

    def has_change_permission(self, request, obj=None):
        return False  # the next import would put the list's word back
