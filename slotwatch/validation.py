"""Text the registry stores is text: no control characters (one check, run by every model's ``full_clean``).

A control character in a stored title or name broke every spreadsheet export of its list (openpyxl refuses
them), and one-line fields are shown and exported as one line. So every ``CharField`` refuses C0 and C1 control
characters (tab included), line breaks and the Unicode line/paragraph separators; a ``TextField`` (notes) keeps
tab, LF and CR. Models mix in ``CleanText``; ``full_clean()`` (admin forms, the API's serializers, the reference
loaders, ``save()`` where the model runs it) reports each offending field with the same message.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.db import models

__all__ = ("CleanText", "refuse_control_characters")

_ONE_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_MULTI_LINE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")


def refuse_control_characters(value, *, multiline: bool = False) -> None:
    if not isinstance(value, str):
        return
    found = (_MULTI_LINE if multiline else _ONE_LINE).search(value)
    if found:
        raise ValidationError(
            "Remove the control character U+%(code)04X at position %(position)d: text fields hold printable text"
            "%(breaks)s.",
            code="control_character",
            params={"code": ord(found.group()), "position": found.start() + 1,
                    "breaks": " and line breaks" if multiline else " on one line"},
        )


class CleanText:
    """Mixed into a model: its text fields refuse control characters in ``full_clean()``."""

    def clean_fields(self, exclude=None):
        errors = {}
        try:
            super().clean_fields(exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for field in self._meta.concrete_fields:
            if exclude and field.name in exclude or field.name in errors:
                continue
            if isinstance(field, (models.CharField, models.TextField)):
                try:
                    refuse_control_characters(getattr(self, field.attname),
                                              multiline=isinstance(field, models.TextField))
                except ValidationError as error:
                    errors[field.name] = error.error_list
        if errors:
            raise ValidationError(errors)
