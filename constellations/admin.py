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
