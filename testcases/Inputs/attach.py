"""Drives a `tangle attach` testcase: starts a native program in the
background, waits (by polling /proc, with a deadline) until it has the
expected threads, all asleep in the kernel when --blocked, runs the tangle
command with {pid} (and {core}, after --gcore) replaced, then checks that the
process is still there and in the same state, and kills it. The program is
killed whatever happens (a timeout, a failed check, an exception).

usage: attach.py --threads N [--blocked [--in-syscall NR]] [--gcore PREFIX]
                 [--zombie]
                 --output FILE --program BINARY -- COMMAND...

FILE gets tangle's standard output and error, then the lines
"attach exit code: N" and "process after attach: unchanged, N threads
blocked" (or what changed), for FileCheck.
"""
import argparse
import os
import signal
import subprocess
import sys
import time

DEADLINE = 20  # seconds to wait for the program to reach its state


def tasks(pid):
    try:
        return sorted(int(t) for t in os.listdir(f"/proc/{pid}/task"))
    except OSError:
        return []


def task_state(pid, tid):
    """(scheduler state, current system call line) of one thread."""
    try:
        with open(f"/proc/{pid}/task/{tid}/stat") as f:
            stat = f.read()
        with open(f"/proc/{pid}/task/{tid}/syscall") as f:
            syscall = f.read().split()
    except OSError:
        return None
    state = stat[stat.rfind(")") + 2]
    # The number and the arguments; not the stack and program counter,
    # which a signal or a restart may move without changing anything.
    return (state, " ".join(syscall[:4]))


def snapshot(pid):
    return {tid: task_state(pid, tid) for tid in tasks(pid)}


def all_blocked(snap, syscall="202"):
    """Every thread asleep in futex() (by default): waiting for a lock, a
    condition, a join (not passing through a sleep between two locks)."""
    return snap and all(s and s[0] == "S" and s[1].split()[0] == syscall
                        for s in snap.values())


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, required=True)
    parser.add_argument("--blocked", action="store_true")
    parser.add_argument("--in-syscall", default="202",
                        help="with --blocked: the system call (number)")
    parser.add_argument("--gcore")
    parser.add_argument("--zombie", action="store_true",
                        help="run COMMAND on a zombie child instead")
    parser.add_argument("--output", required=True)
    parser.add_argument("--program", required=True)
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command

    if args.zombie:  # a child that ended and is never reaped
        pid = os.fork()
        if pid == 0:
            os._exit(0)
        while task_state(pid, pid) and task_state(pid, pid)[0] != "Z":
            time.sleep(0.01)
        with open(args.output, "w") as out:
            code = subprocess.call([w.replace("{pid}", str(pid))
                                    for w in command],
                                   stdout=out, stderr=subprocess.STDOUT)
            out.write(f"attach exit code: {code}\n")
        os.waitpid(pid, 0)
        return 0

    # The program's own children come back to us when it dies: reap them.
    import ctypes
    PR_SET_CHILD_SUBREAPER = 36
    ctypes.CDLL(None).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
    program = subprocess.Popen([args.program], start_new_session=True,
                               stdout=subprocess.DEVNULL)
    pid = program.pid

    def end(*_):
        try:
            os.killpg(pid, signal.SIGKILL)
        except OSError:
            pass
        program.wait()
        # A child the program forked is in its group (killed above) and
        # ours now.
        try:
            while os.waitpid(-1, 0)[0] > 0:
                pass
        except ChildProcessError:
            pass

    signal.signal(signal.SIGTERM, lambda *_: (end(), sys.exit(1)))
    try:
        deadline = time.monotonic() + DEADLINE
        while True:
            snap = snapshot(pid)
            ready = len(snap) == args.threads and (
                not args.blocked or all_blocked(snap, args.in_syscall))
            if ready:
                # Still the same a moment later: settled, not passing
                # through a system call on the way.
                time.sleep(0.05)
                if snapshot(pid) == snap:
                    break
            if program.poll() is not None:
                print("the program ended before it reached its state",
                      file=sys.stderr)
                return 1
            if time.monotonic() > deadline:
                print(f"the program did not reach its state in {DEADLINE} s:"
                      f" {snap}", file=sys.stderr)
                return 1
            time.sleep(0.02)
        before = snapshot(pid)
        core = ""
        if args.gcore:
            subprocess.run(["gcore", "-o", args.gcore, str(pid)],
                           stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, timeout=120, check=True)
            core = f"{args.gcore}.{pid}"
        with open(args.output, "w") as out:
            code = subprocess.call(
                [w.replace("{pid}", str(pid)).replace("{core}", core)
                 for w in command],
                stdout=out, stderr=subprocess.STDOUT, timeout=120)
            out.write(f"attach exit code: {code}\n")
            if core:
                os.remove(core)
            after = snapshot(pid)
            if program.poll() is not None:
                out.write("process after attach: gone\n")
            elif not args.blocked:
                out.write(f"process after attach: alive, {len(after)} "
                          "threads\n")
            elif after == before:
                out.write(f"process after attach: unchanged, {len(after)} "
                          "threads blocked\n")
            else:
                out.write(f"process after attach: changed: {before} -> "
                          f"{after}\n")
        return 0
    finally:
        end()


if __name__ == "__main__":
    sys.exit(main())
