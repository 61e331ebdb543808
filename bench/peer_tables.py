#!/usr/bin/env python3
"""tangle check against its peers on whole programs: the real-size table and
the deep-bug table of docs/bench.md (issue 9).

  bench/realsize.sh [--quick]    real-size programs: verdict, coverage, cost, TSan
  bench/deep_bugs.sh [--quick]   deep bugs: time to the first finding, native runs, TSan

Each row runs `build/bin/tangle check FILE --format json` with no other option
(the default 60 s budget; --quick: --timeout 10), timed by /usr/bin/time, and
the same source built natively (clang -O2) and with ThreadSanitizer (clang -O1
-fsanitize=thread). Prints one markdown table on stdout, progress on stderr.
Only Debian's python3, clang-14 and /usr/bin/time are used.
"""
import argparse
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TANGLE = os.path.join(ROOT, "build", "bin", "tangle")

# (row name, source, -D flags, what tangle should say).
REALSIZE = [
    ("4 threads x 100,000 locked increments", "testcases/realsize/counter_100k.c", [], "no finding"),
    ("100 threads, one lock each", "testcases/realsize/hundred_threads.c", [], "no finding"),
    ("1,000 threads x 100 locked increments", "testcases/realsize/thousand_threads.c",
     ["-DROUNDS=100"], "no finding"),
    ("20,000 short-lived threads, each locking", "testcases/scale/short_lived_threads.c", [], "no finding"),
    ("two-round yield-spin barrier, 4 threads", "testcases/realsize/yield_barrier.c", [], "no finding"),
    ("spin lock through noinline helpers, 3 x 10", "testcases/realsize/spin_lock_helpers.c", [], "no finding"),
    ("usleep poller for 3 workers", "testcases/realsize/usleep_poller.c", [], "clean"),
    ("3 x 100 relaxed fetch_add", "testcases/atomic/blind_counter.cpp", [], "clean"),
    ("main returns, 6 workers x 2 atomics", "testcases/realsize/unjoined_workers.c", [], "lifecycle.unjoined-thread"),
    ("2 + 2 processes, message queue", "testcases/realsize/mq_two_by_two.c", [], "clean"),
]

DEEP = [
    ("preempted in the last of 10 iterations", "bench/deep/last_iteration.c", ["-DN=10"]),
    ("preempted in the last of 100 iterations", "bench/deep/last_iteration.c", ["-DN=100"]),
    ("preempted in the last of 1,000 iterations", "bench/deep/last_iteration.c", ["-DN=1000"]),
    ("reorder, 10 threads", "testcases/deep/reorder.c", ["-DTHREADS=10"]),
    ("reorder, 20 threads", "testcases/deep/reorder.c", ["-DTHREADS=20"]),
    ("two-stage hand-off, 100 threads", "testcases/deep/twostage.c", ["-DTHREADS=100"]),
    ("work-stealing queue, 8 items", "bench/deep/work_stealing.c", ["-DITEMS=8"]),
]

NATIVE_RUN_TIMEOUT = 30  # one native or TSan run; a hang is reported as such


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def compiler(src):
    return "clang++-14" if src.endswith(".cpp") else "clang-14"


def build(src, defines, out, flags):
    cmd = [compiler(src), "-g", "-pthread", *flags, *defines, src, "-o", out]
    if src.endswith(".c"):
        cmd.append("-lrt")
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)


def run_tangle(src, defines, extra):
    """tangle check with the default budget; returns (report, wall s, peak RSS MB)."""
    with tempfile.NamedTemporaryFile("r", suffix=".rss") as rss:
        cmd = ["/usr/bin/time", "-f", "%M", "-o", rss.name, TANGLE, "check", src,
               "--format", "json", *extra]
        if defines:
            cmd += ["--", *defines]
        start = time.monotonic()
        proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        wall = time.monotonic() - start
        kb = rss.read().strip().splitlines()
    try:
        report = json.loads(proc.stdout)
    except json.JSONDecodeError:
        report = {"verdict": "error (exit %d)" % proc.returncode, "explored": {}, "findings": []}
    mb = int(kb[-1]) / 1024 if kb and kb[-1].isdigit() else float("nan")
    return report, wall, mb


