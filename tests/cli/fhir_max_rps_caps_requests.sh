#!/usr/bin/env bash
# `ferry run --max-rps N` overrides the plan's max_rps and caps the requests per second a
# fhir target sends; a malformed --bwlimit is a usage error (exit 2).
source "$(dirname "$0")/lib.bash"
source "$(dirname "$0")/fhir_lib.bash"
start_fhir B FHIR_LOG_REQUESTS=1
mkdir data
for i in $(seq 1 20); do echo "{\"resourceType\":\"Patient\",\"id\":\"p$i\"}"; done >data/Patient.ndjson
fhir_plan rps.yaml "{ adapter: ndjson, path: data }" "{ adapter: fhir, base_url: '$B_BASE', batch_size: 2, max_rps: 1000 }"
run_ferry 2 run rps.yaml --bwlimit 12Q
grep -q "bwlimit" "$ERR" || fail "no message for a malformed --bwlimit"
start=$(date +%s%N)
run_ferry 0 run rps.yaml --max-rps 4 --bwlimit 1M
elapsed_ms=$(( ($(date +%s%N) - start) / 1000000 ))
requests=$(grep -c "^REQ POST /fhir " "$B_LOG")
[ "$requests" = 10 ] || fail "expected 10 Bundles, the server saw $requests"
[ "$elapsed_ms" -ge 2000 ] || fail "10 requests at --max-rps 4 took only $elapsed_ms ms"
[ "$(fhir_tool ids "$B_BASE" Patient | wc -l)" = 20 ] || fail "not every Patient arrived"
