"""Production settings: `manage.py check --deploy` is clean, the headers are sent, and bad values stop start-up."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

from slotwatch.env import cache_from_url, env_proxy_ssl_header

ROOT = Path(__file__).resolve().parents[2]
SECRET = "p7Vq2-production-secret-key-for-the-check-deploy-test-Zx81kLm"  # 60 characters, test only
SETTINGS_VARIABLES = (
    "DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "SECURE_SSL_REDIRECT", "SECURE_PROXY_SSL_HEADER", "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_HSTS_PRELOAD", "SECURE_CONTENT_TYPE_NOSNIFF", "SECURE_REFERRER_POLICY",
    "X_FRAME_OPTIONS", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "CACHE_URL", "DATABASE_URL",
    "SLOTWATCH_CSP_REPORT_ONLY",
    "DJANGO_ALLOW_ASYNC_UNSAFE",  # set by the browser tests' conftest; never in production
)


def manage(tmp_path, *args, **env):
    environ = {k: v for k, v in os.environ.items() if k not in SETTINGS_VARIABLES}
    environ.update(DJANGO_SETTINGS_MODULE="slotwatch.settings", SLOTWATCH_VAR_DIR=str(tmp_path), **env)
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=environ, capture_output=True,
                          text=True, timeout=180)


PRODUCTION = {"DEBUG": "0", "SECRET_KEY": SECRET, "ALLOWED_HOSTS": "slotwatch.example.org"}


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    result = manage(tmp_path, "check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues" in output
    assert "W0" not in output and "WARNINGS" not in output


SHOW = ("from django.conf import settings as s; print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, "
        "s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_HSTS_PRELOAD, s.SESSION_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, "
        "s.CSRF_COOKIE_SECURE, s.SECURE_REFERRER_POLICY, s.X_FRAME_OPTIONS, s.SECURE_CONTENT_TYPE_NOSNIFF, "
        "s.SECURE_PROXY_SSL_HEADER, s.CACHES['default']['BACKEND'].rsplit('.', 1)[1])")


def test_production_defaults_and_their_overrides(tmp_path):
    result = manage(tmp_path, "shell", "--no-imports", "-c", SHOW, **PRODUCTION)
    assert result.stdout.split() == ["True", "31536000", "True", "False", "True", "True", "True", "same-origin",
                                     "DENY", "True", "None", "LocMemCache"], result.stderr
    result = manage(tmp_path, "shell", "--no-imports", "-c", SHOW, **PRODUCTION, SECURE_HSTS_PRELOAD="1", SECURE_HSTS_SECONDS="600",
                    SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto=https", CACHE_URL="redis://redis.example.org:6379/1",
                    SECURE_REFERRER_POLICY="no-referrer")
    assert result.stdout.split() == ["True", "600", "True", "True", "True", "True", "True", "no-referrer", "DENY",
                                     "True", "('HTTP_X_FORWARDED_PROTO',", "'https')", "RedisCache"], result.stderr


def test_debug_keeps_plain_http_working(tmp_path):
    result = manage(tmp_path, "shell", "--no-imports", "-c", SHOW, DEBUG="1")
    assert result.stdout.split()[:2] == ["False", "0"] and result.stdout.split()[4] == "False", result.stderr


@pytest.mark.parametrize("env, message", [
    ({"DEBUG": "0", "ALLOWED_HOSTS": "slotwatch.example.org"}, "SECRET_KEY is required when DEBUG is off."),
    ({**PRODUCTION, "SECRET_KEY": "too-short"}, "SECRET_KEY must be at least 50 characters when DEBUG is off."),
    ({**PRODUCTION, "SECURE_HSTS_SECONDS": "a year"}, "SECURE_HSTS_SECONDS='a year' is not a whole number."),
    ({**PRODUCTION, "SECURE_SSL_REDIRECT": "sometimes"}, "SECURE_SSL_REDIRECT='sometimes' is not a boolean"),
    ({**PRODUCTION, "SECURE_PROXY_SSL_HEADER": "https"}, "SECURE_PROXY_SSL_HEADER='https' is not a header and value"),
    ({**PRODUCTION, "X_FRAME_OPTIONS": "ALLOW"}, "X_FRAME_OPTIONS='ALLOW' is not one of: DENY, SAMEORIGIN."),
    ({**PRODUCTION, "CACHE_URL": "memcached://x"}, "CACHE_URL scheme 'memcached' is not supported"),
])
def test_a_bad_value_stops_start_up_with_its_name(tmp_path, env, message):
    result = manage(tmp_path, "check", **env)
    assert result.returncode != 0
    assert message in result.stderr, result.stderr[-2000:]


def test_check_deploy_warns_about_insecure_overrides(tmp_path):
    """The check is a real guard: turning protections off is reported."""
    result = manage(tmp_path, "check", "--deploy", **PRODUCTION, SESSION_COOKIE_SECURE="0", SECURE_HSTS_SECONDS="0")
    assert "security.W012" in result.stderr + result.stdout and "security.W004" in result.stderr + result.stdout


# -- the headers, in process ---------------------------------------------------------------------------------

HTTPS = dict(SECURE_SSL_REDIRECT=True, SECURE_HSTS_SECONDS=31536000, SECURE_HSTS_INCLUDE_SUBDOMAINS=True,
             SECURE_HSTS_PRELOAD=False, SESSION_COOKIE_SECURE=True, CSRF_COOKIE_SECURE=True)


@override_settings(**HTTPS)
def test_http_is_redirected_to_https_and_https_gets_hsts(client, db):
    plain = client.get("/account/login/")
    assert plain.status_code == 301 and plain["Location"] == "https://testserver/account/login/"
    secure = client.get("/account/login/", secure=True)
    assert secure.status_code == 200
    assert secure["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert secure["X-Frame-Options"] == "DENY"
    assert secure["X-Content-Type-Options"] == "nosniff"
    assert secure["Referrer-Policy"] == "same-origin"
    csrf = secure.cookies["csrftoken"]
    assert csrf["secure"]


@override_settings(**HTTPS, SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https"))
def test_behind_a_tls_proxy_the_forwarded_scheme_counts(client, db):
    assert client.get("/account/login/", HTTP_X_FORWARDED_PROTO="https").status_code == 200
    assert client.get("/account/login/", HTTP_X_FORWARDED_PROTO="http").status_code == 301


@override_settings(**HTTPS)
def test_session_cookie_is_secure_and_http_only(client, cast):
    from tests.security.conftest import PASSWORD

    response = client.post("/account/login/", {"username": "reader", "password": PASSWORD}, secure=True)
    assert response.status_code == 302
    cookie = response.cookies["sessionid"]
    assert cookie["secure"] and cookie["httponly"] and cookie["samesite"] == "Lax"


def test_env_readers():
    assert env_proxy_ssl_header("H", environ={}) is None
    assert env_proxy_ssl_header("H", environ={"H": "X-Forwarded-Proto=https"}) == ("HTTP_X_FORWARDED_PROTO", "https")
    for bad in ("X-Forwarded-Proto", "=https", "X Forwarded=https"):
        with pytest.raises(ImproperlyConfigured, match="H="):
            env_proxy_ssl_header("H", environ={"H": bad})
    assert cache_from_url("locmem://")["BACKEND"].endswith("LocMemCache")
    assert cache_from_url("redis://r:6379/1") == {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                                                   "LOCATION": "redis://r:6379/1"}
    assert cache_from_url("dummy://")["BACKEND"].endswith("DummyCache")
    with pytest.raises(ImproperlyConfigured, match="names no Redis host"):
        cache_from_url("redis://")
    assert cache_from_url("file:///srv/slotwatch/cache") == {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": "/srv/slotwatch/cache"}
    with pytest.raises(ImproperlyConfigured, match="file:///absolute/folder"):
        cache_from_url("file://relative/cache")
