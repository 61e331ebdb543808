#!/usr/bin/env python3
"""tangle's explorer side by side with Nidhugg's optimal DPOR (issue 14).

  bench/nidhugg_table.py [--reps 3] [--timeout 150] [--rows NAME,...]
                         [--tangle-args ARGS] [--baseline OTHER_TANGLE]
                         [--baseline-args ARGS]

Each row is one of the public DPOR benchmarks, written for tangle in
bench/dpor/ (lastzero, indexer, readers, philosophers) or bench/ (the
producer/consumer). tangle runs `build/bin/tangle check FILE --no-lint
--strategy dpor --format json --timeout T -- -D...` (DPOR alone: the
default portfolio fills the budget with random schedules, so its counts
would depend on the machine's load), and its time is the exploration's own
(`explored.seconds`, without the compile). With --baseline, a second tangle
binary (another build, e.g. main's) runs the same rows in the same loop,
interleaved (baseline, tangle, baseline, ...), and the table gives its
seconds and the ratio tangle / baseline beside them; --baseline-args gives
the baseline its own options (default: --tangle-args), so that one binary
can run both ways (`--tangle-args=--reuse-process --baseline
build/bin/tangle --baseline-args=`). When `nidhuggc` is on the PATH,
Nidhugg runs `nidhuggc -D... -- --sc --optimal FILE` on the same source in
the same loop, interleaved with tangle (tangle, Nidhugg, tangle, ...), and its
time is the "Total wall-clock time" it prints; each column is the median of
--reps runs. Without Nidhugg the table gives tangle's columns beside the
reference numbers measured side by side on this kind of 2-vCPU machine
(issue 14, Nidhugg 0.4), marked "(ref)".
"""
import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TANGLE = os.path.join(ROOT, "build", "bin", "tangle")
args_tangle = TANGLE

# (name, source, -D flags, reference: executions, tangle s, Nidhugg s).
ROWS = [
    ("philosophers N=5 (deadlock)", "bench/dpor/philosophers.c", ["-DN=5"], "31", 0.04, 0.23),
    ("ordered philosophers N=4, 2 rounds", "bench/dpor/philosophers.c",
     ["-DN=4", "-DROUNDS=2", "-DORDERED"], "786", 0.70, 0.26),
    ("ordered philosophers N=5, 2 rounds", "bench/dpor/philosophers.c",
     ["-DN=5", "-DROUNDS=2", "-DORDERED"], "5,730", 5.66, 2.81),
    ("producer/consumer 2x2, 2 items", "bench/producer_consumer.c", ["-DITEMS=2"],
     "12,184 / 29,728", 12.4, 11.6),
    ("lastzero N=10", "bench/dpor/lastzero.c", ["-DN=10"], "3,328", 72.3, 3.59),
    ("indexer, 14 threads", "bench/dpor/indexer.c", ["-DTHREADS=14"], "512", 20.8, 2.51),
    ("indexer, 15 threads", "bench/dpor/indexer.c", ["-DTHREADS=15"], "4,096", None, 23.1),
    ("readers N=10", "bench/dpor/readers.c", ["-DN=10"], "1,024", 1.65, 0.54),
]


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def run_tangle(src, defines, timeout, extra, binary=None):
    cmd = [binary or args_tangle, "check", os.path.join(ROOT, src), "--no-lint",
           "--strategy", "dpor", "--format", "json", "--timeout", str(timeout), *extra,
           "--", *defines]
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        report = json.loads(proc.stdout)
    except ValueError:
        log("tangle failed (exit %d): %s" % (proc.returncode, proc.stderr.strip()[-300:]))
        return None
    ex = report.get("explored", {})
    ids = sorted({f.get("id", "?") for f in report.get("findings", [])})
    return {
        "executions": ex.get("executions", 0),
        "blocked": ex.get("sleep_blocked", 0),
        "seconds": ex.get("seconds", 0.0),
        "complete": bool(ex.get("complete")),
        "verdict": report.get("verdict", "?") + (" " + ",".join(ids) if ids else ""),
    }


def run_nidhugg(nidhuggc, src, defines, timeout):
    cmd = [nidhuggc, *defines, "--", "--sc", "--optimal", os.path.join(ROOT, src)]
    try:
        proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"executions": None, "seconds": None}
    out = proc.stdout
    traces = re.search(r"Trace count:\s*(\d+)", out)
    secs = re.search(r"Total wall-clock time:\s*([0-9.]+)", out)
    return {"executions": int(traces.group(1)) if traces else None,
            "seconds": float(secs.group(1)) if secs else None}


