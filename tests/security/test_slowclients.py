"""Slow request bodies are cut off (slotwatch.slowclients), and `make serve` refuses an unsafe configuration.

The server-level proof (50 slow clients against the real server) is tests/e2e/test_serve.py; these are the parts
that need no server.
"""

import asyncio
import os

import pytest

from scripts import serve
from slotwatch.slowclients import RequestBodyDeadline

SCOPE = {"type": "http", "method": "POST", "path": "/account/login/", "headers": []}


async def reading_app(scope, receive, send):
    """Reads the whole body as Django's ASGI handler does, then answers 200 with it; says nothing on a disconnect."""
    body = b""
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return
        body += message.get("body", b"")
        if not message.get("more_body"):
            break
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await send({"type": "http.response.body", "body": body})


def run(chunks, *, idle, total, gap):
    """Feed ``chunks`` ``gap`` seconds apart, then nothing; return what was sent and how long it took."""
    async def main():
        queue = list(chunks)

        async def receive():
            if not queue:
                await asyncio.sleep(3600)  # a client that stopped sending
            await asyncio.sleep(gap)
            body, more = queue.pop(0)
            return {"type": "http.request", "body": body, "more_body": more}

        sent = []

        async def send(message):
            sent.append(message)

        loop = asyncio.get_running_loop()
        started = loop.time()
        await RequestBodyDeadline(reading_app, idle_seconds=idle, total_seconds=total)(SCOPE, receive, send)
        return sent, loop.time() - started

    return asyncio.run(main())


def test_a_body_that_arrives_is_passed_on_whole():
    sent, _ = run([(b"user", True), (b"name=a", False)], idle=1, total=5, gap=0.01)
    assert sent[0]["status"] == 200 and sent[1]["body"] == b"username=a"


def test_a_body_that_stops_arriving_is_answered_408_after_the_idle_limit():
    # 11 bytes of a declared 1,000,000, then silence: cut after idle_seconds, not the 30 s a sync worker waited.
    sent, took = run([(b"username=ab", True)], idle=0.3, total=30, gap=0.01)
    assert [m["type"] for m in sent] == ["http.response.start", "http.response.body"]
    assert sent[0]["status"] == 408 and (b"connection", b"close") in sent[0]["headers"]
    assert 0.3 <= took < 2


def test_a_body_that_trickles_is_cut_at_the_total_limit():
    # Each chunk comes within the idle limit, but the whole body takes longer than total_seconds.
    sent, took = run([(b"x", True)] * 100, idle=0.5, total=0.6, gap=0.2)
    assert sent[0]["status"] == 408 and 0.6 <= took < 2


def test_other_scopes_pass_untouched():
    seen = []

    async def app(scope, receive, send):
        seen.append(scope["type"])

    asyncio.run(RequestBodyDeadline(app, idle_seconds=0.1, total_seconds=0.1)({"type": "websocket"}, None, None))
    assert seen == ["websocket"]


# -- make serve: what it refuses ------------------------------------------------------------------------------


@pytest.mark.parametrize("address", ["0.0.0.0:8000", "192.0.2.7:8000", "slotwatch.example.org:80", "[::]:8000",
                                     "127.0.0.1", "localhost:http"])
def test_serve_binds_loopback_only(address):
    with pytest.raises(ValueError):
        serve.loopback_host(address)


@pytest.mark.parametrize("address", ["127.0.0.1:8000", "127.0.0.2:9000", "[::1]:8000", "localhost:8106"])
def test_serve_accepts_loopback(address):
    assert serve.loopback_host(address)


def test_serve_keeps_one_generated_secret(tmp_path):
    env = serve.production_environment({"SLOTWATCH_VAR_DIR": str(tmp_path)}, "127.0.0.1:8000")
    assert env["DEBUG"] == "0" and len(env["SECRET_KEY"]) >= 50
    assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600
    again = serve.production_environment({"SLOTWATCH_VAR_DIR": str(tmp_path), "DEBUG": "1"}, "127.0.0.1:8000")
    assert again["SECRET_KEY"] == env["SECRET_KEY"] and again["DEBUG"] == "0"


def _environment(tmp_path, **extra):
    base = {key: value for key, value in os.environ.items()
            if key not in ("DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")}
    base.update(SLOTWATCH_VAR_DIR=str(tmp_path), DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}", **extra)
    return serve.production_environment(base, "127.0.0.1:8000")


def test_serve_starts_on_the_generated_configuration(tmp_path):
    assert serve.configuration_problems(_environment(tmp_path)) == []


@pytest.mark.parametrize("extra, refusal", [
    ({"SECRET_KEY": "short"}, "SECRET_KEY must be at least 50 characters"),
    ({"SECRET_KEY": "a" * 60}, "SECRET_KEY looks guessable"),  # one repeated character (issue 18)
    ({"ALLOWED_HOSTS": "127.0.0.1", "SLOTWATCH_PROXY_COUNT": "many"}, "SLOTWATCH_PROXY_COUNT"),
])
def test_serve_refuses_an_unsafe_configuration(tmp_path, extra, refusal):
    problems = serve.configuration_problems(_environment(tmp_path, **extra))
    assert any(refusal in problem for problem in problems), problems


def test_serve_shares_one_cache_between_its_workers_unless_told_otherwise(tmp_path):
    env = serve.production_environment({"SLOTWATCH_VAR_DIR": str(tmp_path)}, "127.0.0.1:8000")
    assert env["CACHE_URL"] == f"file://{(tmp_path / 'cache').resolve()}"
    chosen = serve.production_environment({"SLOTWATCH_VAR_DIR": str(tmp_path), "CACHE_URL": "redis://r:6379/1"},
                                          "127.0.0.1:8000")
    assert chosen["CACHE_URL"] == "redis://r:6379/1"
