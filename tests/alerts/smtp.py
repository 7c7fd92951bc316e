"""A real SMTP server on loopback for tests (aiosmtpd), with scripted replies and a way to stall it."""

from __future__ import annotations

import asyncio
import email
import socket
import threading

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class RecordingHandler:
    """Accepts mail and keeps it. ``replies`` are answered to DATA first, one each (e.g. "451 ...").

    ``stall`` = "rcpt" or "data" holds the first session at that step until ``release`` is set; with
    "data" the message has already been received (and is kept), like a server that stored it and
    then went quiet before replying.
    """

    def __init__(self):
        self.lock = threading.Lock()
        self.reset()

    def reset(self, *, replies=(), stall=None, drop_during_data=False):
        with getattr(self, "lock", threading.Lock()):
            self.messages: list[bytes] = []
            self.replies = list(replies)
            self.stall = stall
            self.stalled = False
            self.drop_during_data = drop_during_data
            self.arrived = threading.Event()
            self.release = threading.Event()

    async def _hold(self):
        self.arrived.set()
        while not self.release.is_set():
            await asyncio.sleep(0.05)

    def _take_stall(self, step) -> bool:
        with self.lock:
            if self.stall == step and not self.stalled:
                self.stalled = True
                return True
        return False

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self._take_stall("rcpt"):
            await self._hold()
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            reply = self.replies.pop(0) if self.replies else None
        if reply:
            return reply
        with self.lock:
            self.messages.append(envelope.content)
        if self.drop_during_data:
            self.drop_during_data = False
            server.transport.close()  # stored, but the client never hears back
            return "250 OK"
        if self._take_stall("data"):
            await self._hold()
        return "250 Message accepted for delivery"

    def message_ids(self) -> list[str]:
        with self.lock:
            return [email.message_from_bytes(m)["Message-ID"] for m in self.messages]

    def subjects(self) -> list[str]:
        with self.lock:
            return [str(email.message_from_bytes(m)["Subject"]) for m in self.messages]


class SmtpServer:
    def __init__(self):
        self.handler = RecordingHandler()
        self.port = free_port()
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}"

    def __enter__(self):
        self.controller.start()
        return self

    def __exit__(self, *exc):
        self.handler.release.set()
        self.controller.stop()