def run_native(binary):
    """One run; returns (wall s, exit status or 'hang', stderr)."""
    start = time.monotonic()
    try:
        proc = subprocess.run([binary], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              text=True, errors="replace", timeout=NATIVE_RUN_TIMEOUT,
                              env=dict(os.environ, TSAN_OPTIONS="halt_on_error=0"))
        return time.monotonic() - start, proc.returncode, proc.stderr
    except subprocess.TimeoutExpired as e:
        err = e.stderr.decode(errors="replace") if isinstance(e.stderr, bytes) else (e.stderr or "")
        return time.monotonic() - start, "hang", err


def tsan_says(status, stderr):
    races = stderr.count("WARNING: ThreadSanitizer: data race")
    other = stderr.count("WARNING: ThreadSanitizer:") - races
    words = []
    if races:
        words.append("data race" + (" x%d" % races if races > 1 else ""))
    if other:
        words.append("%d other warning%s" % (other, "s" if other > 1 else ""))
    if status == "hang":
        words.append("hung (killed after %d s)" % NATIVE_RUN_TIMEOUT)
    elif "Assertion" in stderr:
        words.append("assertion failed")
    elif status != 0 and not (races or other):  # TSan exits 66 after a report
        words.append("exit %s" % status)
    return ", ".join(words) if words else "nothing"


def coverage(report):
    explored = report.get("explored", {})
    if explored.get("complete"):
        return "complete"
    cov = explored.get("coverage", {})
    k = cov.get("preemptions_complete")
    est = cov.get("estimated_executions")
    parts = []
    if k is not None:
        parts.append("k=%d" % k)
    if est:
        if est >= 1e300:  # the JSON's double saturates there; the text says more
            parts.append(">10^300")
        else:
            parts.append("~10^%d" % round(math.log10(est)) if est >= 1e6 else "~%d" % round(est))
    return ", ".join(parts) if parts else "-"


def verdict(report):
    """The verdict, the exploration's finding ids, what stopped it; the static
    checks' findings (tangle lint, which runs beside) apart."""
    findings = report.get("findings", [])
    dynamic = sorted({f["id"] for f in findings if f.get("source") == "dynamic"})
    # A static warning a complete exploration refuted ("not-confirmed") is
    # not printed by tangle's text report; the table names it as refuted.
    static = sorted({f["id"] + (" (refuted)" if f.get("confirmation") == "not-confirmed" else "")
                     for f in findings if f.get("source") != "dynamic"})
    v = report.get("verdict", "?")
    stopped = report.get("explored", {}).get("stopped_by")
    text = v
    if dynamic:
        text += ": " + ", ".join(dynamic)
    if stopped and v != "clean":
        text += " (%s)" % stopped
    if static:
        text += "; lint: " + ", ".join(static)
    return text


def selected(rows, args):
    words = [w for w in args.rows.split(",") if w]
    return [r for r in rows if not words or any(w in r[0] for w in words)]


def realsize(args, work):
    extra = ["--timeout", "10"] if args.quick else []
    print("| program | tangle verdict | coverage | executions | tangle s | peak RSS MB "
          "| TSan s | TSan reports | tangle/TSan |")
    print("|---|---|---|---|---|---|---|---|---|")
    for name, rel, defines, _ in selected(REALSIZE, args):
        src = os.path.join(ROOT, rel)
        log("realsize: %s" % name)
        report, wall, mb = run_tangle(src, defines, extra)
        tsan = os.path.join(work, "tsan")
        build(src, defines, tsan, ["-O1", "-fsanitize=thread"])
        twall, status, err = run_native(tsan)
        print("| %s | %s | %s | %s | %.1f | %.0f | %.2f | %s | %.1f |" % (
            name, verdict(report), coverage(report),
            report.get("explored", {}).get("executions", "-"), wall, mb, twall,
            tsan_says(status, err), wall / max(twall, 1e-3)))
        sys.stdout.flush()


