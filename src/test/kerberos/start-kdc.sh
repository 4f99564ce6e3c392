#!/usr/bin/env bash
# Starts a private MIT Kerberos KDC on loopback for the Kerberos tests (docs/simulator-kerberos.md): realm
# WSUSLAB.TEST, its database, configuration, keytab and log in one owner-only directory. /etc/krb5.conf is never
# written: everything here reads the generated files through KRB5_CONFIG and KRB5_KDC_PROFILE.
# Idempotent: safe to run again with the KDC up, the realm or the principals already there.
# Run as root on Debian (it installs krb5-kdc, krb5-admin-server and krb5-user when missing).
# Prints the environment the tests read; use:  env="$(src/test/kerberos/start-kdc.sh)"; eval "$env"
#
# What it makes:
#  - the user principal of the lab account (REMEDIATOR_KDC_USER, default WSUS-ADMIN: upper case, because
#    WinRM4J 0.12.3 upper-cases the whole user name before it asks for a ticket). Its password is
#    REMEDIATOR_TEST_KDC_PASSWORD when set, else the one of an earlier run, else a random one; it is written to
#    an owner-only file (REMEDIATOR_TEST_KDC_PASSWORD_FILE) and never printed;
#  - HTTP/<name> for every name in src/test/kerberos/hosts (the simulated Kerberos hosts), except a line marked
#    "no-spn", and a keytab (owner-only) with their keys, for the simulator's acceptor.
# It also prints WSUS_SIMULATOR_KRB5_KEYTAB and _REALM, which a simulator started from this environment reads.
# When this run started the KDC (it was not running), it also prints REMEDIATOR_TEST_KDC_STARTED_PID so that the
# caller can stop it at its exit (src/test/kerberos/stop-kdc.sh); a KDC that was already running is left alone.
# If this script fails after starting the KDC, it stops it again.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REALM=${REMEDIATOR_KDC_REALM:-WSUSLAB.TEST}
KDC_PORT=${REMEDIATOR_KDC_PORT:-60088}
KDC_DIR=${REMEDIATOR_KDC_DIR:-/tmp/wsus-remediator-kdc}
KDC_USER=${REMEDIATOR_KDC_USER:-WSUS-ADMIN}
HOSTS_FILE=${REMEDIATOR_KDC_HOSTS_FILE:-$HERE/hosts}

log() { echo "start-kdc: $*" >&2; }

if ! command -v krb5kdc >/dev/null 2>&1 || ! command -v kadmin.local >/dev/null 2>&1 || ! command -v kinit >/dev/null 2>&1; then
  log "installing krb5-kdc krb5-admin-server krb5-user"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  # (Debian's krb5-config writes a default /etc/krb5.conf only when there is none; nothing here reads it.)
  apt-get install -y -qq krb5-kdc krb5-admin-server krb5-user >&2
fi

umask 077
mkdir -p "$KDC_DIR"
chmod 700 "$KDC_DIR"
export KRB5_CONFIG="$KDC_DIR/krb5.conf"
export KRB5_KDC_PROFILE="$KDC_DIR/kdc.conf"
PID_FILE="$KDC_DIR/krb5kdc.pid"
KEYTAB="$KDC_DIR/http.keytab"
PASSWORD_FILE="$KDC_DIR/user.password"

# Clients (Java, MIT's tools) ask only this KDC, over TCP, and never canonicalize names through DNS: the host
# names of the simulated hosts resolve only through the hosts file given to each client.
cat >"$KRB5_CONFIG" <<EOF
[libdefaults]
  default_realm = $REALM
  dns_lookup_kdc = false
  dns_lookup_realm = false
  dns_canonicalize_hostname = false
  rdns = false
  udp_preference_limit = 1
  # A KDC that does not answer is given up after 3 s, twice (Java reads both; MIT ignores max_retries), not
  # Java's default 30 s three times: the Kerberos login comes before the visit's own deadline applies.
  kdc_timeout = 3s
  max_retries = 2
  ticket_lifetime = 10h
  forwardable = false

[realms]
  $REALM = {
    kdc = 127.0.0.1:$KDC_PORT
  }

[domain_realm]
  .wsuslab.test = $REALM
  wsuslab.test = $REALM
EOF

cat >"$KRB5_KDC_PROFILE" <<EOF
[kdcdefaults]
  kdc_listen = 127.0.0.1:$KDC_PORT
  kdc_tcp_listen = 127.0.0.1:$KDC_PORT

[realms]
  $REALM = {
    database_name = $KDC_DIR/principal
    key_stash_file = $KDC_DIR/stash
    acl_file = $KDC_DIR/kadm5.acl
    max_life = 10h
    supported_enctypes = aes256-cts-hmac-sha1-96:normal aes128-cts-hmac-sha1-96:normal
  }

[logging]
  kdc = FILE:$KDC_DIR/krb5kdc.log
EOF
: >"$KDC_DIR/kadm5.acl"

