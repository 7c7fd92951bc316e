"""Queueing send tasks while the broker is down: the failure is recorded, nothing waits for the redispatch delay
(the real broker outage, with a worker and SMTP, is in tests/faults/test_broker_down.py)."""

from unittest import mock

import pytest
from kombu.exceptions import OperationalError

from alerts import tasks
from alerts.models import Delivery
from tests.alerts.conftest import subscribe

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_due(alice, bob, charlie, kuiper):
    return [
        Delivery.objects.create(key=f"alert:{user.username}", subscription=subscribe(user, filings=[kuiper]),
                                kind="immediate").pk
        for user in (alice, bob, charlie)
    ]


def test_a_publish_failure_leaves_the_rest_for_the_next_sweep(three_due, caplog):
    published = []

    def delay(pk):
        if published:
            raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")
        published.append(pk)

    with mock.patch.object(tasks.deliver, "delay", side_effect=delay) as patched:
        assert tasks.dispatch() == 1
    assert patched.call_count == 2  # it stops at the first failure: no timeout paid per delivery
    first, *rest = sorted(three_due, key=lambda pk: pk != published[0])
    assert Delivery.objects.get(pk=first).dispatched_at is not None
    assert set(Delivery.objects.filter(pk__in=rest).values_list("status", "dispatched_at")) == {("pending", None)}
    assert "left for the next sweep" in caplog.text

    with mock.patch.object(tasks.deliver, "delay") as patched:  # the broker is back: the sweep queues the rest now
        assert tasks.sweep()["dispatched"] == 2
    assert sorted(c.args[0] for c in patched.call_args_list) == sorted(rest)
