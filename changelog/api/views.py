from changelog.api.filters import ChangeRecordFilterSet
from changelog.api.serializers import ChangeRecordSerializer
from changelog.models import ChangeRecord
from slotwatch.api.viewsets import RegistryReadOnlyViewSet


class ChangeRecordViewSet(RegistryReadOnlyViewSet):
    """Every recorded change, newest first (signed-in users only)."""

    queryset = ChangeRecord.objects.select_related("object_type", "related_type")
    serializer_class = ChangeRecordSerializer
    filterset_class = ChangeRecordFilterSet
    members_only = True
    cacheable = False  # recording a change does not change the registry version
    ordering = ["-time"]
    ordering_fields = ["time", "id", "object_id"]
    search_fields = ["object_repr", "user_name"]
    export_columns = {
        "id": "id", "time": "time", "user": "user_name", "via": "via", "action": "action",
        "object_type": "object_type__model", "object_id": "object_id", "object_repr": "object_repr",
        "related_type": "related_type__model", "related_id": "related_id", "request_id": "request_id",
        "diff": "diff",
    }
    export_name = "changes"
