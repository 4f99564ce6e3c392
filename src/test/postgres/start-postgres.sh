#!/usr/bin/env bash
# Starts a local PostgreSQL cluster on 127.0.0.1:5432 with a user and database for the store tests
# (org.wsusremediator.store). Idempotent: safe to run again with the cluster up, the role or database
# already there. Run as root on Debian (it installs the postgresql package when missing).
# Prints the three environment variables the tests read; use:  env="$(src/test/postgres/start-postgres.sh)"; eval "$env"
# When this run started the cluster (it was not running), it also prints REMEDIATOR_TEST_POSTGRES_STARTED_CLUSTER
# ("<version> <cluster>") so that the caller can stop it at its exit (src/test/postgres/stop-postgres.sh); a cluster
# that was already running is left alone. If this script fails after starting the cluster, it stops it again.
set -euo pipefail

PG_USER=${REMEDIATOR_PG_USER:-remediator}
PG_PASSWORD=${REMEDIATOR_PG_PASSWORD:-remediator-test}
PG_DB=${REMEDIATOR_PG_DB:-remediator_test}
PG_PORT=${REMEDIATOR_PG_PORT:-5432}
PG_CLUSTER=${REMEDIATOR_PG_CLUSTER:-main}

log() { echo "start-postgres: $*" >&2; }

if ! command -v pg_ctlcluster >/dev/null 2>&1 || ! compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null; then
  log "installing postgresql"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
fi

VER=$(ls /usr/lib/postgresql | sort -V | tail -1)

if ! pg_lsclusters -h | awk -v v="$VER" -v c="$PG_CLUSTER" '$1 == v && $2 == c { found = 1 } END { exit !found }'; then
  log "creating cluster $VER/$PG_CLUSTER on port $PG_PORT"
  pg_createcluster --port "$PG_PORT" "$VER" "$PG_CLUSTER" >&2
fi

# Debian's default postgresql.conf listens on localhost and pg_hba.conf allows
# scram-sha-256 password logins from 127.0.0.1/32, which is what the JDBC URL uses.
STARTED=""
if ! pg_lsclusters -h | awk -v v="$VER" -v c="$PG_CLUSTER" '$1 == v && $2 == c && $4 ~ /online/ { found = 1 } END { exit !found }'; then
  log "starting cluster $VER/$PG_CLUSTER"
  pg_ctlcluster "$VER" "$PG_CLUSTER" start >&2
  STARTED="$VER $PG_CLUSTER"
  # Started here: stopped again if anything below fails, since the caller never learns that it should stop it.
  trap 'if [ $? -ne 0 ]; then log "stopping cluster $STARTED again"; pg_ctlcluster $STARTED stop >&2 || true; fi' EXIT
fi

CLUSTER_PORT=$(pg_lsclusters -h | awk -v v="$VER" -v c="$PG_CLUSTER" '$1 == v && $2 == c { print $3 }')

psql_admin() { runuser -u postgres -- psql -p "$CLUSTER_PORT" -v ON_ERROR_STOP=1 -qtA "$@"; }

for _ in $(seq 1 30); do
  if psql_admin -c 'SELECT 1' >/dev/null 2>&1; then break; fi
  sleep 1
done

# Role: create when missing, (re)set the password either way so reruns converge.
psql_admin -v u="$PG_USER" -v p="$PG_PASSWORD" >&2 <<'SQL'
SELECT format('CREATE ROLE %I LOGIN', :'u') WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'u')
\gexec
SELECT format('ALTER ROLE %I WITH LOGIN PASSWORD %L', :'u', :'p')
\gexec
SQL

if [ -z "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = '${PG_DB//\'/\'\'}'")" ]; then
  log "creating database $PG_DB"
  runuser -u postgres -- createdb -p "$CLUSTER_PORT" -O "$PG_USER" "$PG_DB" >&2
fi

echo "export REMEDIATOR_TEST_POSTGRES_URL=jdbc:postgresql://127.0.0.1:${CLUSTER_PORT}/${PG_DB}"
echo "export REMEDIATOR_TEST_POSTGRES_USER=${PG_USER}"
echo "export REMEDIATOR_TEST_POSTGRES_PASSWORD=${PG_PASSWORD}"
echo "export REMEDIATOR_TEST_POSTGRES_STARTED_CLUSTER='${STARTED}'"
