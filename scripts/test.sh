#!/usr/bin/env bash
# `make test`: the suite in two runs at once. The parallel run spreads the tests across xdist workers (a test
# database each); the serial run (browser, fault-injection and worker-process tests, marked by path in
# tests/conftest.py) mostly waits on browsers and services, so it runs beside it in its own process.
# Either run failing fails the target; "no tests collected" (pytest's 5) counts only when both collect nothing.
set -u
python=${PYTHON:-.venv/bin/python}
workers=${TEST_WORKERS:-auto}
mkdir -p var
serial_log=var/test-serial.log

"$python" -m pytest -m serial "$@" >"$serial_log" 2>&1 &
serial_pid=$!
echo "serial tests (browser, faults, worker processes) running beside the parallel run; output: $serial_log"

"$python" -m pytest -n "$workers" --dist worksteal -m "not serial" "$@"
parallel=$?
wait "$serial_pid"
serial=$?

echo
echo "==> serial run ($serial_log)"
cat "$serial_log"

if [ "$parallel" -eq 5 ] && [ "$serial" -eq 5 ]; then exit 5; fi
for status in "$parallel" "$serial"; do
  [ "$status" -eq 0 ] || [ "$status" -eq 5 ] || exit "$status"
done
exit 0