if [ ! -f "$KDC_DIR/principal" ]; then
  log "creating realm $REALM in $KDC_DIR"
  # The master key only protects this throwaway database; it is kept in the stash file, nowhere else.
  master=$(head -c 32 /dev/urandom | base64 | tr -d '\n/+=')
  kdb5_util create -s -r "$REALM" -P "$master" >/dev/null 2>&1 || { log "kdb5_util create failed"; exit 1; }
fi

running_pid() {
  local pid
  [ -f "$PID_FILE" ] || return 1
  pid=$(cat "$PID_FILE")
  [ -n "$pid" ] && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = krb5kdc ] && echo "$pid"
}

STARTED=""
if ! running_pid >/dev/null; then
  log "starting krb5kdc for $REALM on 127.0.0.1:$KDC_PORT"
  krb5kdc -r "$REALM" -P "$PID_FILE" >&2
  for _ in $(seq 1 50); do
    if running_pid >/dev/null; then break; fi
    sleep 0.1
  done
  STARTED=$(running_pid) || { log "krb5kdc did not start; see $KDC_DIR/krb5kdc.log"; exit 1; }
  # Started here: stopped again if anything below fails, since the caller never learns that it should stop it.
  trap 'if [ $? -ne 0 ]; then log "stopping krb5kdc $STARTED again"; kill "$STARTED" 2>/dev/null || true; fi' EXIT
fi

# kadmin.local reads its commands from stdin: a password never appears in a command line (ps) or in the output.
kadmin() { kadmin.local -r "$REALM" >/dev/null 2>"$KDC_DIR/kadmin.err" || { log "kadmin.local failed: $(grep -v -i password "$KDC_DIR/kadmin.err" | head -3)"; exit 1; }; }
has_principal() { kadmin.local -r "$REALM" -q "getprinc $1" 2>/dev/null | grep -q "^Principal: $1@"; }

if [ -n "${REMEDIATOR_TEST_KDC_PASSWORD:-}" ]; then
  password=$REMEDIATOR_TEST_KDC_PASSWORD
elif [ -s "$PASSWORD_FILE" ]; then
  password=$(cat "$PASSWORD_FILE")
else
  password="Krb-$(head -c 18 /dev/urandom | base64 | tr -d '\n/+=')"
fi
case "$password" in *[[:space:]\"\']*) log "REMEDIATOR_TEST_KDC_PASSWORD must not contain spaces or quotes"; exit 1 ;; esac
printf '%s' "$password" >"$PASSWORD_FILE"
chmod 600 "$PASSWORD_FILE"
# Pre-authentication required, as Active Directory requires it by default: a wrong password is refused by the KDC
# (Pre-authentication information was invalid) before it issues anything.
if has_principal "$KDC_USER"; then
  printf 'cpw -pw %s %s\nmodprinc +requires_preauth %s\n' "$password" "$KDC_USER" "$KDC_USER" | kadmin
else
  log "adding user principal $KDC_USER@$REALM"
  printf 'addprinc +requires_preauth -pw %s %s\n' "$password" "$KDC_USER" | kadmin
fi
unset password

spns=()
while read -r address name rest; do
  case "$address" in ''|\#*) continue ;; esac
  [ -n "$name" ] && [ "$name" != localhost ] || continue
  case "$rest" in *no-spn*) continue ;; esac
  spns+=("HTTP/$name")
done <"$HOSTS_FILE"
for spn in "${spns[@]}"; do
  if ! has_principal "$spn"; then
    log "adding service principal $spn@$REALM"
    printf 'addprinc -randkey %s\n' "$spn" | kadmin
  fi
done
# The keytab is written afresh from the database (-norandkey: the keys stay those the KDC issues tickets with).
rm -f "$KEYTAB"
for spn in "${spns[@]}"; do
  printf 'ktadd -k %s -norandkey %s\n' "$KEYTAB" "$spn" | kadmin
done
chmod 600 "$KEYTAB"

echo "export REMEDIATOR_TEST_KDC_REALM=${REALM}"
echo "export REMEDIATOR_TEST_KDC_KRB5_CONFIG=${KRB5_CONFIG}"
echo "export REMEDIATOR_TEST_KDC_KEYTAB=${KEYTAB}"
echo "export REMEDIATOR_TEST_KDC_USER=${KDC_USER}@${REALM}"
echo "export REMEDIATOR_TEST_KDC_PASSWORD_FILE=${PASSWORD_FILE}"
echo "export REMEDIATOR_TEST_KDC_HOSTS_FILE=${HOSTS_FILE}"
echo "export REMEDIATOR_TEST_KDC_STARTED_PID='${STARTED}'"
# What a simulator started from this environment (./remediator simulate, a lab scan) accepts Kerberos with.
echo "export WSUS_SIMULATOR_KRB5_KEYTAB=${KEYTAB}"
echo "export WSUS_SIMULATOR_KRB5_REALM=${REALM}"
