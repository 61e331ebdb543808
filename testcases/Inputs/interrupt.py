#!/usr/bin/env python3
"""Run tangle, send it a signal at a given point, and report how it ended.

Usage: interrupt.py --signal INT|TERM|HUP|KILL
                    --when exploring|analysing|reading-stdin
                    --mark MARK --tmpdir DIR --out FILE -- tangle args...

Runs the command with TANGLE_TEST_MARK=MARK and TMPDIR=DIR, its standard
output in FILE and its standard error in FILE.err. Sends the signal once the
command is at the given point, found by polling /proc (every 10 ms, at most
120 s), never by sleeping a guessed time:
  exploring      the program under test (an executable inside DIR) has run in
                 at least 4 processes: the fork server and 3 executions;
  analysing      two processes of the program forked by another (the fork
                 server's executions; the first may be a start-up one) have
                 run and ended, no other one is running, and tangle itself
                 has used 100 ms of CPU since it saw the last one end: tangle
                 is analysing the execution that ended, past reading it (a
                 signal in the few milliseconds after the end lands while
                 the execution is read back, and ends the check between
                 two executions, with no note about an analysis);
  reading-stdin  tangle is blocked in read(0, ...), with its standard input a
                 pipe that is never closed.
Then waits (at most 120 s) and exits with tangle's exit code (128 + the
signal when the signal killed it).
"""
import argparse
import os
import signal
import subprocess
import sys
import time

parser = argparse.ArgumentParser()
parser.add_argument("--signal", required=True)
parser.add_argument("--when", required=True,
                    choices=["exploring", "analysing", "reading-stdin"])
parser.add_argument("--mark", required=True)
parser.add_argument("--tmpdir", required=True)
parser.add_argument("--out", required=True)
parser.add_argument("command", nargs=argparse.REMAINDER)
args = parser.parse_args()
command = args.command[1:] if args.command[:1] == ["--"] else args.command
signum = getattr(signal, "SIG" + args.signal)

env = dict(os.environ, TANGLE_TEST_MARK=args.mark, TMPDIR=args.tmpdir)
stdin = subprocess.PIPE if args.when == "reading-stdin" else subprocess.DEVNULL
with open(args.out, "wb") as out, open(args.out + ".err", "wb") as err:
    tangle = subprocess.Popen(command, env=env, stdin=stdin, stdout=out,
                              stderr=err)
tmpdir = os.path.realpath(args.tmpdir)


def program_pids():
    """Processes whose executable lies in tmpdir: the compiled program."""
    pids = set()
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            exe = os.readlink("/proc/%s/exe" % name)
        except OSError:
            continue
        if exe.startswith(tmpdir + "/"):
            pids.add(int(name))
    return pids


def parent(pid):
    """The parent's pid, or 0 when the process is gone."""
    try:
        with open("/proc/%d/stat" % pid) as f:
            # pid (comm) state ppid ...: comm may hold spaces or parentheses.
            return int(f.read().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return 0


def cpu_seconds(pid):
    """User plus system CPU time of the process so far, in seconds."""
    try:
        with open("/proc/%d/stat" % pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


def reading_stdin():
    try:
        with open("/proc/%d/syscall" % tangle.pid) as f:
            fields = f.read().split()
    except OSError:
        return False
    # read(2) is system call 0 on x86-64, 63 on aarch64; fd 0.
    return len(fields) > 1 and fields[0] in ("0", "63") and \
        int(fields[1], 16) == 0


seen = set()
ended_at = None  # tangle's CPU time when no execution was running any more
deadline = time.monotonic() + 120
while tangle.poll() is None:
    if args.when == "exploring":
        seen |= program_pids()
        ready = len(seen) >= 4
    elif args.when == "analysing":
        alive = program_pids()
        running = {p for p in alive if parent(p) in alive}
        seen |= running
        ready = False
        if running or len(seen) < 2:
            ended_at = None
        elif ended_at is None:
            ended_at = cpu_seconds(tangle.pid)
        else:
            ready = cpu_seconds(tangle.pid) - ended_at >= 0.1
    else:
        ready = reading_stdin()
    if ready:
        break
    if time.monotonic() > deadline:
        sys.stderr.write("interrupt.py: tangle never got %s\n" % args.when)
        tangle.kill()
        tangle.wait()
        sys.exit(125)
    time.sleep(0.01)
else:
    sys.stderr.write("interrupt.py: tangle ended before it was %s\n" %
                     args.when)
    sys.exit(125)

tangle.send_signal(signum)
try:
    code = tangle.wait(timeout=120)
except subprocess.TimeoutExpired:
    sys.stderr.write("interrupt.py: tangle did not end after SIG%s\n" %
                     args.signal)
    tangle.kill()
    tangle.wait()
    sys.exit(124)
if tangle.stdin:
    tangle.stdin.close()
sys.exit(128 - code if code < 0 else code)
