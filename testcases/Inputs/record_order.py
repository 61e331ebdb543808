#!/usr/bin/env python3
"""Check the stamps of a recorded run (docs/trace-format.md, "Recorded
runs", "What the timestamps mean"): unique over the run, strictly
increasing within each thread, and, for every mutex, in stamp order a
successful acquisition (lock, trylock or timedlock that returned 0, a
condition's CondWake) and its release (unlock, a condition's CondWait) by
the same thread alternate. Prints one summary line, or the first violation
and exits 1.

With --break, first gives the first release handed to another thread and
that thread's acquisition each other's stamp (a trace whose order is
wrong), to show that the check fails on one.

Usage: record_order.py [--break] TRACE
"""
import struct
import sys

from trace_summary import Reader  # the same little-endian reader

LOCK, TRYLOCK, TIMEDLOCK, UNLOCK = 8, 9, 10, 11
CONDWAIT, CONDWAKE = 14, 15
EVENT = struct.Struct("<QIiHHIQQQ")  # 48 bytes


def read(path):
    r = Reader(open(path, "rb").read())
    if r.take("<8s") != b"TNGLREC\0":
        raise ValueError("not a recorded run")
    version, size = r.take("<I"), r.take("<I")
    if version != 2 or size != EVENT.size:
        raise ValueError("version %d, event size %d" % (version, size))
    r.string()
    for _ in range(r.take("<I")):
        r.string()
        r.take("<QQQ")
    r.take("<B")
    r.take("<i")
    r.take("<Q")
    for _ in range(r.take("<I")):
        r.take("<IQ")  # an unwatched kind and its call site
    threads = []
    for _ in range(r.take("<I")):
        r.take("<IIiiQB")
        count = r.take("<Q")
        events = []
        for _ in range(count):
            e = list(EVENT.unpack_from(r.data, r.at))
            r.at += EVENT.size
            events.append(e)
        threads.append(events)
    return threads


def mutexEvents(threads):
    """(stamp, thread, role, mutex) of each acquisition and release."""
    out = []
    for events in threads:
        for e in events:
            time, thread, result, kind, _, _, obj, arg, _ = e
            if kind in (LOCK, TRYLOCK, TIMEDLOCK) and result == 0:
                out.append([time, thread, "acquire", obj, e])
            elif kind == UNLOCK and result == 0:
                out.append([time, thread, "release", obj, e])
            elif kind == CONDWAIT:
                out.append([time, thread, "release", arg, e])
            elif kind == CONDWAKE:
                out.append([time, thread, "acquire", arg, e])
    return out


def breakOrder(threads):
    handovers = sorted(mutexEvents(threads), key=lambda m: m[0])
    last = {}
    for m in handovers:
        previous = last.get(m[3])
        if m[2] == "acquire" and previous and previous[1] != m[1]:
            previous[4][0], m[4][0] = m[4][0], previous[4][0]
            return
        last[m[3]] = m
    raise ValueError("no mutex handed from one thread to another")


def main(args):
    broken = args[0] == "--break"
    threads = read(args[-1])
    if broken:
        breakOrder(threads)
    stamps = set()
    for t, events in enumerate(threads):
        for i, e in enumerate(events):
            if i and e[0] <= events[i - 1][0]:
                print("thread %d's event %d is not after the one before it" % (t, i + 1))
                return 1
            if e[0] in stamps:
                print("stamp %d is taken twice" % e[0])
                return 1
            stamps.add(e[0])
    holder = {}
    events = sorted(mutexEvents(threads), key=lambda m: m[0])
    for time, thread, role, mutex, _ in events:
        held = holder.get(mutex)
        if role == "acquire" and held is not None and held[0] != thread:
            print("out of order: thread %d acquired mutex 0x%x at %d while "
                  "thread %d held it" % (thread, mutex, time, held[0]))
            return 1
        if role == "release" and (held is None or held[0] != thread):
            print("out of order: thread %d released mutex 0x%x at %d, not "
                  "holding it" % (thread, mutex, time))
            return 1
        if role == "acquire":
            holder[mutex] = (thread, (held[1] if held else 0) + 1)
        elif held[1] > 1:
            holder[mutex] = (thread, held[1] - 1)
        else:
            del holder[mutex]
    print("in order: %d events of %d threads, %d mutex acquisitions and "
          "releases on %d mutexes" % (len(stamps), len(threads), len(events),
                                      len({m[3] for m in events})))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except (ValueError, IndexError, OSError) as error:
        print("record_order.py: %s" % error)
        sys.exit(2)
