#!/usr/bin/env python3
"""How far merging commuting critical sections could take producer/consumer.

Enumerates bench/producer_consumer.c's acquisition orders (its locks and
condition wake-ups, in order) under tangle's condition model: a wait joins
the waiters; a signal is lost when every waiter is already covered by an
untaken signal; a waiter may wake when a signal sent after it began waiting
is untaken, and takes the earliest such one; signals that nobody can take any
more are dropped. Every access of the program is under the one mutex, so a
section (from an acquisition to the next release by that thread) runs as a
unit and the acquisition order is the trace: it prints 64 for ITEMS=1 and
86,336 for ITEMS=2, the executions `tangle check --strategy dpor` runs.

Then it joins each two orders that differ by swapping two adjacent sections
of different threads, and counts the classes, for three notions of "the two
sections commute":
  waits     both lock, read `count` and wait (no write, no signal): what a
            merge of sections whose steps commute could use (a wake-up takes
            a signal, a change of the condition);
  readonly  both end in a wait (wake-ups that wait again too) and reach the
            same state in either order;
  semantic  any two that reach the same state, each doing the same thing, in
            either order (the most any merge of adjacent sections could do).
Usage: producer_consumer_classes.py ITEMS [waits|readonly|semantic]
(docs/exploration.md, "Merging critical sections that commute").
"""
import sys

ITEMS = int(sys.argv[1]) if len(sys.argv) > 1 else 1
MODE = sys.argv[2] if len(sys.argv) > 2 else "semantic"
# Threads 0 and 1 produce, 2 and 3 consume. A state: (count, threads,
# not_full, not_empty, clock); a thread (items done, 'lock' | ('wait',
# since) | 'done'); a condition (waiters as (thread, since), untaken signals
# as the clock values they were sent at).


def initial():
    return (0, tuple((0, 'lock') for _ in range(4)), ((), ()), ((), ()), 0)


def cond_canon(c):
    # The waiters as a set, each untaken signal as the set of waiters that
    # may take it (conditionCanonical's view: clock values are not state).
    waiters, signals = c
    return (tuple(sorted(t for t, _ in waiters)),
            tuple(sorted(tuple(sorted(t for t, s in waiters if s < g))
                         for g in signals)))


def canon(st):
    count, th, nf, ne, _ = st
    return (count, tuple((d, p if not isinstance(p, tuple) else 'wait')
                         for d, p in th), cond_canon(nf), cond_canon(ne))


def enabled(st):
    _, th, nf, ne, _ = st
    out = []
    for t, (_, p) in enumerate(th):
        if p == 'lock':
            out.append(t)
        elif isinstance(p, tuple):
            waiters, signals = nf if t < 2 else ne
            since = dict(waiters)[t]
            if any(g > since for g in signals):
                out.append(t)
    return out


def run(st, t):
    """t's section, from its acquisition to its release: (state, what it did)."""
    count, th, nf, ne, clock = st
    th = list(th)
    conds = [[list(nf[0]), list(nf[1])], [list(ne[0]), list(ne[1])]]
    d, p = th[t]
    prod = t < 2
    mine, other = (0, 1) if prod else (1, 0)
    kind = []
    if isinstance(p, tuple):  # a wake-up: take the earliest signal it may
        waiters, signals = conds[mine]
        since = dict(waiters)[t]
        signals.pop(min(i for i, g in enumerate(signals) if g > since))
        waiters = [w for w in waiters if w[0] != t]
        conds[mine][0] = waiters
        j = 0
        while j < len(signals):  # drop the signals nobody left can take
            if sum(1 for w in waiters if w[1] < signals[j]) < j + 1:
                signals.pop(j)
            else:
                j += 1
        kind.append('wake')
    else:
        kind.append('lock')
    if (count == 1) == prod:  # full for a producer, empty for a consumer
        clock += 1
        conds[mine][0].append((t, clock))
        th[t] = (d, ('wait', clock))
        kind.append('wait')
    else:
        count = 1 if prod else 0
        clock += 1
        waiters, signals = conds[other]
        if len(waiters) > len(signals):
            signals.append(clock)
            kind.append('signal')
        else:
            kind.append('lost')
        d += 1
        th[t] = (d, 'lock' if d < ITEMS else 'done')
    freeze = lambda c: (tuple(c[0]), tuple(c[1]))
    return (count, tuple(th), freeze(conds[0]), freeze(conds[1]),
            clock), tuple(kind)


def orders():
    out, word = [], []

    def dfs(st):
        en = enabled(st)
        if not en:
            out.append(tuple(word))
        for t in en:
            word.append(t)
            dfs(run(st, t)[0])
            word.pop()
    dfs(initial())
    return out


def commute(st, a, b):
    if a == b or a not in enabled(st) or b not in enabled(st):
        return False
    s1, ka = run(st, a)
    s2, kb2 = run(st, b)
    if b not in enabled(s1) or a not in enabled(s2):
        return False
    s12, kb = run(s1, b)
    s21, ka2 = run(s2, a)
    if MODE == "waits" and not (ka == kb == ('lock', 'wait')):
        return False
    if MODE == "readonly" and not (ka[-1] == kb[-1] == 'wait'):
        return False
    return canon(s12) == canon(s21) and ka == ka2 and kb == kb2


def main():
    words = orders()
    print("acquisition orders", len(words))
    index = {w: i for i, w in enumerate(words)}
    parent = list(range(len(words)))

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x
    for w in words:
        st = initial()
        for i in range(len(w) - 1):
            if commute(st, w[i], w[i + 1]):
                x = find(index[w])
                y = find(index[w[:i] + (w[i + 1], w[i]) + w[i + 2:]])
                parent[x] = y
            st = run(st, w[i])[0]
    print(MODE, "classes", len({find(i) for i in range(len(words))}))


if __name__ == "__main__":
    main()