def native_until_failure(binary, budget):
    """Runs the native binary again and again for budget seconds; returns
    (runs, seconds, the run that failed first or None)."""
    start = time.monotonic()
    runs = 0
    while time.monotonic() - start < budget:
        runs += 1
        _, status, _ = run_native(binary)
        if status != 0:
            return runs, time.monotonic() - start, runs
    return runs, time.monotonic() - start, None


def deep(args, work):
    budget = 10 if args.quick else 60
    extra = ["--max-findings", "1"] + (["--timeout", "10"] if args.quick else [])
    print("| program | tangle: first finding | tangle s | executions | coverage when not found "
          "| tangle: the assertion | native: runs until the assertion (in %d s) "
          "| TSan (one run) |" % budget)
    print("|---|---|---|---|---|---|---|---|")
    for name, rel, defines in selected(DEEP, args):
        src = os.path.join(ROOT, rel)
        log("deep: %s" % name)
        report, wall, _ = run_tangle(src, defines, extra)
        findings = [f for f in report.get("findings", []) if f.get("source") == "dynamic"]
        explored = report.get("explored", {})
        if findings:
            first = "%s (%d preemption%s)" % (findings[0]["id"], findings[0].get("preemptions", 0),
                                             "" if findings[0].get("preemptions") == 1 else "s")
            cov = ""
        else:
            first = "not found in %d s (%s)" % (budget, report.get("verdict", "?"))
            cov = coverage(report)
        assertion = "the first finding" if findings else "not found"
        if findings and findings[0]["id"] != "program.assert":
            # The first finding was another one (a data race on the way):
            # does the search also reach the assertion within the budget?
            log("deep: %s, looking for the assertion" % name)
            again, again_wall, _ = run_tangle(src, defines, extra[2:])
            ids = {f["id"] for f in again.get("findings", [])}
            assertion = ("found (run of %.1f s, %s executions)"
                         % (again_wall, again.get("explored", {}).get("executions", "?"))
                         if "program.assert" in ids
                         else "not found in %.0f s (%s)" % (again_wall, coverage(again)))
        native = os.path.join(work, "native")
        build(src, defines, native, ["-O2"])
        runs, secs, failed = native_until_failure(native, budget)
        native_text = ("failed in run %d (%.1f s)" % (failed, secs) if failed
                       else "never in %d runs" % runs)
        tsan = os.path.join(work, "tsan")
        build(src, defines, tsan, ["-O1", "-fsanitize=thread"])
        _, status, err = run_native(tsan)
        print("| %s | %s | %.1f | %s | %s | %s | %s | %s |" % (
            name, first, wall, explored.get("executions", "-"), cov, assertion, native_text,
            tsan_says(status, err)))
        sys.stdout.flush()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("table", choices=["realsize", "deep"])
    parser.add_argument("--quick", action="store_true",
                        help="10 s budgets instead of 60 s: a smoke test")
    parser.add_argument("--rows", default="",
                        help="only the rows whose program name contains one of these "
                             "comma-separated words (e.g. --rows fetch_add,queue)")
    args = parser.parse_args()
    if not os.access(TANGLE, os.X_OK):
        sys.exit("%s not found: build first (ninja -C build)" % TANGLE)
    work = tempfile.mkdtemp(prefix="tangle-peer-tables-")
    try:
        print("machine: %s, %d CPUs, load %s; %s" % (
            os.uname().nodename, os.cpu_count(), " ".join("%.1f" % x for x in os.getloadavg()),
            time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())))
        print()
        (realsize if args.table == "realsize" else deep)(args, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