def fmt(x, digits=2):
    return "-" if x is None else ("%.*f" % (digits, x))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--timeout", type=int, default=150, help="per run, seconds")
    ap.add_argument("--rows", help="comma-separated substrings of row names")
    ap.add_argument("--tangle-args", default="", help="extra tangle check options")
    ap.add_argument("--tangle", default=TANGLE, help="the tangle binary (default: build/bin/tangle)")
    ap.add_argument("--baseline", help="another tangle binary, run interleaved for a before/after")
    ap.add_argument("--baseline-args", default=None,
                    help="the baseline's extra options (default: --tangle-args)")
    args = ap.parse_args()
    global args_tangle
    args_tangle = args.tangle
    if not os.access(args.tangle, os.X_OK):
        sys.exit("no %s: build first (ninja -C build)" % args.tangle)
    if args.baseline and not os.access(args.baseline, os.X_OK):
        sys.exit("no %s: --baseline names a tangle binary" % args.baseline)
    nidhuggc = shutil.which("nidhuggc")
    rows = ROWS
    if args.rows:
        keys = args.rows.split(",")
        rows = [r for r in ROWS if any(k in r[0] for k in keys)]
    extra = args.tangle_args.split()
    base_extra = extra if args.baseline_args is None else args.baseline_args.split()
    load = os.getloadavg()
    print("load average %.2f %.2f %.2f; Nidhugg: %s; median of %d" %
          (*load, nidhuggc or "not on the PATH (reference numbers)", args.reps))
    print()
    base_head = " baseline s | tangle / baseline |" if args.baseline else ""
    print("| program | tangle executions | blocked | tangle s |%s Nidhugg executions "
          "| Nidhugg s | tangle / Nidhugg | tangle verdict |" % base_head)
    print("|---|---|---|---|%s---|---|---|---|" % ("---|---|" if args.baseline else ""))
    for name, src, defines, ref_execs, ref_tangle, ref_nidhugg in rows:
        t_runs, n_runs, b_runs = [], [], []
        for rep in range(args.reps):
            if args.baseline:
                log("%s: baseline run %d" % (name, rep + 1))
                b = run_tangle(src, defines, args.timeout, base_extra, args.baseline)
                if b:
                    b_runs.append(b)
            log("%s: tangle run %d" % (name, rep + 1))
            t = run_tangle(src, defines, args.timeout, extra)
            if t:
                t_runs.append(t)
            if nidhuggc:
                log("%s: Nidhugg run %d" % (name, rep + 1))
                n_runs.append(run_nidhugg(nidhuggc, src, defines, args.timeout))
        if not t_runs:
            print("| %s | error | | | | | | |" % name)
            continue
        t_secs = statistics.median(r["seconds"] for r in t_runs)
        last = t_runs[-1]
        t_execs = "%d%s" % (last["executions"], "" if last["complete"] else " (incomplete)")
        if nidhuggc:
            secs = [r["seconds"] for r in n_runs if r["seconds"] is not None]
            n_secs = statistics.median(secs) if secs else None
            n_execs = n_runs[-1]["executions"]
            n_execs = "timeout" if n_execs is None else str(n_execs)
            ref = ""
        else:
            n_secs, n_execs, ref = ref_nidhugg, ref_execs, " (ref)"
        ratio = None
        if n_secs and last["complete"]:
            ratio = t_secs / n_secs
        base_cols = ""
        if args.baseline:
            b_secs = statistics.median(r["seconds"] for r in b_runs) if b_runs else None
            same = b_runs and (b_runs[-1]["executions"], b_runs[-1]["blocked"]) == (
                last["executions"], last["blocked"])
            base_cols = " %s%s | %s |" % (
                fmt(b_secs), "" if same or not b_runs else
                " (%d executions)" % b_runs[-1]["executions"],
                fmt(t_secs / b_secs) if b_secs else "-")
        print("| %s | %s | %d | %s |%s %s%s | %s%s | %s | %s |" % (
            name, t_execs, last["blocked"], fmt(t_secs), base_cols, n_execs, ref, fmt(n_secs), ref,
            fmt(ratio) if ratio is not None else ("> %.1f" % (t_secs / n_secs) if n_secs else "-"),
            last["verdict"]))
        sys.stdout.flush()


if __name__ == "__main__":
    main()
