"""Hand one e-mail to the configured backend, telling the caller the moment SMTP DATA begins.

``send(message, before_data)`` returns None on success and raises ``TransportError`` otherwise.
``before_data()`` runs after the server has accepted the sender and the recipient and before the
message itself is transmitted; if it raises, nothing is transmitted. That moment matters: before it
the server cannot have the message, so resending is safe; after it, a lost connection leaves the
outcome unknown (RFC 1047), and ``TransportError.ambiguous`` says so.

Errors are classified like healthchecks' transports: SMTP 4xx replies, refused connections and
timeouts are temporary; 5xx replies are permanent.
"""

from __future__ import annotations

import smtplib
from collections.abc import Callable

from django.core.mail import get_connection
from django.core.mail.backends.smtp import EmailBackend as SmtpBackend
from django.core.mail.message import sanitize_address

__all__ = ["TransportError", "send"]


class TransportError(Exception):
    def __init__(self, message: str, *, permanent: bool = False, code: int | None = None, ambiguous: bool = False):
        super().__init__(message)
        self.message = message
        self.permanent = permanent
        self.code = code
        self.ambiguous = ambiguous  # DATA had begun and no reply came: the server may have the message


def send(message, before_data: Callable[[], None]) -> None:
    connection = get_connection()
    if isinstance(connection, SmtpBackend):
        _send_smtp(connection, message, before_data)
        return
    # File, console and locmem backends: there is no server to ask, so the hand-over is the call itself.
    before_data()
    try:
        connection.send_messages([message])
    except Exception as exc:  # noqa: BLE001 - any backend failure is recorded, and retried as temporary
        raise TransportError(f"{type(exc).__name__}: {exc}") from exc


def _reply_error(stage: str, code: int, reply: bytes | str) -> TransportError:
    text = reply.decode(errors="replace") if isinstance(reply, bytes) else str(reply)
    return TransportError(f"{stage}: {code} {text}".strip(), permanent=500 <= code < 600, code=code)


def _send_smtp(backend: SmtpBackend, message, before_data) -> None:
    try:
        backend.open()
    except smtplib.SMTPResponseException as exc:  # e.g. 421 on connect, 535 on login
        raise _reply_error("connect", exc.smtp_code, exc.smtp_error) from exc
    except (OSError, smtplib.SMTPException) as exc:  # refused, unreachable, timed out
        raise TransportError(f"connect: {type(exc).__name__}: {exc}") from exc
    smtp = backend.connection
    data_started = False
    try:
        encoding = message.encoding or "utf-8"
        sender = sanitize_address(message.from_email, encoding)
        recipients = [sanitize_address(addr, encoding) for addr in message.recipients()]
        payload = message.message().as_bytes(linesep="\r\n")
        smtp.ehlo_or_helo_if_needed()
        code, reply = smtp.mail(sender)
        if code != 250:
            raise _reply_error("MAIL FROM", code, reply)
        for recipient in recipients:
            code, reply = smtp.rcpt(recipient)
            if code not in (250, 251):
                raise _reply_error(f"RCPT TO {recipient}", code, reply)
        before_data()
        data_started = True
        code, reply = smtp.data(payload)
        if code != 250:
            raise _reply_error("DATA", code, reply)
    except TransportError:
        _reset(smtp)
        raise
    except (OSError, smtplib.SMTPException) as exc:
        if isinstance(exc, smtplib.SMTPResponseException):
            error = _reply_error("SMTP", exc.smtp_code, exc.smtp_error)
        else:
            error = TransportError(f"{type(exc).__name__}: {exc}", ambiguous=data_started)
        raise error from exc
    except BaseException:
        _reset(smtp)
        raise
    finally:
        backend.close()


def _reset(smtp) -> None:
    try:
        smtp.rset()
    except (OSError, smtplib.SMTPException):
        pass
