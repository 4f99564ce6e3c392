#!/usr/bin/env bash
# The start-up of one remediator command, broken down: runs it through the launcher with the JVM's class-load
# log (uptime of every class loaded) and prints when each stage's first class was loaded, the process's CPU
# seconds and how many classes came from class data sharing. Stages are marked by the first class each loads:
#   picocli        org.wsusremediator.cli.RemediatorCommand  (the JVM is up, main runs, picocli parses)
#   command        org.wsusremediator.cli.RunSetup           (ScanCommand.call: inventory, credentials, fleet)
#   camel          org.wsusremediator.app.Remediator         (simulated fleet up; Camel Main starts)
#   routes         org.apache.camel.dsl.yaml.YamlRoutesBuilderLoader (the YAML routes are read)
#   first host     org.wsusremediator.winrm.WinRmSession     (Camel started; the first host's WinRM client is built)
#   first request  io.netty...MaxMessageHandle               (a simulated host accepted its first WS-Man connection)
# Usage: scripts/startup-timeline.sh [remediator arguments]   (default: scan inventory/lab.yaml)
# The command's own output goes to target/startup-timeline.out and .err; REMEDIATOR_JAVA_OPTS is passed on.
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[ $# -gt 0 ] || set -- scan inventory/lab.yaml
mkdir -p "$home/target"
log="$home/target/startup-timeline.classes.log"
out="$home/target/startup-timeline.out"
err="$home/target/startup-timeline.err"
# Build first (if needed), outside the measured run.
"$home/remediator" --version >/dev/null

# The CPU seconds at the first request are read from /proc while the run goes on (the launcher execs the JVM,
# so its process id is the JVM's); the whole run's CPU when it ends.
rm -f "$log"
REMEDIATOR_JAVA_OPTS="${REMEDIATOR_JAVA_OPTS:-} -Xlog:class+load=info:file=$log:uptime" \
  "$home/remediator" "$@" >"$out" 2>"$err" &
pid=$!
tick=$(getconf CLK_TCK)
cpu() { awk -v t="$tick" '{printf "%.2f", ($14+$15)/t}' "/proc/$pid/stat" 2>/dev/null || echo '?'; }
cpu_first='?'
while kill -0 "$pid" 2>/dev/null; do
  if [ "$cpu_first" = '?' ] && grep -q -F 'MaxMessageHandle ' "$log" 2>/dev/null; then cpu_first=$(cpu); fi
  cpu_end=$(cpu)
  sleep 0.02
done
set +e
wait "$pid"
status=$?
set -e

first() { grep -m1 -F " $1 " "$log" | sed -E 's/^\[([0-9.]+)s\].*/\1/'; }
printf '%-14s %8s\n' stage 'uptime s'
printf '%-14s %8s\n' picocli "$(first org.wsusremediator.cli.RemediatorCommand)"
printf '%-14s %8s\n' command "$(first org.wsusremediator.cli.RunSetup)"
printf '%-14s %8s\n' camel "$(first org.wsusremediator.app.Remediator)"
printf '%-14s %8s\n' routes "$(first org.apache.camel.dsl.yaml.YamlRoutesBuilderLoader)"
printf '%-14s %8s\n' 'first host' "$(first org.wsusremediator.winrm.WinRmSession)"
printf '%-14s %8s\n' 'first request' "$(first 'io.netty.channel.DefaultMaxMessagesRecvByteBufAllocator$MaxMessageHandle')"
printf 'exit %s; CPU until the first request %s s, whole run %s s; classes loaded %s, from the CDS archive %s; load: %s\n' \
  "$status" "$cpu_first" "$cpu_end" "$(grep -c . "$log")" "$(grep -c 'source: shared objects file' "$log")" \
  "$(cut -d' ' -f1-3 /proc/loadavg)"
