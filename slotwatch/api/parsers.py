"""The API's JSON parser: DRF's, with the two hostile bodies answered as JSON errors instead of a 500 or an HTML 400.

* A body over ``DATA_UPLOAD_MAX_MEMORY_SIZE`` (Django's 2.5 MB default) stops Django reading it with
  ``RequestDataTooBig``, which Django answered with an HTML "Bad Request": a JSON 413 (DRF reads the body before
  the parser runs, so ``slotwatch.api.exceptions.exception_handler`` turns it; the parser does too, for streams).
* Deeply nested JSON (``[[[[...]]]]``) exhausts the decoder's recursion (``RecursionError``, a 500): here it is a
  400, and so is anything nested deeper than ``MAX_DEPTH``, which no resource of this API needs (a filing with
  its shells, bands and sources is four levels deep).
"""

from django.core.exceptions import RequestDataTooBig
from rest_framework import exceptions, parsers

from slotwatch.api.exceptions import PayloadTooLarge

__all__ = ("JSONParser",)

MAX_DEPTH = 32


def depth(value) -> int:
    """How deeply lists and objects nest in ``value``, counted without recursion."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, (list, dict)):
            deepest = max(deepest, level)
            stack.extend((child, level + 1) for child in (item.values() if isinstance(item, dict) else item))
    return deepest


class JSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RequestDataTooBig:
            raise PayloadTooLarge() from None
        except RecursionError:
            raise exceptions.ParseError(f"JSON parse error - nested deeper than {MAX_DEPTH} levels.") from None
        if depth(data) > MAX_DEPTH:
            raise exceptions.ParseError(f"JSON parse error - nested deeper than {MAX_DEPTH} levels.")
        return data
