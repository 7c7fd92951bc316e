"""manage.py send_alerts: the same pipeline by hand, and a dry run that writes nothing."""

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from alerts.models import Alert, Delivery, FilingState, MilestoneState
from compliance.models import Milestone
from tests.alerts.conftest import M100_DUE, subscribe

pytestmark = pytest.mark.django_db
AS_OF = (M100_DUE - dt.timedelta(days=90)).isoformat()


def _run(*args):
    out = io.StringIO()
    call_command("send_alerts", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_it_evaluates_queues_and_sends_once(alice, kuiper):
    subscribe(alice, filings=[kuiper], codes=["fcc_m100"])
    out = _run("--as-of", AS_OF)
    assert "Queued 1 new alert(s)" in out and "Deliveries: 1 sent." in out
    assert len(mail.outbox) == 1 and "Kuiper Gen1: Launch and operate all authorised satellites due 30 Jul 2029" in mail.outbox[0].subject
    out = _run("--as-of", AS_OF)
    assert "Queued 0 new alert(s) (1 already queued)" in out and "nothing due" in out
    assert len(mail.outbox) == 1


def test_a_dry_run_prints_and_writes_nothing(alice, kuiper):
    subscribe(alice, filings=[kuiper], codes=["fcc_m100"])
    out = _run("--as-of", AS_OF, "--dry-run")
    assert "Would queue 1 new alert(s)" in out
    assert "would send to alice@example.org: [Slotwatch] Kuiper Gen1: Launch and operate all authorised satellites due 30 Jul 2029" in out
    assert "Dry run: nothing was written or sent." in out
    assert mail.outbox == []
    for model in (Alert, Delivery, Milestone, MilestoneState, FilingState):
        assert not model.objects.exists(), model


def test_it_assembles_digests_on_request(alice, kuiper):
    subscribe(alice, filings=[kuiper], codes=["fcc_m100"], delivery_mode="weekly")
    out = _run("--as-of", AS_OF, "--digests")
    assert "Assembled 1 digest(s)." in out and "Deliveries: 1 sent." in out
    assert mail.outbox[0].subject.startswith("[Slotwatch] Weekly digest: 1 alert")


def test_it_rejects_a_bad_date():
    with pytest.raises(CommandError, match="'2029-02-30' is not a date"):
        call_command("send_alerts", "--as-of", "2029-02-30")
