#!/usr/bin/env python3
"""tangle's explorer side by side with Nidhugg's optimal DPOR (issue 14).

  [PATH=/path/to/nidhugg/bin:$PATH] bench/nidhugg_table.py [--reps 3]
      [--timeout 150] [--rows NAME,...] [--tangle TANGLE] [--tangle-args ARGS]
      [--baseline OTHER_TANGLE] [--baseline-args ARGS] [--baseline-env VAR=VALUE]

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
build/bin/tangle --baseline-args=`), and --baseline-env an environment
variable of its own (`--baseline build/bin/tangle --baseline-env
TANGLE_SPLIT=0`: the same binary with tangle and the program on one CPU). When `nidhuggc` is on the PATH,
Nidhugg runs `nidhuggc -D__NIDHUGG__ -D... -- --sc --optimal --time FILE`
on the same source in the same loop, interleaved with tangle (tangle,
Nidhugg, tangle, ...). -D__NIDHUGG__ lets a source adapt to Nidhugg
(bench/producer_consumer.c initialises its mutex and conditions by calls).
"Nidhugg s" is nidhugg's own time (the `global` line of its `--time`
report: reading the module and exploring), the counterpart of tangle's
`explored.seconds`; "Nidhugg s with compile" is the "Total wall-clock time"
nidhuggc prints, which also counts Python, clang and nidhugg's transform
pass (about 0.4 s here). tangle / Nidhugg divides by the first. A Nidhugg
run that times out or prints no trace count is named in its cell and left
out of the median. Each column is the median of --reps runs. Without
Nidhugg the table gives tangle's columns beside the reference numbers of
issue 14 (Nidhugg 0.4, nidhuggc's total), marked "(ref)", and the ratio
divides by them. They are no substitute for a side-by-side run: a Nidhugg
0.4 built here beat them on five rows even with its compile counted
(indexer 15: 3.1-4.5 s against 23.1 s), and two of them are below the
0.4 s nidhuggc needs here for any program (docs/bench.md, "Side by side
with a real Nidhugg").
"""
import argparse
import json
import os
import re
import shutil
import signal
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


