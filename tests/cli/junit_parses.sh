#!/usr/bin/env bash
# Acceptance: --junit output of a dry run parses as JUnit XML, with one test case per
# mapping rule and per resource type; the dry run writes nothing.
source "$(dirname "$0")/lib.bash"
synth_csv 20 3 clinic
write_plan plan.yaml clinic/csv sqlite store.db
run_ferry 0 run plan.yaml --dry-run --junit junit.xml --summary-md summary.md
[ ! -e store.db ] || fail "a dry run wrote the target"
[ ! -e .ferry ] || fail "a dry run wrote state"
python3 - junit.xml <<'PY'
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
assert root.tag == "testsuites", root.tag
suites = {s.get("name"): s for s in root.findall("testsuite")}
assert set(suites) == {"mapping rules", "resource types"}, suites.keys()
rules = suites["mapping rules"].findall("testcase")
types = [c.get("name") for c in suites["resource types"].findall("testcase")]
assert len(rules) >= 10, len(rules)
assert "Patient" in types and "Observation" in types, types
assert root.find(".//failure") is None
PY
grep -q '^# ' summary.md || fail "no markdown summary"
