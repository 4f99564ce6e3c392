#!/usr/bin/env bash
# Stops the KDC that start-kdc.sh started, and only that one: it reads REMEDIATOR_TEST_KDC_STARTED_PID, which
# start-kdc.sh sets only when the KDC was not running before, and stops that process only if it still is a krb5kdc.
# A KDC that was already running is left alone; the realm's directory stays for the next run.
set -euo pipefail
pid=${REMEDIATOR_TEST_KDC_STARTED_PID:-}
if [ -z "$pid" ]; then
  exit 0
fi
if [ "$(cat "/proc/$pid/comm" 2>/dev/null)" != krb5kdc ]; then
  exit 0
fi
echo "stop-kdc: stopping krb5kdc $pid (started by this run)" >&2
kill "$pid"
for _ in $(seq 1 50); do
  [ -d "/proc/$pid" ] || exit 0
  sleep 0.1
done
echo "stop-kdc: krb5kdc $pid did not stop within 5 s" >&2
exit 1
