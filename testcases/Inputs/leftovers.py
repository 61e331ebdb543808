#!/usr/bin/env python3
"""Check that a run of tangle left nothing behind.

Usage: leftovers.py MARK DIR

MARK is the value of TANGLE_TEST_MARK in the environment the tangle command
ran with; every process it started (the program, what the program forked or
exec'd, tangle's own helpers) inherits it. DIR is the TMPDIR it ran with.

Waits until no process carries the mark and DIR is empty, polling /proc every
20 ms for at most 30 s: after a SIGKILL of tangle, the fork server and the
scratch folder's guard clean up on their own, a moment later. Exits 1 listing
what is still there when that does not happen.
"""
import os
import sys
import time

mark, directory = sys.argv[1], sys.argv[2]
needle = ("TANGLE_TEST_MARK=" + mark).encode() + b"\0"
me = os.getpid()


def marked_processes():
    found = []
    for name in os.listdir("/proc"):
        if not name.isdigit() or int(name) == me:
            continue
        try:
            with open("/proc/%s/environ" % name, "rb") as f:
                if needle not in f.read() + b"\0":
                    continue
            with open("/proc/%s/cmdline" % name, "rb") as f:
                command = f.read().replace(b"\0", b" ").decode(errors="replace")
            found.append("%s %s" % (name, command.strip()))
        except OSError:  # gone meanwhile, or a zombie
            continue
    return found


def leftover_files():
    try:
        return sorted(os.listdir(directory))
    except FileNotFoundError:
        return []


deadline = time.monotonic() + 30
while True:
    processes, files = marked_processes(), leftover_files()
    if not processes and not files:
        sys.exit(0)
    if time.monotonic() > deadline:
        break
    time.sleep(0.02)
for p in processes:
    sys.stderr.write("left running: %s\n" % p)
for f in files:
    sys.stderr.write("left in %s: %s\n" % (directory, f))
sys.exit(1)
