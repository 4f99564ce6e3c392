#!/usr/bin/env bash
# The remediator's scan against an independent client, a 50-thread pywinrm script, on ONE separately running
# simulator process (`remediator simulate`), with the same probe command line and the same 5 WS-Man requests per host.
# Prints each client's wall time and CPU-seconds, and the simulator's CPU while each ran.
#
# Usage: scripts/bench/compare.sh [HOSTS] [AUTH]        (defaults: 200 ntlm; AUTH ntlm = NTLM + message encryption, or basic)
# Environment: LATENCY_MS (50), THREADS (50: pywinrm's threads and the scan's parallelism),
#              FIRST_ADDRESS (127.89.0.1), PORT (55991), KEEP (set: keep the work directory)
# Needs pywinrm: apt-get install python3-winrm (Debian, pywinrm 0.3.0), run by /usr/bin/python3.
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
hosts="${1:-200}"
auth="${2:-ntlm}"
latency="${LATENCY_MS:-50}"
threads="${THREADS:-50}"
first="${FIRST_ADDRESS:-127.89.0.1}"
port="${PORT:-55991}"
python=/usr/bin/python3

if ! "$python" -c 'import winrm' 2>/dev/null; then
  echo "compare.sh: pywinrm is missing; install it with: apt-get install python3-winrm" >&2
  exit 2
fi

work="$(mktemp -d -t remediator-compare.XXXXXX)"
sim=""
stop_simulator() {
  if [ -n "$sim" ] && kill -0 "$sim" 2>/dev/null; then
    kill "$sim" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$sim" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$sim" 2>/dev/null || true
  fi
  if [ -z "${KEEP:-}" ]; then rm -rf "$work"; else echo "work directory kept: $work" >&2; fi
}
trap stop_simulator EXIT
trap 'exit 130' INT TERM

# A fresh password for the simulated fleet, known to this script's children only.
REMEDIATOR_BENCH_PASSWORD="$(head -c 18 /dev/urandom | base64 | tr -d '/+=')"
export REMEDIATOR_BENCH_PASSWORD

"$home/remediator" benchmark --write-files "$work" --hosts "$hosts" --latency-ms "$latency" --auth "$auth" \
  --parallelism "$threads" --first-address "$first" --port "$port" >/dev/null

# The launcher execs java, so $! is the simulator's JVM.
"$home/remediator" simulate "$work/fleet.yaml" >"$work/simulate.out" 2>"$work/simulate.err" &
sim=$!
for _ in $(seq 1 600); do
  grep -q '^serving' "$work/simulate.out" 2>/dev/null && break
  kill -0 "$sim" 2>/dev/null || { echo "compare.sh: the simulator ended:" >&2; tail -5 "$work/simulate.err" >&2; exit 1; }
  sleep 0.2
done
grep -q '^serving' "$work/simulate.out" || { echo "compare.sh: the simulator did not listen within 120 s" >&2; exit 1; }

# utime + stime of the simulator's process, in seconds (clock ticks of 1/100 s)
sim_cpu() { awk '{ sub(/^.*\) /, ""); printf "%.2f", ($12 + $13) / 100 }' "/proc/$sim/stat"; }

# NTLM needs MD4, which Debian 12's OpenSSL 3 moved to its legacy provider: without it pywinrm's NTLM fails with
# "unsupported hash type md4". Enable that provider for pywinrm's process only.
cat >"$work/openssl-legacy.cnf" <<'CNF'
openssl_conf = openssl_init
[openssl_init]
providers = provider_sect
[provider_sect]
default = default_sect
legacy = legacy_sect
[default_sect]
activate = 1
[legacy_sect]
activate = 1
CNF

# Warm the simulator up first (its JIT), not measured: else the first client measured meets a cold simulator.
head -n 50 "$work/hosts.txt" >"$work/warm-up-hosts.txt"
OPENSSL_CONF="$work/openssl-legacy.cnf" "$python" "$home/scripts/bench/pywinrm_probe.py" --hosts-file "$work/warm-up-hosts.txt" \
  --port "$port" --command-file "$work/probe-command.txt" --auth "$auth" --threads "$threads" >/dev/null || true

echo "$hosts hosts, $latency ms per request, $auth, $threads at once; simulator pid $sim; $(uptime)"
before="$(sim_cpu)"
OPENSSL_CONF="$work/openssl-legacy.cnf" /usr/bin/time -f "  (time: %e s wall, %U + %S CPU-s, max RSS %M KB)" \
  "$python" "$home/scripts/bench/pywinrm_probe.py" --hosts-file "$work/hosts.txt" --port "$port" \
  --command-file "$work/probe-command.txt" --auth "$auth" --threads "$threads" || echo "  pywinrm: some hosts failed"
after="$(sim_cpu)"
echo "  simulator CPU meanwhile: $(awk -v a="$after" -v b="$before" 'BEGIN { printf "%.1f", a - b }') s"

before="$after"
start=$(date +%s.%N)
if /usr/bin/time -f "remediator scan: %e s wall (JVM start included), %U + %S CPU-s, max RSS %M KB" -o "$work/scan.time" \
    "$home/remediator" scan "$work/inventory.yaml" --quiet --parallelism "$threads" --report-dir "$work/reports" \
    >"$work/scan.out" 2>"$work/scan.err"; then scan_exit=0; else scan_exit=$?; fi
after="$(sim_cpu)"
cat "$work/scan.time"
grep -E 'hosts scanned in|^  [A-Z_]+ +[0-9]+$' "$work/scan.out" | sed 's/^ */  /' || true
echo "  scan exit $scan_exit; simulator CPU meanwhile: $(awk -v a="$after" -v b="$before" 'BEGIN { printf "%.1f", a - b }') s"
