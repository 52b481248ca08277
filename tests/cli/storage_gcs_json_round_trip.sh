#!/usr/bin/env bash
# Acceptance (GCS JSON API, against the in-repo fake tests/servers/gcs-fake.cjs, which
# checks the OAuth bearer token, implements the resumable upload protocol and checks the
# CRC32C): a population and a 66 MiB object go to gs://bucket/prefix and back, `ferry
# verify` exits 0; the large object goes up in 8 MiB chunks of one resumable session; a
# run killed midway resumes the session without re-sending the chunks the store holds;
# a wrong token exits 3 naming the store and HTTP 401, with nothing written.
source "$(dirname "$0")/lib.bash"
source "$FERRY_SOURCE_DIR/tests/cli/storage_azure_lib.bash"  # big_ndjson
GCS_PID=""
trap '[ -z "$GCS_PID" ] || kill "$GCS_PID" 2>/dev/null; rm -rf "$WORK"' EXIT
export GCS_TOKEN=ya29.test-token-$RANDOM
GCS_FAKE_DELAY_MS=150 node "$FERRY_SOURCE_DIR/tests/servers/gcs-fake.cjs" "$GCS_TOKEN" 0 "$WORK/requests.log" >gcs.out 2>&1 &
GCS_PID=$!
for _ in $(seq 1 100); do grep -q 'listening on' gcs.out && break; sleep 0.05; done
GCS_ENDPOINT=$(grep -o 'http://127.0.0.1:[0-9]*' gcs.out) || fail "the GCS fake did not start"

gcs_plan() {  # FILE SOURCE TARGET [TOKEN VARIABLE]
  local keys="  endpoint: $GCS_ENDPOINT
  gcs_api: json
  access_token: env:${4:-GCS_TOKEN}"
  printf 'version: 1\nname: %s\nsource:\n  adapter: ndjson\n  path: %s\n%s\ntarget:\n  adapter: ndjson\n  path: %s\n%s\n' \
    "$(basename "$1" .yaml)" "$2" "$keys" "$3" "$keys" >"$1"
}
"$FERRY" synth --patients 30 --seed 9 --format fhir --out syn -q
big_ndjson syn/fhir
size=$(stat -c %s syn/fhir/Observation.ndjson)
chunks=$(( (size + 8388608 - 1) / 8388608 ))

gcs_plan up.yaml syn/fhir gs://fhir-bulk/run1
gcs_plan down.yaml gs://fhir-bulk/run1 back
run_ferry 0 run up.yaml
run_ferry 0 verify up.yaml
expect_line "$ERR" "ferry: verify: source and target match"
run_ferry 0 run down.yaml
run_ferry 0 verify down.yaml
expect_same_ndjson syn/fhir back
[ "$(grep -c '^PUT /upload/storage/v1/b/fhir-bulk/o 308 bytes ' requests.log)" = $((chunks - 1)) ] ||
  fail "expected $chunks chunks in one session: $(grep '^PUT' requests.log)"

# Killed midway, resumed: each chunk start accepted exactly once.
: >requests.log
gcs_plan two.yaml syn/fhir gs://fhir-bulk/run2
"$FERRY" run two.yaml -q 2>"$ERR" & pid=$!
for _ in $(seq 1 1200); do
  [ "$(grep -c '^PUT /upload/.* 308 bytes [0-9]' requests.log)" -ge 3 ] && break
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.05
done
kill -9 "$pid" 2>/dev/null || fail "the run ended before it could be killed midway: $(cat "$ERR")"
wait "$pid" || true
sleep 1
run_ferry 0 run two.yaml --resume
grep "^PUT /upload/.* \(200\|308\) bytes [0-9]*-[0-9]*/\(\*\|$size\)\$" requests.log |
  awk '{split($5, r, "-"); print r[1]}' | sort | uniq -c >starts.txt  # the large object's chunks
[ "$(wc -l <starts.txt)" = "$chunks" ] || fail "expected $chunks chunks: $(cat starts.txt)"
awk '$1 != 1 { exit 1 }' starts.txt || fail "a chunk the store held was sent again: $(cat starts.txt)"
[ "$(grep -c '^PUT /upload/.* 308 bytes \*/' requests.log)" -ge 1 ] || fail "the resumed run did not ask the session what it holds"
run_ferry 0 verify two.yaml

# A wrong token.
export BAD_TOKEN=ya29.wrong
rm -rf .ferry
gcs_plan bad.yaml syn/fhir gs://fhir-bulk/run3 BAD_TOKEN
run_ferry 3 run bad.yaml
expect_line "$ERR" "ferry: error: GCS gs://fhir-bulk/run3: list failed: HTTP 401; check access_token and the bucket's permissions"
grep -q "$BAD_TOKEN" "$ERR" && fail "the token was printed"
gcs_plan list.yaml gs://fhir-bulk/run3 out
run_ferry 0 run list.yaml  # nothing under run3: an empty source
[ -z "$(ls out 2>/dev/null | grep ndjson)" ] || fail "something was written with a wrong token"
