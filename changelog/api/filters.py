import django_filters
from django.contrib.auth import get_user_model

from changelog.models import ChangeRecord
from slotwatch.filtersets import MomentRangeFilter, RegistryFilterSet

User = get_user_model()


class ChangeRecordFilterSet(RegistryFilterSet):
    time = MomentRangeFilter()
    user = django_filters.CharFilter(field_name="user_name", label="User name (exact).")
    user_id = django_filters.ModelMultipleChoiceFilter(field_name="user", queryset=User.objects.all())
    via = django_filters.MultipleChoiceFilter(choices=[("api", "API"), ("admin", "admin"), ("web", "web page")])
    action = django_filters.MultipleChoiceFilter(choices=ChangeRecord.Action.choices)
    object_type = django_filters.CharFilter(field_name="object_type__model", label="Model name, e.g. filing.")
    object_id = django_filters.NumberFilter()
    object_repr = django_filters.CharFilter(lookup_expr="icontains")
    related_type = django_filters.CharFilter(field_name="related_type__model")
    related_id = django_filters.NumberFilter()
    request_id = django_filters.UUIDFilter()

    class Meta:
        model = ChangeRecord
        fields = []
