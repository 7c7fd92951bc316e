"""Typed readers for settings that come from the environment.

Every reader refuses a bad value with a message that names the variable and
what it expected: a typo in production configuration must stop the process at
start-up, not surface later as a strange runtime error.
"""

from __future__ import annotations

import math
import os
import secrets
import zlib
from collections import Counter
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def _raw(name: str, environ=None) -> str | None:
    value = (os.environ if environ is None else environ).get(name)
    return None if value is None else value.strip()


def env_str(name: str, default: str | None = None, *, environ=None) -> str | None:
    value = _raw(name, environ)
    return default if value in (None, "") else value


def env_bool(name: str, default: bool, *, environ=None) -> bool:
    value = _raw(name, environ)
    if value is None:
        return default
    lowered = value.lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name}={value!r} is not a boolean: use one of 1/0, true/false, yes/no, on/off."
    )


def env_int(name: str, default: int, *, minimum: int | None = None, environ=None) -> int:
    value = _raw(name, environ)
    if value in (None, ""):
        return default
    try:
        number = int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not a whole number.") from None
    if minimum is not None and number < minimum:
        raise ImproperlyConfigured(f"{name}={number} is below its minimum of {minimum}.")
    return number


def env_float(name: str, default: float, *, minimum: float | None = None, environ=None) -> float:
    value = _raw(name, environ)
    if value in (None, ""):
        return default
    try:
        number = float(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not a number.") from None
    if number != number or number in (float("inf"), float("-inf")):
        raise ImproperlyConfigured(f"{name}={value!r} is not a finite number.")
    if minimum is not None and number < minimum:
        raise ImproperlyConfigured(f"{name}={number:g} is below its minimum of {minimum:g}.")
    return number


def env_list(name: str, default: list[str], *, environ=None) -> list[str]:
    value = _raw(name, environ)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


_RATE_PERIODS = ("s", "sec", "second", "m", "min", "minute", "h", "hour", "d", "day")


def env_rate(name: str, default: str, *, environ=None) -> str:
    """A request rate such as ``120/minute`` (periods: second, minute, hour, day)."""
    value = env_str(name, default, environ=environ)
    count, _, period = value.partition("/")
    if not count.isdigit() or int(count) < 1 or period not in _RATE_PERIODS:
        raise ImproperlyConfigured(
            f"{name}={value!r} is not a rate: use a whole number of requests per second, minute, hour or day, "
            "e.g. 120/minute."
        )
    return value


def env_choice(name: str, default: str, choices, *, environ=None) -> str:
    value = env_str(name, default, environ=environ)
    if value not in choices:
        raise ImproperlyConfigured(f"{name}={value!r} is not one of: {', '.join(choices)}.")
    return value


def env_time_zone(name: str, default: str = "UTC", *, environ=None) -> str:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    value = env_str(name, default, environ=environ)
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise ImproperlyConfigured(
            f"{name}={value!r} is not an IANA time zone (e.g. UTC, Europe/Zurich)."
        ) from None
    return value


def site_url_error(value: str) -> str | None:
    """Why ``value`` cannot be the base of links in e-mails (None if it can): an http(s) origin with a host,
    optionally a path prefix, without query, fragment, credentials or spaces."""
    try:
        parts = urlsplit(value)
        port = parts.port  # raises on a port that is not a number or out of range
    except ValueError as exc:
        return f"is not a URL ({exc})"
    del port
    if parts.scheme not in ("http", "https"):
        return "must start with http:// or https://"
    if not parts.hostname:
        return "has no host name"
    if parts.username or parts.password:
        return "must not carry a user name or password"
    if parts.query or parts.fragment or "?" in value or "#" in value:
        return "must not have a query or a fragment"
    if any(ch.isspace() for ch in value):
        return "must not contain spaces"
    return None


def env_site_url(name: str, default: str, *, environ=None) -> str:
    """The public address of the site (links in e-mails), checked: a malformed one stops the start."""
    value = env_str(name, default, environ=environ)
    problem = site_url_error(value)
    if problem:
        raise ImproperlyConfigured(f"{name}={value!r} {problem}, e.g. https://slotwatch.example.org.")
    return value.rstrip("/")


_DB_ENGINES = {
    "sqlite": "django.db.backends.sqlite3",
    "postgres": "django.db.backends.postgresql",
    "postgresql": "django.db.backends.postgresql",
    "pgsql": "django.db.backends.postgresql",
}


def database_from_url(url: str, *, name: str = "DATABASE_URL") -> dict:
    """Turn ``sqlite:///path`` or ``postgres://user:pw@host:port/db`` into a Django DATABASES entry."""
    parts = urlsplit(url)
    engine = _DB_ENGINES.get(parts.scheme)
    if engine is None:
        raise ImproperlyConfigured(
            f"{name} scheme {parts.scheme!r} is not supported: use sqlite:///PATH or "
            "postgres://USER:PASSWORD@HOST:PORT/NAME."
        )
    if engine.endswith("sqlite3"):
        path = unquote(parts.path)
        # The URL path keeps one leading slash: sqlite:////abs/db -> /abs/db, sqlite:///rel/db -> rel/db
        path = path[1:]
        if not path:
            raise ImproperlyConfigured(f"{name}={url!r} names no SQLite file.")
        return {"ENGINE": engine, "NAME": path, "OPTIONS": {"timeout": 30}}
    database = unquote(parts.path.lstrip("/"))
    if not database:
        raise ImproperlyConfigured(f"{name}={url!r} names no database.")
    try:
        port = parts.port
    except ValueError:
        raise ImproperlyConfigured(f"{name}={url!r} has a port that is not a number.") from None
    options = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    return {
        "ENGINE": engine,
        "NAME": database,
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": parts.hostname or "",
        "PORT": str(port or ""),
        "CONN_MAX_AGE": 60,
        "CONN_HEALTH_CHECKS": True,
        "OPTIONS": options,
    }


def email_from_url(url: str, *, name: str = "EMAIL_URL") -> dict:
    """Settings for Django's e-mail backends from one URL.

    ``file:///path`` writes messages to files, ``console:`` prints them,
    ``locmem:`` keeps them in memory (tests), ``smtp://user:pw@host:port``
    sends them (``smtp+tls://`` for STARTTLS, ``smtps://`` for implicit TLS).
    """
    parts = urlsplit(url)
    scheme = parts.scheme
    if scheme == "file":
        path = unquote(parts.path)
        if not path:
            raise ImproperlyConfigured(f"{name}={url!r} names no folder.")
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": path,
        }
    if scheme == "console":
        return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    if scheme == "locmem":
        return {"EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend"}
    if scheme in ("smtp", "smtp+tls", "smtps"):
        if not parts.hostname:
            raise ImproperlyConfigured(f"{name}={url!r} names no SMTP host.")
        try:
            port = parts.port
        except ValueError:
            raise ImproperlyConfigured(f"{name}={url!r} has a port that is not a number.") from None
        default_port = {"smtp": 25, "smtp+tls": 587, "smtps": 465}[scheme]
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": parts.hostname,
            "EMAIL_PORT": port or default_port,
            "EMAIL_HOST_USER": unquote(parts.username or ""),
            "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
            "EMAIL_USE_TLS": scheme == "smtp+tls",
            "EMAIL_USE_SSL": scheme == "smtps",
            "EMAIL_TIMEOUT": 30,
        }
    raise ImproperlyConfigured(
        f"{name} scheme {scheme!r} is not supported: use file:///PATH, console:, locmem:, "
        "smtp://HOST:PORT, smtp+tls://USER:PASSWORD@HOST:587 or smtps://HOST:465."
    )