def run_tangle(src, defines, timeout, extra, binary=None, env=None):
    cmd = [binary or args_tangle, "check", os.path.join(ROOT, src), "--no-lint",
           "--strategy", "dpor", "--format", "json", "--timeout", str(timeout), *extra,
           "--", *defines]
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                          env=env)
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
    # -D__NIDHUGG__ lets a source adapt to Nidhugg (bench/producer_consumer.c
    # initialises its mutex by a call); --time makes nidhugg print its own
    # time on stderr, without the compile and transform before it.
    cmd = [nidhuggc, "-D__NIDHUGG__", *defines, "--", "--sc", "--optimal", "--time",
           os.path.join(ROOT, src)]
    try:
        # A session of its own, so that a timeout ends the nidhugg that
        # nidhuggc runs too, not only nidhuggc.
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                text=True, start_new_session=True)
    except OSError as e:
        log("nidhuggc failed to start: %s" % e)
        return {"executions": None, "seconds": None, "total": None, "failure": "error"}
    try:
        out, _ = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        # SIGINT first: nidhuggc then removes its temporary directory.
        os.killpg(proc.pid, signal.SIGINT)
        try:
            proc.communicate(timeout=5)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
        log("Nidhugg timed out after %d s" % timeout)
        return {"executions": None, "seconds": None, "total": None, "failure": "timeout"}
    traces = re.search(r"Trace count:\s*(\d+)", out)
    total = re.search(r"Total wall-clock time:\s*([0-9.]+)", out)
    # One timing report for the transform, one for the exploration: the last.
    explored = re.findall(r"^\s*global\s+\d+\s+(\d+)\s", out, re.M)
    result = {"executions": int(traces.group(1)) if traces else None,
              "seconds": int(explored[-1]) / 1e6 if traces and explored else None,
              "total": float(total.group(1)) if total else None,
              "failure": None}
    if result["executions"] is None or result["seconds"] is None:
        log("Nidhugg failed (exit %d): %s" % (proc.returncode, out.strip()[-300:]))
        result["failure"] = "error"
    return result


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
    ap.add_argument("--baseline-env", action="append", default=[], metavar="VAR=VALUE",
                    help="an environment variable for the baseline's runs only, e.g. "
                         "TANGLE_SPLIT=0 (the same binary on one CPU); repeatable")
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
    base_env = None
    if args.baseline_env:
        base_env = dict(os.environ)
        for item in args.baseline_env:
            name, sep, value = item.partition("=")
            if not sep:
                sys.exit("--baseline-env wants VAR=VALUE, not %s" % item)
            base_env[name] = value
    load = os.getloadavg()
    print("load average %.2f %.2f %.2f; Nidhugg: %s; median of %d" %
          (*load, nidhuggc or "not on the PATH (reference numbers)", args.reps))
    print()
    base_head = " baseline s | tangle / baseline |" if args.baseline else ""
    print("| program | tangle executions | blocked | tangle s |%s Nidhugg executions "
          "| Nidhugg s | Nidhugg s with compile | tangle / Nidhugg | tangle verdict |" % base_head)
    print("|---|---|---|---|%s---|---|---|---|---|" % ("---|---|" if args.baseline else ""))
    for name, src, defines, ref_execs, ref_tangle, ref_nidhugg in rows:
        t_runs, n_runs, b_runs = [], [], []
        for rep in range(args.reps):
            if args.baseline:
                log("%s: baseline run %d" % (name, rep + 1))
                b = run_tangle(src, defines, args.timeout, base_extra, args.baseline,
                               base_env)
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
            print("| %s | error |%s" % (name, " |" * (8 if args.baseline else 6)))
            continue
        t_secs = statistics.median(r["seconds"] for r in t_runs)
        last = t_runs[-1]
        t_execs = "%d%s" % (last["executions"], "" if last["complete"] else " (incomplete)")
        if nidhuggc:
            ok = [r for r in n_runs if r["failure"] is None]
            n_secs = statistics.median(r["seconds"] for r in ok) if ok else None
            n_total = statistics.median(r["total"] for r in ok if r["total"] is not None) \
                if any(r["total"] is not None for r in ok) else None
            failures = sorted({r["failure"] for r in n_runs if r["failure"]})
            n_execs = str(ok[-1]["executions"]) if ok else ""
            if failures:
                n_execs += "%s(%d of %d runs: %s)" % (" " if ok else "", len(n_runs) - len(ok),
                                                      len(n_runs), ", ".join(failures))
            ref = ""
        else:
            n_secs, n_total, n_execs, ref = None, ref_nidhugg, ref_execs, " (ref)"
        # tangle against Nidhugg's exploration when it ran here, against the
        # reference (a whole nidhuggc run) when it did not.
        against = n_secs if nidhuggc else n_total
        if against and last["complete"]:
            ratio = fmt(t_secs / against)
        elif against:
            ratio = "> %.1f" % (t_secs / against)
        elif nidhuggc and last["complete"] and n_runs and all(
                r["failure"] == "timeout" for r in n_runs):
            ratio = "< %.2f" % (t_secs / args.timeout)
        else:
            ratio = "-"
        base_cols = ""
        if args.baseline:
            b_secs = statistics.median(r["seconds"] for r in b_runs) if b_runs else None
            same = b_runs and (b_runs[-1]["executions"], b_runs[-1]["blocked"]) == (
                last["executions"], last["blocked"])
            base_cols = " %s%s | %s |" % (
                fmt(b_secs), "" if same or not b_runs else
                " (%d executions, %d blocked)" % (b_runs[-1]["executions"],
                                                   b_runs[-1]["blocked"]),
                fmt(t_secs / b_secs) if b_secs else "-")
        print("| %s | %s | %d | %s |%s %s%s | %s | %s%s | %s | %s |" % (
            name, t_execs, last["blocked"], fmt(t_secs), base_cols, n_execs, ref,
            fmt(n_secs, 3), fmt(n_total), ref, ratio, last["verdict"]))
        sys.stdout.flush()


if __name__ == "__main__":
    main()
