#!/usr/bin/python3
"""An independent WinRM client for comparison: probes hosts with pywinrm, N threads at once, and prints its wall
time and CPU. It sends the remediator's own probe command line (probe-command.txt, written by
`remediator benchmark --write-files`) in the same five WS-Man requests per host as the scan: Create (shell),
Command, Receive, Signal (terminate), Delete; a new connection per host, as the scan makes.

Needs pywinrm (Debian: apt-get install python3-winrm, pywinrm 0.3.0; run with /usr/bin/python3). The password
comes from the environment variable REMEDIATOR_BENCH_PASSWORD, never from the command line.

Usage: pywinrm_probe.py --hosts-file hosts.txt --port 55991 --command-file probe-command.txt [--auth ntlm|basic]
                        [--threads 50] [--username bench]
"""
import argparse
import os
import resource
import sys
import time
from concurrent.futures import ThreadPoolExecutor

try:
    from winrm.protocol import Protocol
except ImportError:
    sys.exit("pywinrm is not installed: apt-get install python3-winrm (Debian), then run this with /usr/bin/python3")


def probe(address, args, password, command_line):
    # ntlm: message_encryption 'auto' seals every message over http, as stock Windows requires (and the scan does)
    protocol = Protocol(endpoint="http://%s:%d/wsman" % (address, args.port), transport=args.auth,
                        username=args.username, password=password,
                        message_encryption="auto" if args.auth == "ntlm" else "never",
                        read_timeout_sec=70, operation_timeout_sec=60)
    started = time.monotonic()
    shell = protocol.open_shell()                                   # Create
    command = protocol.run_command(shell, command_line)             # Command
    out, err, code = protocol.get_command_output(shell, command)    # Receive (once: the probe is done at once)
    protocol.cleanup_command(shell, command)                        # Signal
    protocol.close_shell(shell)                                     # Delete
    if code != 0 or b"wsus" not in out.lower():
        raise RuntimeError("%s: exit %s, %d bytes of output" % (address, code, len(out)))
    return time.monotonic() - started


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--hosts-file", required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--command-file", required=True)
    parser.add_argument("--auth", choices=["ntlm", "basic"], default="ntlm")
    parser.add_argument("--threads", type=int, default=50)
    parser.add_argument("--username", default="bench")
    args = parser.parse_args()
    password = os.environ.get("REMEDIATOR_BENCH_PASSWORD")
    if not password:
        sys.exit("set REMEDIATOR_BENCH_PASSWORD (the simulated fleet's password)")
    with open(args.hosts_file) as f:
        hosts = [line.strip() for line in f if line.strip()]
    with open(args.command_file) as f:
        command_line = f.read().strip()

    started = time.monotonic()
    failures = []
    durations = []
    with ThreadPoolExecutor(max_workers=args.threads) as pool:
        futures = {pool.submit(probe, h, args, password, command_line): h for h in hosts}
        for future, host in futures.items():
            try:
                durations.append(future.result())
            except Exception as e:  # noqa: BLE001 - every failure is counted and shown, none stops the others
                failures.append("%s: %s" % (host, str(e).splitlines()[0] if str(e) else type(e).__name__))
    wall = time.monotonic() - started
    usage = resource.getrusage(resource.RUSAGE_SELF)
    cpu = usage.ru_utime + usage.ru_stime
    durations.sort()
    p50 = durations[len(durations) // 2] * 1000 if durations else 0
    print("pywinrm: %d hosts (%s, %d threads) in %.1f s wall (%.0f hosts/s), %.1f CPU-s (%.1f ms per host),"
          " p50 %.0f ms, %d failed"
          % (len(hosts), "NTLM + message encryption" if args.auth == "ntlm" else "Basic", args.threads, wall,
             len(hosts) / wall, cpu, cpu * 1000 / max(1, len(hosts)), p50, len(failures)))
    for failure in failures[:5]:
        print("  failed " + failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
