from rest_framework import serializers

from changelog.models import ChangeRecord


class ChangeRecordSerializer(serializers.ModelSerializer):
    user = serializers.CharField(source="user_name", read_only=True)
    object_type = serializers.CharField(source="object_type.model", read_only=True)
    related_type = serializers.CharField(source="related_type.model", read_only=True, allow_null=True, default=None)
    diff = serializers.JSONField(read_only=True, help_text="{field: [before, after]}")

    class Meta:
        model = ChangeRecord
        fields = [
            "id", "time", "user", "via", "action", "object_type", "object_id", "object_repr", "related_type",
            "related_id", "request_id", "diff",
        ]
        read_only_fields = fields
