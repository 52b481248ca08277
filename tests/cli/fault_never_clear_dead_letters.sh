#!/usr/bin/env bash
# A fault that never clears (every download of the Observation file gets 503): the file is
# dead-lettered with the HTTP status and the attempts made, every other resource arrives
# exactly once, and the run exits 1.
source "$FERRY_SOURCE_DIR/tests/cli/lib.bash"
source "$FERRY_SOURCE_DIR/tests/cli/bulk_lib.bash"

start_fhir
load_population 3 51
start_proxy proxy --fault 503 --never-clear --match '\$export-file/[^/]+/Observation\.ndjson'
bulk_plan plan.yaml "$PROXY_BASE" "$WORK/out" "  max_attempts: 3"
run_ferry 1 run plan.yaml --report report.json
rm "$WORK/population/fhir/Observation.ndjson"
same_resources "$WORK/population/fhir" "$WORK/out" >/dev/null || fail "the other types are not exactly once"
python3 - .ferry/plan.dead.ndjson <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
got = [(r["stage"], r["error"]) for r in rows]
assert len(got) == 1 and got[0][0] == "read", got
import re
assert re.fullmatch(r"\$export output\[\d+\] Observation: download failed: HTTP 503 \(transient\) after 3 attempts", got[0][1]), got
PY
[ "$(jq '.retries["503"]' report.json)" -ge 2 ] || fail "the report does not count the 503 retries"
[ "$(count_of proxy.counts.json faults.503)" = 3 ] || fail "expected exactly 3 attempts at the file"
