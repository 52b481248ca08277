#!/usr/bin/env bash
# Acceptance (b) and (d): fidelity detection, and the min_fidelity gate (exit 1). The FHIR test server is evaluated twice in
# one run: directly, and behind tests/servers/rewriting-proxy.cjs, which drops one
# extension, rounds 1.50 to 1.5, renames ids and strips meta.lastUpdated. What the
# proxied report has beyond the direct one is exactly those paths with exactly the
# population's counts, and nothing else. No report holds a value of the population.
#
# The Medplum engine behind the test server parses JSON numbers as doubles, so it already
# turns 1.50 into 1.5 (and 73.0 into 73) by itself: the direct report finds that
# (Observation.valueQuantity.value changed, decimal precision lost), so the proxy's own
# rounding is found in both runs. tests/unit/core/evaluate/fidelity_test.cpp proves the
# rounding alone is named exactly against a faithful target.
source "$(dirname "$0")/lib.bash"
source "$FERRY_SOURCE_DIR/tests/cli/evaluate_lib.bash"
start_fhir
trap 'stop_proxy; stop_fhir; rm -rf "$WORK"' EXIT
start_proxy "$FHIR_BASE"
cat >eval.yaml <<YAML
version: 1
name: rewriting proxy
population: { patients: 3, seed: 5 }
probes: [capabilities, fidelity]
thresholds: { min_fidelity: 0.999 }
report: { examples: 3 }
providers:
  - name: direct
    target: { adapter: fhir, base_url: $FHIR_BASE }
  - name: proxied
    target: { adapter: fhir, base_url: $PROXY_BASE }
YAML
run_ferry 1 evaluate eval.yaml --out report
check_schema report/report.json
grep -q "^ferry: evaluate: provider 'proxied': fidelity 0\.[0-9]* is below min_fidelity 0\.9990$" "$ERR" ||
  { cat "$ERR"; fail "no threshold failure for the proxied provider"; }
expect_line "$ERR" "ferry: evaluate: a provider failed a threshold"

python3 - report/report.json <<'PY' || fail "the proxy's changes were not found exactly"
import json, sys
r = json.load(open(sys.argv[1]))
direct, proxied = r["providers"]
types = r["population"]["by_type"]
def findings(p):
    out = set()
    for d in p["fidelity"]["paths"]:
        for kind in ("changed", "dropped", "added"):
            if d[kind]:
                out.add(f"{d['resource_type']} {d['path']} {kind} {d[kind]}")
    return out
extra, missing = findings(proxied) - findings(direct), findings(direct) - findings(proxied)
expected_extra = {f"{t} {t}.id changed {n}" for t, n in types.items()}
expected_extra |= {f"{t} {t}.meta.lastUpdated dropped {n}" for t, n in types.items()}
expected_extra.add("Patient Patient.extension('http://hl7.org/fhir/StructureDefinition/patient-mothersMaidenName')"
                   ".valueString dropped 1")
# the server sets its own meta.lastUpdated (changed); behind the proxy it is gone (dropped)
expected_missing = {f"{t} {t}.meta.lastUpdated changed {n}" for t, n in types.items()}
assert extra == expected_extra, ("unexpected:", sorted(extra - expected_extra), "not found:", sorted(expected_extra - extra))
assert missing == expected_missing, ("unexpected:", sorted(missing - expected_missing), "not found:", sorted(expected_missing - missing))
decimal = [d for d in direct["fidelity"]["paths"] if d["path"] == "Observation.valueQuantity.value"]
assert decimal and decimal[0]["changed"] >= 1, "the server's own decimal rounding was not found"
assert direct["fidelity"]["checks"]["decimal_precision_lost"] >= 1
c = proxied["fidelity"]["checks"]
total = r["population"]["resources"]
assert c["ids_kept"] == {"total": total, "kept": 0, "ok": False}, c["ids_kept"]
assert c["last_updated_kept"]["kept"] == 0 and c["last_updated_kept"]["total"] == total
assert not c["extensions_kept"]["ok"] and c["references_resolve"]["kept"] == 0
assert direct["fidelity"]["checks"]["ids_kept"]["ok"] and direct["fidelity"]["checks"]["references_resolve"]["ok"]
ids = [d for d in proxied["fidelity"]["paths"] if d["path"] == "Patient.id"][0]
assert ids["examples"] == ["Patient.id"], ids
PY

# (d) canary: no value of the population is in any report. The population is
# `ferry synth` with the same patients and seed, plus the probe resources.
"$FERRY" synth --patients 3 --seed 5 --format fhir --out synth -q
python3 - synth/fhir report <<'PY' || fail "a report holds a resource value"
import json, pathlib, sys
values = {"Ødegård-Łukasiewicz", "Ødegård", "Zoë", "美咲", "1.50", "eval-probe-patient"}
def walk(v, key=""):
    if isinstance(v, dict):
        for k, x in v.items(): walk(x, k)
    elif isinstance(v, list):
        for x in v: walk(x, key)
    elif isinstance(v, str) and key in ("id", "family", "given", "text", "display", "line", "city",
                                        "postalCode", "birthDate", "value", "reference", "start", "end"):
        if len(v) >= 5: values.add(v)
for f in pathlib.Path(sys.argv[1]).glob("*.ndjson"):
    for line in f.read_text().splitlines(): walk(json.loads(line))
assert len(values) > 200, len(values)
for report in pathlib.Path(sys.argv[2]).glob("report.*"):
    text = report.read_text()
    found = sorted(v for v in values if v in text)
    assert not found, f"{report.name} holds {len(found)} values, e.g. {found[:3]}"
PY
