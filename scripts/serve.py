"""`make serve`: the production configuration on this machine, over plain HTTP on loopback.

What production runs (README, "Production"), with the same server and worker settings: DEBUG off, static files
collected under hashed names with gzip and Brotli copies (served by WhiteNoise for a year, immutable), gunicorn's
asyncio ASGI worker with the slow-client deadlines (``slotwatch.server``), a Celery worker and beat, all watched
as ``make run`` watches its three (``scripts/run_all.py``: one Ctrl-C stops all, one crash stops all).

Differences from a public deployment, each because this binds loopback and speaks plain HTTP:
- the address (``SLOTWATCH_ADDRESS``, default 127.0.0.1:8000) must be a loopback address; anything else is refused,
  since there is no TLS here (a public deployment puts a TLS proxy in front, README "Security");
- the HTTPS-only settings are off (SSL redirect, secure cookies, HSTS), so a browser can use http://127.0.0.1;
- ``SECRET_KEY``, if not set, is generated once into ``var/secret_key`` (mode 600) and kept.

Everything else is checked as production checks it: the settings refuse bad values at import, and Django's
deployment checks (``check --deploy``) must report nothing but the four HTTPS warnings named in
``LOOPBACK_HTTP_CHECKS``; any other warning or error stops ``make serve`` before it serves.

``--web-only`` starts the web server alone (the tests and ``bench_slowclients`` measure it without Celery).
"""

from __future__ import annotations

import argparse
import ipaddress
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts import run_all
from slotwatch.env import local_secret

PYTHON = sys.executable
DEFAULT_ADDRESS = "127.0.0.1:8000"

# The server the README's Production section runs, word for word (tests/e2e/test_serve.py compares them).
# --workers 4: four processes, each running views in one thread and waiting on any number of slow clients in its
#   event loop. --keep-alive 5: an idle keep-alive connection is closed after 5 s. --timeout 60: a worker that stops
#   answering gunicorn's heartbeat for 60 s is restarted. --asgi-lifespan off: Django has no lifespan events.
#   --no-control-socket: gunicorn's run-time control socket (one fixed path per user) is not used. --preload: the
#   application and every view are imported once, before the workers fork (slotwatch/asgi.py).
GUNICORN_ARGS = [
    "slotwatch.asgi", "--worker-class", "slotwatch.server.Worker", "--workers", "4", "--keep-alive", "5",
    "--timeout", "60", "--graceful-timeout", "30", "--asgi-lifespan", "off", "--no-control-socket", "--preload",
]

# Django deployment checks that only say "this is not HTTPS": right for a loopback server over plain HTTP.
LOOPBACK_HTTP_CHECKS = {
    "security.W004",  # SECURE_HSTS_SECONDS not set
    "security.W008",  # SECURE_SSL_REDIRECT off
    "security.W012",  # SESSION_COOKIE_SECURE off
    "security.W016",  # CSRF_COOKIE_SECURE off
}


def gunicorn_command(address: str) -> list[str]:
    return [PYTHON, "-m", "gunicorn", *GUNICORN_ARGS, "--bind", address]


def processes(address: str, *, web_only: bool = False) -> dict[str, list[str]]:
    found = {"web": gunicorn_command(address)}
    if not web_only:
        found.update(worker=run_all.PROCESSES["worker"], beat=run_all.PROCESSES["beat"])
    return found


def loopback_host(address: str) -> str:
    """The host part of HOST:PORT if it is a loopback address; ValueError otherwise."""
    host, sep, port = address.rpartition(":")
    if not sep or not port.isdigit():
        raise ValueError(f"SLOTWATCH_ADDRESS={address!r} is not HOST:PORT.")
    host = host.strip("[]")
    if host != "localhost":
        try:
            loopback = ipaddress.ip_address(host).is_loopback
        except ValueError:
            loopback = False
        if not loopback:
            raise ValueError(
                f"SLOTWATCH_ADDRESS={address!r}: make serve speaks plain HTTP, so it binds a loopback address only "
                "(127.0.0.1, ::1, localhost). To serve others, run the README's Production commands behind a "
                "TLS proxy."
            )
    return host


def production_environment(environ: dict, address: str) -> dict:
    host = loopback_host(address)
    var_dir = Path(environ.get("SLOTWATCH_VAR_DIR") or ROOT / "var")
    env = dict(environ)
    env["DEBUG"] = "0"
    env["DJANGO_SETTINGS_MODULE"] = "slotwatch.settings"
    if not env.get("SECRET_KEY"):
        env["SECRET_KEY"] = local_secret(var_dir)
    # Plain HTTP on loopback: the HTTPS-only protections would lock the browser out (see LOOPBACK_HTTP_CHECKS).
    env.update(SECURE_SSL_REDIRECT="0", SESSION_COOKIE_SECURE="0", CSRF_COOKIE_SECURE="0", SECURE_HSTS_SECONDS="0")
    env.setdefault("ALLOWED_HOSTS", ",".join(dict.fromkeys([host, "127.0.0.1", "localhost"])))
    env.setdefault("SITE_URL", f"http://{address}")
    # One cache for the four workers (pages, attributions, throttles), in var/ since no Redis is assumed here;
    # with per-process memory each worker would build every cached page again on its first visit.
    env.setdefault("CACHE_URL", f"file://{(var_dir / 'cache').resolve()}")
    return env


_CHECK = """
import json, django
django.setup()
from django.core import checks
found = checks.run_checks(include_deployment_checks=True)
print(json.dumps([[m.id, m.level, m.msg] for m in found if not m.is_silenced()]))
"""


def configuration_problems(env: dict) -> list[str]:
    """What Django's deployment checks (and the settings' own checks) find, less the loopback-HTTP ones."""
    done = subprocess.run([PYTHON, "-c", _CHECK], cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if done.returncode:  # the settings refused a value (ImproperlyConfigured names it)
        last = (done.stderr.strip().splitlines() or ["the settings could not be loaded"])[-1]
        return [last]
    found = json.loads(done.stdout.strip().splitlines()[-1])
    from logging import WARNING

    return [f"{check_id}: {message}" for check_id, level, message in found
            if level >= WARNING and check_id not in LOOPBACK_HTTP_CHECKS]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--web-only", action="store_true", help="the web server alone, without Celery")
    args = parser.parse_args(argv)
    address = os.environ.get("SLOTWATCH_ADDRESS", DEFAULT_ADDRESS)
    try:
        env = production_environment(dict(os.environ), address)
    except ValueError as refused:
        print(f"make serve: {refused}", file=sys.stderr)
        return 2
    problems = configuration_problems(env)
    if problems:
        print("make serve: refusing to start, the configuration is unsafe:", *problems, sep="\n  ", file=sys.stderr)
        return 2
    collected = subprocess.run([PYTHON, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
                               cwd=ROOT, env=env, check=False)
    if collected.returncode:
        return collected.returncode
    return run_all.main(processes(address, web_only=args.web_only), address, env)


if __name__ == "__main__":
    sys.exit(main())
