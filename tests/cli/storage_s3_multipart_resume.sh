#!/usr/bin/env bash
# Acceptance: an object larger than one part (66 MiB, parts of 8 MiB) is uploaded as an
# S3 multipart upload with parts in flight in parallel; an upload killed midway (SIGKILL)
# resumes with --resume without re-sending the parts the store finished (counted at a
# proxy in front of the gateway), and no multipart upload is left behind.
source "$(dirname "$0")/lib.bash"
source "$FERRY_SOURCE_DIR/tests/cli/storage_lib.bash"
start_ceph
make_bucket fhir-bulk
PROXY_DELAY_MS=300 start_proxy "$WORK/requests.log"
mkdir big
padded_observations big/Observation.ndjson 17000
size=$(stat -c %s big/Observation.ndjson)
parts=$(( (size + 8388608 - 1) / 8388608 ))
[ "$parts" -gt 1 ] || fail "the test object is not larger than one part"

# part_puts PREFIX : "partNumber count" of the parts of PREFIX/Observation.ndjson the store accepted.
part_puts() {
  grep "^PUT /fhir-bulk/$1/Observation.ndjson?partNumber=[0-9]*&uploadId=.* 200 " requests.log |
    sed 's/.*partNumber=\([0-9]*\)&.*/\1/' | sort -n | uniq -c | awk '{print $2, $1}'
}

# 1. Parallel parts.
s3_plan one.yaml big s3://fhir-bulk/one "$PROXY_ENDPOINT" "  parallel_parts: 4"
run_ferry 0 run one.yaml
[ "$(part_puts one | wc -l)" = "$parts" ] || fail "expected $parts parts: $(part_puts one)"
max_in_flight=$(grep '^PUT /fhir-bulk/one/Observation.ndjson?partNumber=' requests.log | awk '{print $4}' | sort -n | tail -1)
[ "$max_in_flight" -ge 2 ] || fail "parts were not sent in parallel (at most $max_in_flight in flight)"
s3 HEAD /fhir-bulk/one/Observation.ndjson "" -I | tr -d '\r' | grep -qi "^etag: \".*-$parts\"" ||
  fail "the object is not a $parts-part multipart object"
run_ferry 0 verify one.yaml

# 2. Killed midway, resumed.
s3_plan two.yaml big s3://fhir-bulk/two "$PROXY_ENDPOINT" "  parallel_parts: 2"
"$FERRY" run two.yaml -q 2>"$ERR" & pid=$!
for _ in $(seq 1 1200); do
  [ "$(part_puts two | wc -l)" -ge 3 ] && break
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.05
done
kill -9 "$pid" 2>/dev/null || fail "the run ended before it could be killed midway: $(cat "$ERR")"
wait "$pid" || true
sleep 2  # let the parts already on their way finish at the store
done_before=$(part_puts two | wc -l)
[ "$done_before" -ge 3 ] && [ "$done_before" -lt "$parts" ] || fail "killed after $done_before of $parts parts"
[ "$(pending_uploads fhir-bulk)" = "two/Observation.ndjson" ] || fail "no unfinished upload after the kill"

run_ferry 0 run two.yaml --resume
part_puts two >counts.txt
[ "$(wc -l <counts.txt)" = "$parts" ] || fail "expected $parts parts: $(cat counts.txt)"
awk '$2 != 1 { exit 1 }' counts.txt || fail "a finished part was sent again: $(cat counts.txt)"
[ -z "$(pending_uploads fhir-bulk)" ] || fail "orphan multipart uploads: $(pending_uploads fhir-bulk)"
run_ferry 0 verify two.yaml
s3 GET /fhir-bulk/two/Observation.ndjson "" -o downloaded.ndjson >/dev/null
cmp downloaded.ndjson big/Observation.ndjson || fail "the resumed object differs from the file"
