#!/usr/bin/env bash
# At -vv the fhir adapter traces every request (method, URL without query, status,
# headers) with the bearer token redacted; neither the token nor a resource value reaches
# any output or the state files. (The test server does not check tokens.)
source "$(dirname "$0")/lib.bash"
source "$(dirname "$0")/fhir_lib.bash"
start_fhir A
mkdir data
echo '{"resourceType":"Patient","id":"p1","name":[{"family":"Canaryname"}]}' >data/Patient.ndjson
fhir_plan up.yaml "{ adapter: ndjson, path: data }" \
  "{ adapter: fhir, base_url: '$A_BASE', auth: bearer, auth_token: 'env:FHIR_TOKEN' }"
fhir_plan down.yaml "{ adapter: fhir, base_url: '$A_BASE', auth: bearer, auth_token: 'env:FHIR_TOKEN' }" \
  "{ adapter: ndjson, path: down }" "resources: [Patient]"
export FHIR_TOKEN=canary-token-5f1e2d
run_ferry 0 -vv run up.yaml
grep -q "http request (method=POST, url=$A_BASE, attempt=1, status=200" "$ERR" || { cat "$ERR"; fail "no -vv trace"; }
grep -q "Authorization: REDACTED" "$ERR" || fail "the Authorization header is not shown redacted"
cat "$OUT" "$ERR" >all.txt
run_ferry 0 -vv run down.yaml
grep -qF "url=\"$A_BASE/Patient?_count=200\", attempt=1, status=200" "$ERR" || { cat "$ERR"; fail "no search in the trace"; }
cat "$OUT" "$ERR" >>all.txt
if grep -q "canary-token-5f1e2d\|Canaryname" all.txt; then fail "a secret or a value reached the output"; fi
if grep -rqa "canary-token-5f1e2d" .ferry; then fail "the token reached the state files"; fi
