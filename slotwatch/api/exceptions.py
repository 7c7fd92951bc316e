"""Turn the Django errors a write can raise into clean API answers instead of a 500."""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import ProtectedError, RestrictedError
from rest_framework import exceptions, status
from rest_framework.views import exception_handler as drf_exception_handler

from slotwatch.api.serializers import model_errors

__all__ = ("Conflict", "PayloadTooLarge", "exception_handler")


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "The request conflicts with stored records."
    default_code = "conflict"


class PayloadTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "payload_too_large"

    def __init__(self):
        super().__init__(f"The request body is larger than {settings.DATA_UPLOAD_MAX_MEMORY_SIZE:,} bytes.")


def exception_handler(exc, context):
    if isinstance(exc, (ProtectedError, RestrictedError)):
        blocking = list(getattr(exc, "protected_objects", None) or getattr(exc, "restricted_objects", []))
        shown = ", ".join(f"{obj._meta.verbose_name} {obj} ({obj.pk})" for obj in blocking[:20])
        more = f" and {len(blocking) - 20} more" if len(blocking) > 20 else ""
        exc = Conflict(f"Cannot delete: {len(blocking)} records depend on it: {shown}{more}.")
    elif isinstance(exc, RequestDataTooBig):  # Django's HTML 400 otherwise
        exc = PayloadTooLarge()
    elif isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(model_errors(exc))
    return drf_exception_handler(exc, context)
