"""The production web server: gunicorn's asyncio ASGI worker with a deadline on request headers.

gunicorn's sync worker (the README's command until issue 18) serves one connection per process: four clients that
never finish their headers, or one POST that declares 1,000,000 bytes and sends 11, took every worker and nobody
else was answered for a minute. The ASGI worker waits for every client in one event loop, so a slow client
holds a socket, not the worker. gunicorn bounds the wait for a second request on a connection (``--keep-alive``)
but not the wait for the first request's headers; ``Worker`` adds that: a connection whose headers are not complete
``SLOTWATCH_SLOW_CLIENT_SECONDS`` after it opened is closed. The request body's deadline is in
``slotwatch.slowclients`` (the application side).

Run as ``gunicorn slotwatch.asgi --worker-class slotwatch.server.Worker ...`` (README "Production", ``make serve``).
"""

from __future__ import annotations

from gunicorn.asgi.protocol import ASGIProtocol
from gunicorn.workers import gasgi

DEFAULT_HEADER_SECONDS = 10.0


class HeaderDeadlineProtocol(ASGIProtocol):
    """gunicorn's HTTP/1 protocol, closing a connection whose first request's headers are late."""

    header_seconds = DEFAULT_HEADER_SECONDS
    _header_timer = None

    def connection_made(self, transport):
        super().connection_made(transport)
        self._header_timer = self.worker.loop.call_later(self.header_seconds, self._headers_late)

    def _on_headers_complete(self):
        self._cancel_header_timer()
        return super()._on_headers_complete()

    def connection_lost(self, exc):
        self._cancel_header_timer()
        return super().connection_lost(exc)

    def _cancel_header_timer(self):
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None

    def _headers_late(self):
        self._header_timer = None
        if self._current_request is None and not self._closed:
            self.log.info("Closing a connection whose request headers took over %s s", self.header_seconds)
            # gunicorn's keep-alive expiry does exactly this: close, and wake the connection's task to exit.
            self._keepalive_timeout()


class Worker(gasgi.ASGIWorker):
    def load_wsgi(self):
        super().load_wsgi()  # imports slotwatch.asgi, so Django's settings are ready
        from django.conf import settings

        HeaderDeadlineProtocol.header_seconds = settings.SLOTWATCH_SLOW_CLIENT_SECONDS
        # gunicorn builds each connection's protocol from this module-level name (gasgi._serve); this process
        # (one worker) uses ours.
        gasgi.ASGIProtocol = HeaderDeadlineProtocol
