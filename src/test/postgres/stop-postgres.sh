#!/usr/bin/env bash
# Stops the PostgreSQL cluster that start-postgres.sh started, and only that one: it reads
# REMEDIATOR_TEST_POSTGRES_STARTED_CLUSTER ("<version> <cluster>"), which start-postgres.sh sets only when the
# cluster was not running before. A cluster that was already running (a developer's own) is left alone.
set -euo pipefail
started=${REMEDIATOR_TEST_POSTGRES_STARTED_CLUSTER:-}
if [ -z "$started" ]; then
  exit 0
fi
read -r version cluster <<<"$started"
echo "stop-postgres: stopping cluster $version/$cluster (started by this run)" >&2
pg_ctlcluster "$version" "$cluster" stop >&2