# A key must be hard to guess: 128 bits is the usual floor for a symmetric secret (NIST SP 800-57 Part 1 Rev. 5,
# Table 2, security strength 128). The estimate is the smaller of the key's length times the Shannon entropy of
# its characters ("k" * 60 is 0 bits, "ab" * 30 is 60) and the bits of its zlib-compressed form (a repeated
# pattern: "0123456789" * 5 is about 120); secrets.token_urlsafe(50) gives about 345. Both are upper bounds: it
# stops the obvious keys, it cannot prove a key random.
SECRET_KEY_MIN_BITS = 128


def secret_key_bits(value: str) -> float:
    counts = Counter(value)
    shannon = -len(value) * sum(n / len(value) * math.log2(n / len(value)) for n in counts.values())
    compressed = 8 * (len(zlib.compress(value.encode("utf-8"), 9)) - 6)  # less zlib's header and checksum
    return min(shannon, compressed)


def secret_key(debug: bool, var_dir: Path, *, environ=None) -> str:
    """SECRET_KEY from the environment; for local use, one generated once and kept in var/."""
    value = env_str("SECRET_KEY", environ=environ)
    if value:
        if not debug and len(value) < 50:
            raise ImproperlyConfigured("SECRET_KEY must be at least 50 characters when DEBUG is off.")
        if not debug and secret_key_bits(value) < SECRET_KEY_MIN_BITS:
            raise ImproperlyConfigured(
                f"SECRET_KEY looks guessable (about {secret_key_bits(value):.0f} bits; at least "
                f"{SECRET_KEY_MIN_BITS} wanted): use a random one, e.g. python -c "
                "'import secrets; print(secrets.token_urlsafe(50))'."
            )
        return value
    if not debug:
        raise ImproperlyConfigured("SECRET_KEY is required when DEBUG is off.")
    return local_secret(var_dir)


