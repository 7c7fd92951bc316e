"""Test-only hooks for worker subprocesses: ``celery -A slotwatch worker --include tests.faults.hooks``.

Nothing in the product imports this module or reads these variables; a fault test loads it into the worker
it starts, so the product code carries no test switches.

``SLOTWATCH_FAULTS_HOLD_SCORE=<folder>``: in the first ``compliance.tasks.score_filing`` run that gets there,
the FilingScore write stops right after its UPDATE/INSERT statement, i.e. inside ``compliance.scoring.store``'s
transaction, before the commit. The process writes its pid to ``<folder>/holding`` and waits until it is
killed. ``<folder>/held`` marks that the hold was taken, so a redelivered task (or a restarted worker started
with the same variable) runs straight through.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from celery.signals import task_prerun

HOLD = "SLOTWATCH_FAULTS_HOLD_SCORE"
_installed = False


def _take_hold(folder: Path) -> bool:
    try:
        os.close(os.open(folder / "held", os.O_CREAT | os.O_EXCL | os.O_WRONLY))
    except FileExistsError:
        return False
    return True


def _install() -> None:
    global _installed
    from compliance.models import FilingScore

    original = FilingScore.save

    def save(self, *args, **kwargs):
        original(self, *args, **kwargs)
        folder = Path(os.environ[HOLD])
        if _take_hold(folder):
            (folder / "holding.tmp").write_text(str(os.getpid()))
            os.replace(folder / "holding.tmp", folder / "holding")
            while True:  # inside the transaction, written but not committed: wait to be killed
                time.sleep(1)

    FilingScore.save = save
    _installed = True


@task_prerun.connect
def _hold_score_write(sender=None, **kwargs):
    if not _installed and os.environ.get(HOLD) and getattr(sender, "name", "") == "compliance.tasks.score_filing":
        _install()
