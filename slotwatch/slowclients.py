"""Slow clients must not hold the server (issue 18, "High").

The production server is gunicorn's asyncio ASGI worker (``slotwatch.server.Worker``): a connection waiting for a
client costs a socket and a little memory, never a worker or a thread, so clients that trickle their headers or
bodies do not stop the others being answered. What remains is to stop such clients holding sockets for ever:

- ``RequestBodyDeadline`` (here, ASGI middleware, no Django): a request body that pauses for longer than
  ``idle_seconds`` between two chunks, or is not complete ``total_seconds`` after the headers, is answered
  408 Request Timeout and the connection closed. The view never runs: Django reads the whole body before it
  calls the view, so a body that never arrives never reaches the one thread in which the worker runs views.
- ``slotwatch.server``: headers not complete within ``SLOTWATCH_SLOW_CLIENT_SECONDS`` of connecting close the
  connection (gunicorn's own keep-alive timer covers the wait for a second request on a connection).
"""

from __future__ import annotations

import asyncio

_TIMEOUT_BODY = b"The request body did not arrive in time.\n"


class RequestBodyDeadline:
    """ASGI middleware: a slow request body is cut off with 408 instead of being waited for."""

    def __init__(self, app, *, idle_seconds: float, total_seconds: float):
        self.app = app
        self.idle_seconds = idle_seconds
        self.total_seconds = total_seconds

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.total_seconds
        state = {"body_done": False, "timed_out": False, "started": False}

        async def guarded_receive():
            if state["body_done"] or state["timed_out"]:
                # After the body the application only listens for a disconnect: that wait is not bounded.
                return await receive()
            wait = min(self.idle_seconds, deadline - loop.time())
            try:
                message = await asyncio.wait_for(receive(), timeout=max(wait, 0.0))
            except TimeoutError:
                state["timed_out"] = True
                # Django treats this as a client that went away (RequestAborted) and sends nothing; the 408
                # below is then the only answer.
                return {"type": "http.disconnect"}
            if message["type"] != "http.request" or not message.get("more_body", False):
                state["body_done"] = True
            return message

        async def tracked_send(message):
            if message["type"] == "http.response.start":
                state["started"] = True
            await send(message)

        await self.app(scope, guarded_receive, tracked_send)
        if state["timed_out"] and not state["started"]:
            await send({
                "type": "http.response.start",
                "status": 408,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"), (b"connection", b"close"),
                            (b"content-length", str(len(_TIMEOUT_BODY)).encode())],
            })
            await send({"type": "http.response.body", "body": _TIMEOUT_BODY})
