#!/usr/bin/env python3
"""Print the schedule string of the first finding with a given id.

Usage: schedule.py REPORT.json FINDING-ID

Used by RUN lines to feed `tangle replay --schedule`. Exits 1 (printing
nothing) when the report has no such finding, so the RUN line fails loudly.
"""
import json
import sys

with open(sys.argv[1]) as f:
    report = json.load(f)
for finding in report.get("findings", []):
    if finding.get("id") == sys.argv[2]:
        print(finding["schedule"])
        sys.exit(0)
sys.stderr.write("no %s finding in %s\n" % (sys.argv[2], sys.argv[1]))
sys.exit(1)
