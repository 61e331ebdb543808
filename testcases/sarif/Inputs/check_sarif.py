#!/usr/bin/env python3
"""Validates the SARIF 2.1.0 structure of `tangle check --format sarif`: the
structure lint's SARIF test checks (testcases/lint/Inputs/check_sarif.py:
version, one run, tool.driver.rules with unique ids, results with ruleId and
ruleIndex, SRCROOT-relative locations, distinct partialFingerprints), plus
what a check adds: a rule for every finding id documented in
docs/findings.md, and for each dynamic result with a witness one code flow
whose thread flows (one per thread) order every step by a unique
executionOrder. Usage: check_sarif.py FILE FINDINGS_MD [MIN_RESULTS].
Prints OK or the first violation; exit 1 on a violation."""
import json
import re
import sys


def fail(message):
    print("SARIF violation: " + message)
    sys.exit(1)


def check_location(loc, where):
    phys = loc.get("physicalLocation")
    if phys is None:
        return
    art = phys.get("artifactLocation", {})
    uri = art.get("uri", "")
    if not uri:
        fail("%s: location without uri" % where)
    if uri.startswith("file://"):
        if "uriBaseId" in art:
            fail("%s: absolute uri with a uriBaseId" % where)
    elif uri.startswith("/") or art.get("uriBaseId") != "SRCROOT":
        fail("%s: uri %r is not relative to SRCROOT" % (where, uri))
    if phys.get("region", {}).get("startLine", 0) < 1:
        fail("%s: location without startLine" % where)


def main(path, findings_md, min_results):
    with open(findings_md) as f:
        documented = set(re.findall(r"^## ([a-z]+\.[a-z-]+)\s*$", f.read(), re.M))
    with open(path) as f:
        doc = json.load(f)
    if doc.get("version") != "2.1.0":
        fail("version is %r" % doc.get("version"))
    if "sarif-2.1.0" not in doc.get("$schema", ""):
        fail("$schema is %r" % doc.get("$schema"))
    runs = doc.get("runs")
    if not isinstance(runs, list) or len(runs) != 1:
        fail("expected exactly one run")
    run = runs[0]
    driver = run.get("tool", {}).get("driver", {})
    if driver.get("name") != "tangle":
        fail("tool.driver.name is %r" % driver.get("name"))
    rules = driver.get("rules")
    if not isinstance(rules, list):
        fail("tool.driver.rules missing")
    rule_ids = [r.get("id") for r in rules]
    if len(rule_ids) != len(set(rule_ids)):
        fail("rule ids are not unique")
    missing = documented - set(rule_ids)
    if missing:
        fail("no rule for the documented ids %s" % sorted(missing))
    if not any(r.startswith("tangle-") for r in rule_ids):
        fail("no rule of the static checks")
    for r in rules:
        if not r.get("shortDescription", {}).get("text"):
            fail("rule %s has no shortDescription" % r.get("id"))
    if "SRCROOT" not in run.get("originalUriBaseIds", {}):
        fail("originalUriBaseIds.SRCROOT missing")
    results = run.get("results")
    if not isinstance(results, list) or len(results) < min_results:
        fail("expected at least %d results" % min_results)
    fingerprints = set()
    flows = 0
    for n, res in enumerate(results):
        where = "result %d" % n
        rule = res.get("ruleId")
        if rule not in rule_ids:
            fail("%s: ruleId %r is not a rule" % (where, rule))
        if rule_ids[res.get("ruleIndex", -1)] != rule:
            fail("%s: ruleIndex does not point at %s" % (where, rule))
        if res.get("level") not in ("error", "warning", "note"):
            fail("%s: level %r" % (where, res.get("level")))
        if not res.get("message", {}).get("text"):
            fail("%s: no message" % where)
        locs = res.get("locations")
        if not isinstance(locs, list) or not locs:
            fail("%s: no locations" % where)
        for loc in locs + res.get("relatedLocations", []):
            check_location(loc, where)
        fp = res.get("partialFingerprints")
        if not isinstance(fp, dict) or not fp:
            fail("%s: no partialFingerprints" % where)
        fingerprints.add(json.dumps(fp, sort_keys=True))
        source = res.get("properties", {}).get("source")
        if source not in ("dynamic", "static"):
            fail("%s: properties.source is %r" % (where, source))
        if source == "dynamic" and not res.get("properties", {}).get("replay"):
            fail("%s: a dynamic result without its replay command" % where)
        for flow in res.get("codeFlows", []):
            flows += 1
            thread_flows = flow.get("threadFlows")
            if not isinstance(thread_flows, list) or not thread_flows:
                fail("%s: a code flow without thread flows" % where)
            ids = [t.get("id") for t in thread_flows]
            if len(ids) != len(set(ids)):
                fail("%s: two thread flows for one thread" % where)
            orders = []
            for t in thread_flows:
                steps = t.get("locations")
                if not isinstance(steps, list) or not steps:
                    fail("%s: a thread flow without locations" % where)
                own = [s.get("executionOrder") for s in steps]
                if any(not isinstance(o, int) or o < 0 for o in own):
                    fail("%s: a step without executionOrder" % where)
                if own != sorted(own):
                    fail("%s: a thread's steps out of order" % where)
                for s in steps:
                    if not s.get("location", {}).get("message", {}).get("text"):
                        fail("%s: a step without a message" % where)
                    check_location(s.get("location", {}), where)
                orders += own
            if len(orders) != len(set(orders)):
                fail("%s: two steps with one executionOrder" % where)
    if len(fingerprints) != len(results):
        fail("partialFingerprints are not distinct")
    print("OK %d results, %d code flows" % (len(results), flows))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 0)
