#!/usr/bin/env bash
# A 412 from the real engine, no proxy: under `ids: server` the target creates each resource
# with `ifNoneExist` on its first identifier; server B already holds two Patients with the
# identifier of one source patient, so the engine answers that entry
# "412 multiple-matches" every time. Ferry resends it `conflict_retries` times (counted as
# retries "412"), then dead-letters it with the status; what references that patient cannot
# be written either; everything else arrives exactly once; exit 1.
source "$FERRY_SOURCE_DIR/tests/cli/lib.bash"
source "$FERRY_SOURCE_DIR/tests/cli/bulk_lib.bash"
fhir_tool() { python3 "$FERRY_SOURCE_DIR/tests/cli/fhir_tool.py" "$@"; }

"$FERRY" synth --patients 2 --seed 171 --format fhir --out population -q
patient=$(head -1 population/fhir/Patient.ndjson)
id=$(jq -r .id <<<"$patient")
identifier=$(jq -c '[.identifier[] | select(.system)][0] | {system, value}' <<<"$patient")
start_fhir
for copy in 1 2; do
  curl -sf -X POST -H 'Content-Type: application/fhir+json' "$FHIR_BASE/Patient" \
    -d "{\"resourceType\": \"Patient\", \"identifier\": [$identifier]}" >/dev/null || fail "could not load the duplicates"
done
cat >upload.yaml <<PLAN
version: 1
name: upload
source: { adapter: ndjson, path: $WORK/population/fhir }
target: { adapter: fhir, base_url: '$FHIR_BASE', ids: server, conflict_retries: 2 }
PLAN
run_ferry 1 run upload.yaml --report report.json
[ "$(jq .totals.balanced report.json)" = true ] || fail "the accounting does not balance"
[ "$(jq -r '.retries["412"] // 0' report.json)" = 2 ] || { cat report.json; fail "the report does not count 2 resends of the 412"; }
jq -e -s --arg id "$id" '[.[] | select(.resource.id == $id and .resource.resourceType == "Patient")] | length == 1 and
  (.[0].error | test("^HTTP 412: multiple-matches .*still in conflict after 2 resends"))' .ferry/upload.dead.ndjson >/dev/null ||
  { grep -F "\"$id\"" .ferry/upload.dead.ndjson | jq -c "del(.resource)"; fail "the patient is not dead-lettered with its 412"; }
dead=$(jq .totals.dead_lettered report.json)
referencing=$(cat population/fhir/*.ndjson | grep -c "Patient/$id\|\"id\":\"$id\"")
[ "$dead" = "$referencing" ] || fail "$dead dead-lettered, $referencing records are the patient or reference it"
[ "$(fhir_tool counts "$FHIR_BASE" | awk '{n += $2} END {print n}')" = $(($(jq .totals.written report.json) + 2)) ] ||
  fail "server B does not hold exactly what was written plus the two duplicates"
