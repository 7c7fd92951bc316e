"""Exports answered from the cache while their data has not changed.

An export (``?format=csv|xlsx`` of a list) reads every matching row: seconds of CPU for the whole catalog as xlsx.
The file is kept in the default cache under the data's version: ``changelog.versions`` tokens for registry lists,
and, for lists the registry version does not track (written in bulk by the catalog import or the scoring), the
tokens plus the row count and newest change time of the table (``export_version_field``). Any change makes a new
key, so a stale file is never served; old entries expire (``SLOTWATCH_API_CACHE_SECONDS``). Files larger than
``SLOTWATCH_API_EXPORT_CACHE_BYTES`` are streamed and not kept.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Max
from django.http import FileResponse, HttpResponse, StreamingHttpResponse

from changelog import versions

__all__ = ("cached_export", "data_version")

_HEADERS = ("Content-Type", "Content-Disposition")


def data_version(view) -> str | None:
    """The version of the data behind ``view``'s list, or None when nothing tells when it changed."""
    if view.cacheable:
        return versions.current_all()
    field = getattr(view, "export_version_field", None)
    if not field:
        return None
    model = view.get_queryset().model
    facts = model._default_manager.aggregate(rows=Count("pk"), newest=Max(field), last=Max("pk"))
    return f"{versions.current_all()}:{facts['rows']}:{facts['last']}:{facts['newest']}"


def _key(request, fmt: str, version: str) -> str:
    path = hashlib.sha256(f"{fmt}\0{request.get_full_path()}".encode()).hexdigest()
    return f"slotwatch:export:{hashlib.sha256(version.encode()).hexdigest()[:32]}:{path}"


def _stored(response, body: bytes) -> dict:
    return {"body": body, "headers": {name: response[name] for name in _HEADERS if name in response}}


def _streamed_and_kept(chunks, stored: dict, key: str, seconds: int, limit: int):
    parts, size = [], 0
    for chunk in chunks:
        if parts is not None:
            size += len(chunk)
            if size <= limit:
                parts.append(chunk)
            else:
                parts = None  # too large to keep: stream the rest only
        yield chunk
    if parts is not None:  # only a complete file is kept
        cache.set(key, {**stored, "body": b"".join(parts)}, seconds)


def cached_export(view, request, fmt: str, build):
    """``build()``'s response (a CSV stream or an XLSX file), or the same bytes from the cache."""
    seconds = settings.SLOTWATCH_API_CACHE_SECONDS
    limit = settings.SLOTWATCH_API_EXPORT_CACHE_BYTES
    version = data_version(view) if seconds and limit else None
    if version is None:
        return build()
    key = _key(request, fmt, version)
    hit = cache.get(key)
    if hit is not None:
        response = HttpResponse(hit["body"])
        for name, value in hit["headers"].items():
            response[name] = value
        response["X-Slotwatch-Export-Cache"] = "hit"
        return response
    response = build()
    if isinstance(response, FileResponse):
        handle = response.file_to_stream
        size = handle.seek(0, 2)
        handle.seek(0)
        if size <= limit:
            cache.set(key, _stored(response, handle.read()), seconds)
            handle.seek(0)
    elif isinstance(response, StreamingHttpResponse):
        chunks = response.streaming_content  # read before it is replaced by the wrapper that reads it
        response.streaming_content = _streamed_and_kept(chunks, _stored(response, b""), key, seconds, limit)
    return response
