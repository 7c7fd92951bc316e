"""Passwords are validated, API token secrets are never stored, and the repository holds no secret."""

import re
import subprocess
from pathlib import Path

import pytest
from django.contrib.auth.forms import UserCreationForm
from django.contrib.auth.models import User
from django.core import management

from accounts.models import Token

ROOT = Path(__file__).resolve().parents[2]


# -- passwords -----------------------------------------------------------------------------------------------

WEAK = ["short1", "password123", "12345678901", "reader-pass"]  # too short, common, numeric, like the user name


@pytest.mark.django_db
@pytest.mark.parametrize("password", WEAK)
def test_the_admin_refuses_a_weak_password_for_a_new_user(cast, client, password):
    client.force_login(cast["superuser"])
    response = client.post("/admin/auth/user/add/", {
        "username": "reader-pass", "password1": password, "password2": password, "usable_password": "true",
    })
    assert response.status_code == 200  # the form again, with the reason
    errors = response.context["adminform"].form.errors["password2"]
    assert errors
    assert not User.objects.filter(username="reader-pass").exists()


@pytest.mark.django_db
def test_the_validators_and_their_messages():
    form = UserCreationForm({"username": "newcomer", "password1": "newcomer1", "password2": "newcomer1"})
    assert not form.is_valid()
    message = " ".join(form.errors["password2"])
    assert "too short" in message and "at least 10 characters" in message and "too similar" in message
    strong = UserCreationForm({"username": "newcomer", "password1": "Orbital shells 1110 km",
                               "password2": "Orbital shells 1110 km"})
    assert strong.is_valid(), strong.errors


def test_passwords_are_stored_with_a_slow_hasher():
    """settings.py keeps Django's default hashers (PBKDF2 first); only tests swap in MD5 for speed."""
    import slotwatch.settings as project
    from django.conf import global_settings

    assert getattr(project, "PASSWORD_HASHERS", global_settings.PASSWORD_HASHERS)[0].endswith(
        ("PBKDF2PasswordHasher", "Argon2PasswordHasher", "ScryptPasswordHasher"))


# -- API tokens ----------------------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_the_database_never_holds_a_token_secret(cast, tmp_path):
    token, secret = Token.issue(cast["reader"], "nightly export")
    assert secret.startswith("sw_") and len(secret) > 40
    row = Token.objects.filter(pk=token.pk).values().get()
    for column, value in row.items():
        assert secret not in str(value), column
        assert secret[10:] not in str(value), column  # not even the part after the hint
    assert row["digest"] != secret and len(row["digest"]) == 64
    dump = tmp_path / "dump.json"
    management.call_command("dumpdata", "accounts", output=str(dump))
    assert secret[10:] not in dump.read_text()
    from django.db import connection

    with connection.cursor() as cursor:  # the raw table, every column
        cursor.execute(f"SELECT * FROM {Token._meta.db_table}")
        assert not any(secret[10:] in str(value) for record in cursor.fetchall() for value in record)


@pytest.mark.django_db
def test_the_token_page_shows_the_secret_once(cast, client):
    client.force_login(cast["reader"])
    created = client.post("/account/tokens/", {"name": "a script"}).content.decode()
    secret = re.search(r"sw_[A-Za-z0-9_-]{40,}", created).group(0)
    assert secret not in client.get("/account/tokens/").content.decode()
    assert client.get("/api/v1/filings/", HTTP_AUTHORIZATION=f"Token {secret}").status_code == 200


# -- the repository ------------------------------------------------------------------------------------------

SECRET_PATTERNS = {
    "private key": re.compile(r"-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY( BLOCK)?-----"),
    "AWS access key id": re.compile(r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b"),
    "AWS secret access key": re.compile(r"aws_secret_access_key\s*[=:]\s*['\"]?[A-Za-z0-9/+=]{40}"),
    "SECRET_KEY literal": re.compile(r"""SECRET_KEY\s*=\s*['"]"""),
    "Django insecure key": re.compile(r"django-insecure-"),
    "GitHub token": re.compile(r"\bgh[pousr]_[A-Za-z0-9]{36,}\b"),
    "Slack token": re.compile(r"\bxox[baprs]-[A-Za-z0-9-]{10,}"),
    "password in a URL": re.compile(r"\b(?:postgres|postgresql|redis|amqp|smtp|smtps)(?:\+tls)?://[^:/\s'\"]+:"
                                    r"(?!\.\.\.|PASSWORD|password|pw|\*+|\$\{)[^@\s'\"]{3,}@"),
}


# Dummy credentials in tests of the URL parsers: (file, matched text).
ALLOWED = {("tests/test_env.py", "postgresql://u:p%40ss@"), ("tests/test_env.py", "smtp+tls://me:secret@")}


def tracked_files():
    """What git tracks, and new files it would add (not ignored): what a commit can publish."""
    try:
        listing = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT, capture_output=True, check=True, timeout=60)
    except (OSError, subprocess.CalledProcessError) as exc:
        pytest.skip(f"not a git checkout: {exc}")
    return [ROOT / name for name in listing.stdout.decode().split("\0") if name]


def test_no_secret_in_the_tracked_files():
    files = sorted(set(tracked_files()))
    assert files
    found = []
    for path in files:
        if path == Path(__file__) or not path.is_file() or path.stat().st_size > 5_000_000:  # the patterns' own samples
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue  # binary
        for kind, pattern in SECRET_PATTERNS.items():
            for match in pattern.finditer(text):
                if (str(path.relative_to(ROOT)), match.group(0)) in ALLOWED:
                    continue
                line = text.count("\n", 0, match.start()) + 1
                found.append(f"{path.relative_to(ROOT)}:{line}: {kind}")
    assert not found, found


@pytest.mark.parametrize("sample, kind", [
    ("-----BEGIN RSA PRIVATE KEY-----", "private key"),
    ("-----BEGIN OPENSSH PRIVATE KEY-----", "private key"),
    ("key = 'AKIAIOSFODNN7EXAMPLE'", "AWS access key id"),
    ('SECRET_KEY = "abc"', "SECRET_KEY literal"),
    ("DATABASE_URL=postgres://slotwatch:hunter2x@db:5432/s", "password in a URL"),
])
def test_the_scan_finds_what_it_looks_for(sample, kind):
    assert SECRET_PATTERNS[kind].search(sample)


@pytest.mark.parametrize("sample", [
    "export DATABASE_URL=postgres://slotwatch:...@db.example.org:5432/slotwatch",
    "`postgres://USER:PASSWORD@HOST:5432/NAME`",
    'SECRET_KEY = secret_key(DEBUG, VAR_DIR)',
])
def test_the_scan_lets_documentation_placeholders_pass(sample):
    assert not any(pattern.search(sample) for pattern in SECRET_PATTERNS.values())
