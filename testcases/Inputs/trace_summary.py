#!/usr/bin/env python3
"""Read a tangle trace file as docs/trace-format.md describes it and print a
summary: one line per execution with its label, end reason, schedule and
its events as thread:op. Exits 1 on a malformed file.

Usage: trace_summary.py TRACE
"""
import struct
import sys

OPS = ["start", "exit", "create", "join", "detach", "process-exit", "init",
       "destroy", "lock", "trylock", "timedlock", "unlock"]
ENDS = ["exited", "deadlock", "sleep-blocked", "retry-bounded", "step-limit",
        "timeout", "crashed", "diverged", "error"]


def opName(kind):
    # Kinds past the mutex ones (conditions, semaphores...) by number.
    return OPS[kind] if kind < len(OPS) else "op%d" % kind


class Reader:
    def __init__(self, data):
        self.data, self.at = data, 0

    def take(self, fmt):
        size = struct.calcsize(fmt)
        if self.at + size > len(self.data):
            raise ValueError("truncated at byte %d" % self.at)
        values = struct.unpack_from(fmt, self.data, self.at)
        self.at += size
        return values if len(values) > 1 else values[0]

    def string(self):
        n = self.take("<I")
        return self.take("<%ds" % n).decode() if n else ""


def main(path):
    r = Reader(open(path, "rb").read())
    if r.take("<8s") != b"TNGLTRC\0":
        raise ValueError("bad magic")
    version, event_size = r.take("<II")
    if version != 1 or event_size != 160:
        raise ValueError("version %d, event size %d" % (version, event_size))
    print("program", r.string())
    for _ in range(r.take("<I")):
        path_, bias = r.string(), r.take("<Q")
        print("module", path_)
    for _ in range(r.take("<I")):
        label = r.string()
        schedule = [r.take("<I") for _ in range(r.take("<I"))]
        end = r.take("<B")
        r.take("<iiIB")  # exit status, crash signal, crash thread, assertion
        r.string()  # crash message
        r.take("<128s")  # crash stack
        r.string()  # error
        events = []
        for _ in range(r.take("<I")):
            thread, result, kind, flags, reserved, obj, arg = r.take("<IiHHIQQ")
            r.take("<128s")
            events.append("%d:%s" % (thread, opName(kind)))
        pending = []
        for _ in range(r.take("<I")):
            thread, _, kind, _, _, obj, arg = r.take("<IIHHIQQ")
            r.take("<128s")
            pending.append("%d:%s" % (thread, opName(kind)))
        print("execution %s end=%s schedule=%s" % (label, ENDS[end], schedule))
        print("  events", " ".join(events))
        print("  pending", " ".join(pending))
    if r.at != len(r.data):
        raise ValueError("%d bytes after the last execution" % (len(r.data) - r.at))


if __name__ == "__main__":  # record_order.py imports Reader
    try:
        main(sys.argv[1])
    except (ValueError, IndexError, UnicodeDecodeError) as e:
        sys.stderr.write("trace_summary: %s: %s\n" % (sys.argv[1], e))
        sys.exit(1)
