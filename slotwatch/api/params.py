"""Query parameters of computed endpoints (``?as_of=``, ``?start=``): parsed strictly, a bad value is a 400 naming it."""

import datetime as dt
import re

from rest_framework.exceptions import ValidationError

__all__ = ("EARLIEST", "LATEST", "choice_param", "date_param")

# Dates a computed endpoint accepts: before the first satellite nothing is in orbit; far ahead nothing is filed.
EARLIEST = dt.date(1957, 1, 1)
LATEST = dt.date(2200, 12, 31)


def date_param(request, name: str, default: dt.date, low: dt.date = EARLIEST, high: dt.date = LATEST) -> dt.date:
    raw = request.query_params.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = dt.date.fromisoformat(raw) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw) else None
    except ValueError:
        value = None
    if value is None:
        raise ValidationError({name: [f"{raw[:40]!r} is not a date: use YYYY-MM-DD."]})
    if not low <= value <= high:
        raise ValidationError({name: [f"{name} must be between {low} and {high}."]})
    return value


def choice_param(request, name: str, choices: tuple[str, ...], default: str) -> str:
    raw = request.query_params.get(name)
    if raw is None or raw == "":
        return default
    if raw not in choices:
        raise ValidationError({name: [f"{raw[:40]!r} is not one of {', '.join(choices)}."]})
    return raw
