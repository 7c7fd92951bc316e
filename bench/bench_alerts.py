"""Alert bench: the daily evaluation and queueing for 10,000 filings and 1,000 subscriptions, and delivery.

Run from the repository root: ``.venv/bin/python -m bench.bench_alerts``. It builds a throwaway
database (SQLite file in a temporary folder by default; ``--postgres`` creates and drops a database on
127.0.0.1:5432 as user postgres, or ``BENCH_DATABASE_URL`` names one to use), fills it with synthetic
filings and subscriptions, and times:

1. day 1: refresh_milestones (the rules over every filing, results stored) + queue_alerts + assembling
   the immediate e-mails; the first run also records the baseline state for event alerts;
2. day 2: the same again (the steady state: most rows unchanged, the day's new crossings queued);
3. delivery: --deliver e-mails claimed, rendered and sent one after another (one worker) to an
   aiosmtpd server on loopback.

The target is under 30 s for a daily run on a 2-core machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FILINGS = 10_000
SUBSCRIPTIONS = 1_000
AS_OF = dt.date(2027, 3, 1)


def configure(args) -> str:
    """Point Django at a throwaway database and a loopback SMTP server before it starts."""
    tmp = Path(tempfile.mkdtemp(prefix="slotwatch-bench-"))
    args.tmp = tmp
    os.environ["SLOTWATCH_VAR_DIR"] = str(tmp)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "slotwatch.settings")
    os.environ["LOG_LEVEL"] = "WARNING"
    if os.environ.get("BENCH_DATABASE_URL"):
        os.environ["DATABASE_URL"] = os.environ["BENCH_DATABASE_URL"]
        return "given database"
    if args.postgres:
        name = f"slotwatch_bench_{uuid.uuid4().hex[:8]}"
        import psycopg

        with psycopg.connect("host=127.0.0.1 port=5432 user=postgres dbname=postgres", autocommit=True) as c:
            c.execute(f'CREATE DATABASE "{name}"')
        os.environ["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{name}"
        args.drop = name
        return f"PostgreSQL database {name} on 127.0.0.1:5432"
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp / 'bench.sqlite3'}"
    return f"SQLite file {tmp / 'bench.sqlite3'}"


def build(rng: random.Random):
    from django.contrib.auth.models import User

    from alerts.models import Subscription
    from compliance.rules.codes import MILESTONE_CODES
    from constellations.models import Constellation, DeploymentReport
    from filings.models import Administration, Filing, Operator

    admins = Administration.objects.bulk_create(
        [Administration(iso_code=f"A{chr(65 + i // 26)}{chr(65 + i % 26)}", name=f"Administration {i}") for i in range(60)]
    )
    operators = Operator.objects.bulk_create(
        [Operator(key=f"op-{i}", name=f"Operator {i}", short_name=f"Op{i}", administration=rng.choice(admins))
         for i in range(300)]
    )
    constellations = Constellation.objects.bulk_create(
        [Constellation(key=f"c-{i}", name=f"Constellation {i}", administration=rng.choice(admins)) for i in range(150)]
    )
    filings = []
    for i in range(FILINGS):
        itu = rng.random() < 0.6
        receipt = AS_OF - dt.timedelta(days=rng.randint(100, 9 * 365))
        count = rng.choice([24, 96, 288, 648, 1156, 3236, 4408, 12992, 30000])
        filings.append(Filing(
            key=f"f-{i}", name=f"Filing {i}", regulator="itu" if itu else "fcc",
            kind=rng.choice(["itu_api", "itu_cr", "itu_notification"]) if itu else "fcc_authorisation",
            reference=f"REF-{i}", administration=rng.choice(admins), operator=rng.choice(operators),
            constellation=rng.choice(constellations) if rng.random() < 0.3 else None,
            date_of_receipt=receipt, grant_date=None if itu else receipt + dt.timedelta(days=rng.randint(200, 700)),
            satellites_filed=count, satellites_authorised=None if itu else count,
            status=rng.choice(["filed", "under_review", "granted", "granted", "granted"]),
            res35_applies=rng.choice([True, False, None]) if itu else None,
            brought_into_use_on=receipt + dt.timedelta(days=rng.randint(300, 2500)) if itu and rng.random() < 0.5 else None,
        ))
    filings = Filing.objects.bulk_create(filings, batch_size=1000)
    reports = []
    for f in filings:
        if rng.random() < 0.5:
            base = rng.randint(0, f.satellites_filed)
            reports.append(DeploymentReport(filing=f, as_of=AS_OF - dt.timedelta(days=400), launched=base // 2))
            reports.append(DeploymentReport(filing=f, as_of=AS_OF - dt.timedelta(days=30), launched=base))
    DeploymentReport.objects.bulk_create(reports, batch_size=1000)

    users = User.objects.bulk_create([User(username=f"u{i}", email=f"u{i}@example.org") for i in range(SUBSCRIPTIONS)])
    subs = Subscription.objects.bulk_create([
        Subscription(
            user=u, all_filings=i < 20,
            codes=rng.sample(list(MILESTONE_CODES), 3) if rng.random() < 0.3 else [],
            delivery_mode=rng.choices(["immediate", "daily", "weekly"], [7, 2, 1])[0],
            time_zone=rng.choice(["UTC", "Europe/Zurich", "America/New_York", "Asia/Shanghai"]),
        ) for i, u in enumerate(users)
    ])
    links = {name: [] for name in ("administrations", "operators", "constellations", "filings")}
    for i, s in enumerate(subs[20:], start=20):
        kind = ("administrations", "operators", "constellations", "filings")[i % 4]
        pool = {"administrations": admins, "operators": operators, "constellations": constellations,
                "filings": filings}[kind]
        for target in rng.sample(pool, rng.randint(1, 2 if kind == "administrations" else 5)):
            through = getattr(Subscription, kind).through
            column = {"administrations": "administration_id", "operators": "operator_id",
                      "constellations": "constellation_id", "filings": "filing_id"}[kind]
            links[kind].append(through(subscription_id=s.pk, **{column: target.pk}))
    for kind, rows in links.items():
        getattr(Subscription, kind).through.objects.bulk_create(rows, batch_size=1000)


def timed(label, fn, *args):
    start = time.perf_counter()
    value = fn(*args)
    seconds = time.perf_counter() - start
    print(f"  {label:<44} {seconds:7.2f} s")
    return value, seconds


def daily(day):
    from alerts.queueing import assemble_immediate, queue_alerts
    from compliance.evaluation import refresh_milestones

    print(f"Daily run as of {day}:")
    statuses, t1 = timed("evaluate 10,000 filings (refresh_milestones)", refresh_milestones, day)
    report, t2 = timed("queue alerts for 1,000 subscriptions", queue_alerts, day)
    attached, t3 = timed("assemble immediate e-mails", assemble_immediate)
    print(f"  {'total':<44} {t1 + t2 + t3:7.2f} s   ({sum(statuses.values()):,} milestones, "
          f"{report.planned:,} alerts due, {report.created:,} new, {attached:,} immediate e-mails)")
    return t1 + t2 + t3


def deliver_rate(n):
    from django.conf import settings

    from alerts.delivery import deliver
    from alerts.models import Delivery
    from tests.alerts.smtp import SmtpServer

    with SmtpServer() as server:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
        pks = list(Delivery.objects.filter(status="pending").values_list("pk", flat=True)[:n])
        start = time.perf_counter()
        sent = sum(deliver(pk).status == "sent" for pk in pks)
        seconds = time.perf_counter() - start
        received = len(server.handler.messages)
    print(f"Delivery: {sent} e-mails in {seconds:.2f} s = {sent / seconds:.0f} messages/s "
          f"(one sender, one SMTP connection per e-mail, loopback aiosmtpd; server received {received})")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", action="store_true", help="use a throwaway PostgreSQL database")
    parser.add_argument("--deliver", type=int, default=500, help="e-mails to send in the delivery bench")
    args = parser.parse_args(argv)
    args.drop = None
    where = configure(args)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    try:
        print(f"Database: {where}")
        start = time.perf_counter()
        call_command("migrate", verbosity=0)
        build(random.Random(42))
        print(f"Built {FILINGS:,} filings and {SUBSCRIPTIONS:,} subscriptions in {time.perf_counter() - start:.1f} s")
        first = daily(AS_OF)
        second = daily(AS_OF + dt.timedelta(days=1))
        verdict = "OK" if max(first, second) < 30 else "OVER TARGET"
        print(f"Target: daily evaluation + queueing under 30 s: {verdict} ({first:.1f} s first run, {second:.1f} s next day)")
        deliver_rate(args.deliver)
    finally:
        connection.close()
        shutil.rmtree(args.tmp, ignore_errors=True)
        if args.drop:
            import psycopg

            with psycopg.connect("host=127.0.0.1 port=5432 user=postgres dbname=postgres", autocommit=True) as c:
                c.execute(f'DROP DATABASE IF EXISTS "{args.drop}"')


if __name__ == "__main__":
    main()
