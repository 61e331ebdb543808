#!/usr/bin/env python3
"""Which of producer/consumer's feasible orders each tool runs (issue 14).

  [PATH=/path/to/nidhugg/bin:$PATH] bench/producer_consumer_orders.py
      [--items 1] [--sample N] [--seed S] [--tangle TANGLE] [--timeout T]

bench/producer_consumer_classes.py enumerates the program's acquisition
orders (each lock and each condition wake-up of the one mutex, in order):
64 with one item, 86,336 with two. For each order K (all of them, or a
random sample of --sample), this compiles bench/producer_consumer.c with
-DFORBID=K, where main asserts that the order of its run was not K, and asks
each tool whether the assertion can fail: `tangle check --no-lint --strategy
dpor`, and, when `nidhuggc` is on the PATH, Nidhugg's optimal mode
(`nidhuggc -D__NIDHUGG__ -- --sc --optimal`). A tool that explores every
feasible order reports it for every K; one that reports "no errors" for
some K never ran an execution with that order, though the program has one
(the order is a sequence of POSIX-allowed steps, and tangle reports it
with a replayable schedule). Prints each order a tool missed and a count
per tool.
"""
import argparse
import os
import random
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SOURCE = os.path.join(ROOT, "bench", "producer_consumer.c")


def order_codes(items):
    sys.argv = [sys.argv[0], str(items)]  # the classes script reads ITEMS here
    sys.path.insert(0, os.path.join(ROOT, "bench"))
    import producer_consumer_classes as classes
    for word in classes.orders():
        code = 0
        for thread in word:
            code = code * 5 + thread + 1
        yield code, "".join(map(str, word))


def tangle_reaches(tangle, items, code, timeout):
    proc = subprocess.run(
        [tangle, "check", SOURCE, "--no-lint", "--strategy", "dpor", "--timeout",
         str(timeout), "--", f"-DITEMS={items}", f"-DFORBID={code}"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if proc.returncode not in (0, 1):
        sys.exit(f"tangle failed on order {code}:\n{proc.stdout}")
    return "program.assert" in proc.stdout


def nidhugg_reaches(items, code):
    proc = subprocess.run(
        ["nidhuggc", "-D__NIDHUGG__", f"-DITEMS={items}", f"-DFORBID={code}",
         "--", "--sc", "--optimal", SOURCE],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if "Error detected" in proc.stdout:
        return True
    if "No errors were detected" in proc.stdout:
        return False
    sys.exit(f"nidhuggc gave no verdict on order {code}:\n{proc.stdout}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=1)
    parser.add_argument("--sample", type=int, default=0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeout", type=int, default=600)
    parser.add_argument("--tangle", default=os.path.join(ROOT, "build", "bin", "tangle"))
    args = parser.parse_args()
    orders = list(order_codes(args.items))
    if args.sample:
        orders = random.Random(args.seed).sample(orders, args.sample)
    nidhugg = shutil.which("nidhuggc") is not None
    missed = {"tangle": 0, "Nidhugg": 0}
    for code, word in orders:
        tools = [("tangle", lambda: tangle_reaches(args.tangle, args.items, code,
                                                   args.timeout))]
        if nidhugg:
            tools.append(("Nidhugg", lambda: nidhugg_reaches(args.items, code)))
        for name, reaches in tools:
            if not reaches():
                missed[name] += 1
                print(f"{name} never runs order {word} (FORBID={code})", flush=True)
    print(f"{len(orders)} orders checked (items={args.items}); missed: tangle "
          f"{missed['tangle']}" + (f", Nidhugg {missed['Nidhugg']}" if nidhugg
                                   else " (nidhuggc is not on the PATH)"))


if __name__ == "__main__":
    main()
