"""Settings helpers refuse bad values with a message naming the variable."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from slotwatch.env import (
    database_from_url,
    email_from_url,
    env_bool,
    env_int,
    env_list,
    env_time_zone,
    secret_key,
)


@pytest.mark.parametrize("raw, expected", [("1", True), ("true", True), ("ON", True), ("no", False), ("0", False)])
def test_env_bool_reads_common_spellings(raw, expected):
    assert env_bool("DEBUG", not expected, environ={"DEBUG": raw}) is expected


def test_env_bool_default_and_refusal():
    assert env_bool("DEBUG", True, environ={}) is True
    with pytest.raises(ImproperlyConfigured, match=r"DEBUG='maybe' is not a boolean"):
        env_bool("DEBUG", True, environ={"DEBUG": "maybe"})


def test_env_int():
    assert env_int("N", 5, environ={"N": "12"}) == 12
    assert env_int("N", 5, environ={}) == 5
    with pytest.raises(ImproperlyConfigured, match="N='twelve' is not a whole number"):
        env_int("N", 5, environ={"N": "twelve"})
    with pytest.raises(ImproperlyConfigured, match="below its minimum of 1"):
        env_int("N", 5, minimum=1, environ={"N": "0"})


def test_env_list_and_time_zone():
    assert env_list("ALLOWED_HOSTS", ["a"], environ={"ALLOWED_HOSTS": "x.org, y.org,"}) == ["x.org", "y.org"]
    assert env_list("ALLOWED_HOSTS", ["a"], environ={}) == ["a"]
    assert env_time_zone("TIME_ZONE", environ={"TIME_ZONE": "Europe/Zurich"}) == "Europe/Zurich"
    with pytest.raises(ImproperlyConfigured, match="TIME_ZONE='Mars/Olympus' is not an IANA time zone"):
        env_time_zone("TIME_ZONE", environ={"TIME_ZONE": "Mars/Olympus"})


@pytest.mark.parametrize(
    "url, expected",
    [
        ("sqlite:///var/db.sqlite3", {"ENGINE": "django.db.backends.sqlite3", "NAME": "var/db.sqlite3"}),
        ("sqlite:////tmp/db.sqlite3", {"ENGINE": "django.db.backends.sqlite3", "NAME": "/tmp/db.sqlite3"}),
        ("postgres://postgres@127.0.0.1:5432/slotwatch",
         {"ENGINE": "django.db.backends.postgresql", "NAME": "slotwatch", "USER": "postgres",
          "HOST": "127.0.0.1", "PORT": "5432", "PASSWORD": ""}),
        ("postgresql://u:p%40ss@db/sw?sslmode=require",
         {"NAME": "sw", "USER": "u", "PASSWORD": "p@ss", "HOST": "db", "PORT": "",
          "OPTIONS": {"sslmode": "require"}}),
    ],
)
def test_database_from_url(url, expected):
    config = database_from_url(url)
    assert {key: config[key] for key in expected} == expected


@pytest.mark.parametrize(
    "url, words",
    [("mysql://x/y", "scheme 'mysql' is not supported"), ("postgres://host:port/db", "port that is not a number"),
     ("postgres://host/", "names no database"), ("sqlite://", "names no SQLite file")],
)
def test_database_from_url_refuses(url, words):
    with pytest.raises(ImproperlyConfigured, match=words):
        database_from_url(url)


def test_email_from_url():
    assert email_from_url("file:///tmp/mail")["EMAIL_FILE_PATH"] == "/tmp/mail"
    smtp = email_from_url("smtp+tls://me:secret@mail.example.org")
    assert (smtp["EMAIL_HOST"], smtp["EMAIL_PORT"], smtp["EMAIL_USE_TLS"], smtp["EMAIL_HOST_PASSWORD"]) == (
        "mail.example.org", 587, True, "secret")
    assert email_from_url("smtps://mail.example.org")["EMAIL_USE_SSL"] is True
    assert email_from_url("smtp://127.0.0.1:2525")["EMAIL_PORT"] == 2525
    with pytest.raises(ImproperlyConfigured, match="EMAIL_URL scheme 'pigeon' is not supported"):
        email_from_url("pigeon://coop")
    with pytest.raises(ImproperlyConfigured, match="names no SMTP host"):
        email_from_url("smtp://")


def test_secret_key_generated_once_for_local_use(tmp_path):
    first = secret_key(True, tmp_path, environ={})
    assert len(first) >= 50
    assert secret_key(True, tmp_path, environ={}) == first


def test_secret_key_required_without_debug(tmp_path):
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY is required when DEBUG is off"):
        secret_key(False, tmp_path, environ={})
    with pytest.raises(ImproperlyConfigured, match="at least 50 characters"):
        secret_key(False, tmp_path, environ={"SECRET_KEY": "short"})
    random_key = "d3L8q-Vx0pZr7mKc2WbT9yNf4HsJ6aEu1QiGoR5tYkXlMnBvCz_PwAeSdFgHjKlZ"
    assert secret_key(False, tmp_path, environ={"SECRET_KEY": random_key}) == random_key


@pytest.mark.parametrize("weak", ["k" * 60, "ab" * 30, "abcd" * 15, "0123456789" * 5, "a" * 59 + "b"])
def test_secret_key_of_few_or_repeated_characters_is_refused_without_debug(tmp_path, weak):
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY looks guessable"):
        secret_key(False, tmp_path, environ={"SECRET_KEY": weak})
    assert secret_key(True, tmp_path, environ={"SECRET_KEY": weak}) == weak  # local use: anything goes
