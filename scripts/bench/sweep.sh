#!/usr/bin/env bash
# Issue 15's benchmark sweep: `remediator benchmark` for every hosts × parallelism × auth, one run after another,
# each run's figures in OUT/<auth>-<hosts>-<parallelism>.json (and its printout in .txt), then a Markdown table.
#
# Usage: scripts/bench/sweep.sh                  (hosts 500 2000 10000 × parallelism 64 128 256 × auth basic ntlm)
#        HOSTS="500 2000" PARALLELISM=64 AUTHS=ntlm scripts/bench/sweep.sh
# Environment: HOSTS, PARALLELISM, AUTHS, LATENCY_MS (50), HEAP (the scan's -Xmx, 512m), SIMULATOR_HEAP (1g),
#              FIRST_ADDRESS (127.80.0.1), PORT (55990), RUN_TIMEOUT (seconds per run, 900), OUT (a directory)
# Run it on a quiet machine: the wall-clock figures are only as good as the cores the runs get.
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HOSTS="${HOSTS:-500 2000 10000}"
PARALLELISM="${PARALLELISM:-64 128 256}"
AUTHS="${AUTHS:-basic ntlm}"
LATENCY_MS="${LATENCY_MS:-50}"
HEAP="${HEAP:-512m}"
SIMULATOR_HEAP="${SIMULATOR_HEAP:-1g}"
FIRST_ADDRESS="${FIRST_ADDRESS:-127.80.0.1}"
PORT="${PORT:-55990}"
RUN_TIMEOUT="${RUN_TIMEOUT:-900}"
OUT="${OUT:-$home/target/bench-sweep-$(date -u +%Y%m%dT%H%M%SZ)}"
mkdir -p "$OUT"

failed=0
for auth in $AUTHS; do
  for hosts in $HOSTS; do
    for parallelism in $PARALLELISM; do
      name="$auth-$hosts-$parallelism"
      echo "sweep: $name ($(uptime | sed 's/.*load/load/'))" >&2
      # SIGINT at the timeout: the benchmark's shutdown hook stops its simulator process; KILL 30 s later if need be
      if ! REMEDIATOR_JAVA_OPTS="-Xmx$HEAP" timeout -s INT -k 30 "$RUN_TIMEOUT" "$home/remediator" benchmark \
          --hosts "$hosts" --parallelism "$parallelism" --auth "$auth" --latency-ms "$LATENCY_MS" \
          --simulator-heap "$SIMULATOR_HEAP" --first-address "$FIRST_ADDRESS" --port "$PORT" \
          --json "$OUT/$name.json" >"$OUT/$name.txt" 2>"$OUT/$name.err"; then
        echo "sweep: $name failed (exit $?), see $OUT/$name.err" >&2
        failed=$((failed + 1))
      fi
    done
  done
done

echo
echo "Command: \`HOSTS=\"$HOSTS\" PARALLELISM=\"$PARALLELISM\" AUTHS=\"$AUTHS\" LATENCY_MS=$LATENCY_MS HEAP=$HEAP scripts/bench/sweep.sh\`"
echo
/usr/bin/env python3 "$home/scripts/bench/table.py" "$OUT"/*.json
echo
echo "figures: $OUT"
[ "$failed" -eq 0 ]
