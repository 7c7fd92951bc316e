"""Run the web server, a Celery worker and Celery beat together; Ctrl-C stops all three.

Used by ``make run``. If any of the three exits, the others are stopped too, so
a half-running stack never hides a crash.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
ADDRESS = os.environ.get("SLOTWATCH_ADDRESS", "127.0.0.1:8000")

PROCESSES = {
    "web": [PYTHON, "manage.py", "runserver", ADDRESS, "--noreload"],
    "worker": [PYTHON, "-m", "celery", "-A", "slotwatch", "worker", "--loglevel=INFO", "--concurrency=2"],
    "beat": [PYTHON, "-m", "celery", "-A", "slotwatch", "beat", "--loglevel=INFO"],
}


def stop(children):
    for child in children.values():
        if child.poll() is None:
            child.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + 10
    for child in children.values():
        try:
            child.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            child.kill()


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def main(processes=PROCESSES, address=ADDRESS, env=None) -> int:
    """Start ``processes`` (name -> command; ``make serve`` passes the production ones) and watch them."""
    signal.signal(signal.SIGTERM, _interrupt)  # `kill` or a stopping service manager stops all three too
    children = {name: subprocess.Popen(command, cwd=ROOT, env=env) for name, command in processes.items()}
    others = " with a Celery worker and beat" if "worker" in processes else ""
    print(f"Slotwatch is serving on http://{address}/{others}. Ctrl-C stops all.", flush=True)
    try:
        while True:
            for name, child in children.items():
                if child.poll() is not None:
                    print(f"{name} exited with status {child.returncode}; stopping the others.", flush=True)
                    stop(children)
                    return child.returncode or 1
            time.sleep(0.5)
    except KeyboardInterrupt:
        print("Stopping web, worker and beat…", flush=True)
        stop(children)
        return 0


if __name__ == "__main__":
    sys.exit(main())