def local_secret(var_dir) -> str:
    """The secret kept in var/secret_key (readable by its owner only), made on first use: `make run` and
    `make serve` on one machine keep the same sessions across restarts."""
    key_file = Path(var_dir) / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    Path(var_dir).mkdir(parents=True, exist_ok=True)
    value = secrets.token_urlsafe(50)
    key_file.write_text(value)
    key_file.chmod(0o600)
    return value


def cache_from_url(url: str, *, name: str = "CACHE_URL") -> dict:
    """A Django CACHES entry from one URL.

    ``locmem://`` (the default: one memory cache per process), ``redis://HOST:6379/1`` or ``rediss://...``
    (shared by every process: login throttling, API rate limits and the API response cache then hold across
    gunicorn workers), ``file:///ABSOLUTE/FOLDER`` (a folder shared by every process of one machine, no service
    needed: what ``make serve`` uses when CACHE_URL is unset), ``dummy://`` (caches nothing).
    """
    parts = urlsplit(url)
    if parts.scheme == "file":
        if not parts.path.startswith("/") or parts.netloc:
            raise ImproperlyConfigured(f"{name}={url!r}: use file:///absolute/folder.")
        return {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": parts.path}
    if parts.scheme == "locmem":
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": parts.netloc or "slotwatch"}
    if parts.scheme == "dummy":
        return {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    if parts.scheme in ("redis", "rediss", "unix"):
        if parts.scheme != "unix" and not parts.hostname:
            raise ImproperlyConfigured(f"{name}={url!r} names no Redis host.")
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    raise ImproperlyConfigured(
        f"{name} scheme {parts.scheme!r} is not supported: use locmem://, redis://HOST:6379/1, "
        "rediss://HOST:6380/1, file:///absolute/folder or dummy://."
    )


def env_proxy_ssl_header(name: str, *, environ=None) -> tuple[str, str] | None:
    """``SECURE_PROXY_SSL_HEADER`` as ``Header-Name=value`` (e.g. ``X-Forwarded-Proto=https``), or unset.

    Only set it behind a TLS-terminating proxy that always sets (or strips) that header: otherwise a client
    could claim HTTPS by sending it.
    """
    value = env_str(name, environ=environ)
    if value is None:
        return None
    header, sep, expected = value.partition("=")
    header, expected = header.strip(), expected.strip()
    if not sep or not header or not expected or not all(c.isalnum() or c == "-" for c in header):
        raise ImproperlyConfigured(
            f"{name}={value!r} is not a header and value: use e.g. X-Forwarded-Proto=https."
        )
    return "HTTP_" + header.upper().replace("-", "_"), expected
