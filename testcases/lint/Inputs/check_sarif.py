#!/usr/bin/env python3
"""Validates the SARIF 2.1.0 structure tangle-lint promises: version, one run,
tool.driver.rules with stable ids, results with ruleId, locations (relative
paths) and partialFingerprints. Prints OK or the first violation; exit 1 on a
violation."""
import json
import sys

EXPECTED_RULES = {
    "tangle-shared-file-unlocked", "tangle-shared-global-unlocked",
    "tangle-double-lock", "tangle-missing-unlock", "tangle-unlock-not-held",
    "tangle-lock-order-inversion", "tangle-cond-wait-no-loop",
    "tangle-signal-handler-lock", "tangle-thread-arg-changed",
}


def fail(message):
    print("SARIF violation: " + message)
    sys.exit(1)


def main(path, min_results):
    with open(path) as f:
        doc = json.load(f)
    if doc.get("version") != "2.1.0":
        fail("version is %r" % doc.get("version"))
    runs = doc.get("runs")
    if not isinstance(runs, list) or len(runs) != 1:
        fail("expected exactly one run, got %r" % (runs if not isinstance(runs, list) else len(runs)))
    run = runs[0]
    driver = run.get("tool", {}).get("driver", {})
    if driver.get("name") != "tangle":
        fail("tool.driver.name is %r" % driver.get("name"))
    rules = driver.get("rules")
    if not isinstance(rules, list):
        fail("tool.driver.rules missing")
    rule_ids = [r.get("id") for r in rules]
    if set(rule_ids) != EXPECTED_RULES or len(rule_ids) != len(set(rule_ids)):
        fail("rules are %r" % rule_ids)
    for r in rules:
        if not r.get("shortDescription", {}).get("text"):
            fail("rule %s has no shortDescription" % r.get("id"))
    results = run.get("results")
    if not isinstance(results, list) or len(results) < min_results:
        fail("expected at least %d results" % min_results)
    fingerprints = set()
    for res in results:
        rule = res.get("ruleId")
        if rule not in rule_ids:
            fail("result ruleId %r is not a rule" % rule)
        if rule_ids[res.get("ruleIndex", -1)] != rule:
            fail("ruleIndex does not point at %s" % rule)
        if not res.get("message", {}).get("text"):
            fail("result without message")
        locs = res.get("locations")
        if not isinstance(locs, list) or not locs:
            fail("result without locations")
        for loc in locs + [r for r in res.get("relatedLocations", [])]:
            phys = loc.get("physicalLocation", {})
            uri = phys.get("artifactLocation", {}).get("uri", "")
            if not uri or uri.startswith("/") or uri.startswith("file:"):
                fail("location uri %r is not relative to the source root" % uri)
            if phys.get("artifactLocation", {}).get("uriBaseId") != "SRCROOT":
                fail("location without uriBaseId SRCROOT")
            if phys.get("region", {}).get("startLine", 0) < 1:
                fail("location without startLine")
        fp = res.get("partialFingerprints")
        if not isinstance(fp, dict) or not fp:
            fail("result without partialFingerprints")
        fingerprints.add(json.dumps(fp, sort_keys=True))
    if len(fingerprints) != len(results):
        fail("partialFingerprints are not distinct")
    if "SRCROOT" not in run.get("originalUriBaseIds", {}):
        fail("originalUriBaseIds.SRCROOT missing")
    print("OK %d results" % len(results))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 0)
