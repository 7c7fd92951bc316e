"""Static files in production: content-hashed names, gzip and Brotli copies, served for a year as immutable.

``collectstatic`` (``make serve`` and the README's Production section run it) writes every file under a name that
carries a hash of its content (``plotly-basic.0123abcd4567.min.js``) plus ``.gz`` and ``.br`` copies, and a
manifest mapping each name to its hashed name. ``{% static %}`` writes the hashed name into the pages, and
WhiteNoise serves hashed names with ``Cache-Control: max-age=315360000, public, immutable`` and the compressed copy
the browser accepts. A changed file gets a new name, so a year-long cache never serves a stale one; a repeat visit
fetches only the HTML.

Compression is the slow part of collectstatic (Brotli at its best quality), so only the hashed names, which the
pages use, are compressed, and only once: a hashed name is its content, so compressed copies already beside it
are still right and a second collectstatic (every ``make serve``) compresses only what changed. Source maps
(``.map``, fetched by developer tools only) are not compressed.

Where collectstatic has never run (no manifest at all: the in-process benchmarks with ``DEBUG=0``), names are
left as they are instead of failing every page; once a manifest exists it is strict, so a file missing from it is
an error, as in Django's own storage.
"""

from __future__ import annotations

import logging
import re

from whitenoise.storage import CompressedManifestStaticFilesStorage

log = logging.getLogger(__name__)

_HASHED = re.compile(r"\.[0-9a-f]{12}(\.[^/]*)?$")  # ManifestStaticFilesStorage's 12 hex digits before the suffix


class HashedCompressedStaticFiles(CompressedManifestStaticFilesStorage):
    _warned = False  # the missing manifest is said once per process

    def stored_name(self, name):
        if not self.hashed_files and not self.exists(self.manifest_name):
            if not HashedCompressedStaticFiles._warned:
                HashedCompressedStaticFiles._warned = True
                log.warning("No static files manifest (collectstatic has not run): files keep their own names")
            return name
        return super().stored_name(name)

    def compress_files(self, paths):
        todo = [path for path in paths if _HASHED.search(path)
                and not (self.exists(path + ".br") or self.exists(path + ".gz"))]
        yield from super().compress_files(todo)
