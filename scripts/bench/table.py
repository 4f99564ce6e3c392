#!/usr/bin/env python3
"""A Markdown table from `remediator benchmark --json` files: python3 scripts/bench/table.py DIR/*.json"""
import json
import sys


def seconds(value):
    """CPU seconds; "?" without /proc (-1), "n/m" when not measurable (NaN: the JVM retired compiler threads)."""
    if isinstance(value, str) or value != value:
        return "n/m"
    return "%.1f" % value if value >= 0 else "?"


COLUMNS = [
    ("auth", lambda f: "NTLM+enc" if f["auth"] == "ntlm" else "Basic"),
    ("hosts", lambda f: "{:,}".format(f["hosts"])),
    ("P", lambda f: str(f["parallelism"])),
    ("wall s", lambda f: "%.1f" % f["elapsedSeconds"]),
    ("hosts/s", lambda f: "%.0f" % f["hostsPerSecond"]),
    ("bound s", lambda f: "%.1f" % f["boundSeconds"]),
    ("× bound", lambda f: "%.2f" % f["ratioToBound"]),
    ("p50 / p99 ms", lambda f: "%d / %d" % (f["p50Millis"], f["p99Millis"])),
    ("client CPU s", lambda f: "%.1f" % f["clientCpuSeconds"]),
    ("client ms/host (steady)", lambda f: "%.1f (%.1f)" % (f["clientCpuMsPerHost"], f["steadyClientCpuMsPerHost"])),
    ("simulator CPU s", lambda f: "%.1f" % f["simulatorCpuSeconds"]),
    ("GC CPU s", lambda f: seconds(f["gcCpuSeconds"])),
    ("JIT CPU s", lambda f: seconds(f["jitCpuSeconds"])),
    ("peak heap MB", lambda f: "%d" % (f["peakHeapBytes"] >> 20)),
    ("load before", lambda f: f["loadAverageBefore"].split()[0]),
]


def main(paths):
    figures = []
    for path in paths:
        try:
            with open(path) as f:
                figures.append(json.load(f))
        except (OSError, ValueError) as e:
            print("table.py: skipped %s: %s" % (path, e), file=sys.stderr)
    figures.sort(key=lambda f: (f["auth"], f["hosts"], f["parallelism"]))
    print("| " + " | ".join(name for name, _ in COLUMNS) + " |")
    print("|" + "---|" * len(COLUMNS))
    for f in figures:
        print("| " + " | ".join(cell(f) for _, cell in COLUMNS) + " |")
    if figures:
        latency = sorted({f["latencyMs"] for f in figures})
        print()
        print("%s ms per request; bound = hosts × %.0f WS-Man requests × latency / P; %s unexpected results"
              % ("/".join(map(str, latency)), figures[0]["wsmanRequestsPerHost"],
                 sum(f["unexpectedOutcomes"] for f in figures)))


if __name__ == "__main__":
    main(sys.argv[1:])
