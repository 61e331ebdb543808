#!/usr/bin/env python3
"""The tangle process's own CPU per execution, two builds side by side
(issue 14, item 2: the host side of an execution).

  bench/host_cpu.py --baseline OTHER/bin/tangle [--tangle build/bin/tangle]
      [--reps 3] [--rows NAME,...]

Runs bench/nidhugg_table.py's rows (`tangle check FILE --no-lint --strategy
dpor --format json -- -D...`) with both binaries, interleaved (baseline,
tangle, then tangle, baseline, ...), and gives per row the medians of the
explorer's `explored.seconds` and of the CPU time (user + system) of the
tangle process alone: not its workers, the compiler or anything else it
started. That is read from /proc/PID/stat while the process is a zombie
(waited for with WNOWAIT), so it counts every thread of tangle, and in
clock ticks (10 ms). It includes tangle's start-up (about 0.08 s here: the
31-execution row is nearly all start-up). Each run's JSON, less the fields
that are times (keys ending in "seconds") and the optional "prediction"
block (a predictor that may or may not get to run before the end), must be
the same for both builds: the row says "same" or "DIFFERENT".

A baseline is a copy of another build's bin/, lib/, include/ and libexec/
(tangle runs libexec/tangle-full beside its bin/).
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "bench"))
from nidhugg_table import ROWS  # noqa: E402

HZ = os.sysconf("SC_CLK_TCK")


def comparable(report):
    """The report less what may differ between runs of one build."""
    if isinstance(report, dict):
        return {k: comparable(v) for k, v in report.items()
                if not k.endswith("seconds") and k != "prediction"}
    if isinstance(report, list):
        return [comparable(x) for x in report]
    return report


def run(binary, src, defines):
    cmd = [binary, "check", os.path.join(ROOT, src), "--no-lint", "--strategy", "dpor",
           "--format", "json", "--timeout", "300", "--", *defines]
    with tempfile.TemporaryFile("w+") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.DEVNULL, cwd=ROOT)
        # Exited but not reaped: its /proc entry still holds its CPU times.
        os.waitid(os.P_PID, proc.pid, os.WEXITED | os.WNOWAIT)
        with open(f"/proc/{proc.pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        cpu = (int(fields[11]) + int(fields[12])) / HZ  # utime + stime
        proc.wait()
        out.seek(0)
        report = json.load(out)
    return report["explored"]["seconds"], cpu, report


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--tangle", default=os.path.join(ROOT, "build", "bin", "tangle"))
    ap.add_argument("--baseline", required=True)
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--rows", help="comma-separated substrings of row names")
    args = ap.parse_args()
    builds = {"baseline": args.baseline, "tangle": args.tangle}
    print("| row | executions | seconds: baseline | tangle | ratio "
          "| host CPU s: baseline | tangle | ratio | host µs/execution: baseline | tangle "
          "| JSON |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for name, src, defines, *_ in ROWS:
        if args.rows and not any(r in name for r in args.rows.split(",")):
            continue
        seconds = {b: [] for b in builds}
        cpu = {b: [] for b in builds}
        reports = {b: [] for b in builds}
        order = list(builds)
        for _ in range(args.reps):
            for b in order:
                s, c, report = run(builds[b], src, defines)
                seconds[b].append(s)
                cpu[b].append(c)
                reports[b].append(comparable(report))
            order.reverse()
        first = reports["baseline"][0]
        same = all(r == first for b in builds for r in reports[b])
        execs = first["explored"]["executions"] + first["explored"]["sleep_blocked"]
        med = {b: (statistics.median(seconds[b]), statistics.median(cpu[b])) for b in builds}
        print(f"| {name} | {execs:,} | {med['baseline'][0]:.3f} | {med['tangle'][0]:.3f} "
              f"| {med['tangle'][0] / med['baseline'][0]:.2f} "
              f"| {med['baseline'][1]:.2f} | {med['tangle'][1]:.2f} "
              f"| {med['tangle'][1] / med['baseline'][1]:.2f} "
              f"| {1e6 * med['baseline'][1] / execs:.0f} | {1e6 * med['tangle'][1] / execs:.0f} "
              f"| {'same' if same else 'DIFFERENT'} |", flush=True)
        print(f"<!-- {name}: seconds {json.dumps(seconds)} cpu {json.dumps(cpu)} -->",
              file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
