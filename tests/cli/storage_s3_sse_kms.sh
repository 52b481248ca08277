#!/usr/bin/env bash
# Acceptance (SSE-KMS headers, against a real Ceph RADOS Gateway with its "testing" KMS
# backend, keys testkey-1 and testkey-2): with `sse_kms: testkey-1`, ferry sends
# x-amz-server-side-encryption: aws:kms and x-amz-server-side-encryption-aws-kms-key-id on
# PutObject and CreateMultipartUpload, never on UploadPart (seen in the -vv JSON trace);
# a HEAD of a single-request object and of a 3-part object shows both headers with the
# key id; the gateway stores the bytes encrypted (the raw RADOS objects hold no plaintext,
# while an object written without sse_kms does); reading back and `ferry verify` work.
# A key id the KMS does not know: exit 3 with the store, the operation and the HTTP
# status, and nothing written, no multipart upload left behind.
source "$(dirname "$0")/lib.bash"
source "$FERRY_SOURCE_DIR/tests/cli/storage_lib.bash"
start_ceph
make_bucket fhir-bulk
"$FERRY" synth --patients 20 --seed 6 --format fhir --out syn -q
padded_observations syn/fhir/Observation.ndjson 3000  # about 12 MiB: three parts of 5 MiB
s3_plan up.yaml syn/fhir s3://fhir-bulk/enc "$S3_ENDPOINT" "  part_size_mib: 5
  sse_kms: testkey-1"
s3_plan down.yaml s3://fhir-bulk/enc back "$S3_ENDPOINT"

run_ferry 0 run up.yaml -vv --log-format json
python3 - "$ERR" <<'PY' || fail "the SSE-KMS headers were not sent as S3 requires"
import json, sys
seen = {"put": 0, "create": 0, "part": 0}
for line in open(sys.argv[1]):
    try:
        event = json.loads(line)
    except ValueError:
        continue
    if event.get("message") != "http request" or event.get("method") not in ("PUT", "POST"):
        continue
    url, headers = event["url"], event["request_headers"].lower()
    # the trace redacts the key id's value (its header name contains "key"); HEAD shows it below
    sse = "x-amz-server-side-encryption: aws:kms" in headers and \
          "x-amz-server-side-encryption-aws-kms-key-id: " in headers
    if "partNumber=" in url:
        seen["part"] += 1
        assert "x-amz-server-side-encryption" not in headers, ("UploadPart with SSE headers", url)
    elif event["method"] == "POST" and "uploads" in url:
        seen["create"] += 1
        assert sse, ("CreateMultipartUpload without SSE headers", url)
    elif event["method"] == "PUT" and url.rstrip("/").rsplit("/", 1)[-1] not in ("fhir-bulk",):
        seen["put"] += 1
        assert sse, ("PutObject without SSE headers", url)
assert seen["part"] == 3 and seen["create"] == 1 and seen["put"] >= 2, seen
PY
for key in Patient.ndjson Observation.ndjson; do
  s3 HEAD "/fhir-bulk/enc/$key" "" -I | tr -d '\r' >head.txt
  grep -qix 'x-amz-server-side-encryption: aws:kms' head.txt || fail "$key: no SSE-KMS header: $(cat head.txt)"
  grep -qix 'x-amz-server-side-encryption-aws-kms-key-id: testkey-1' head.txt || fail "$key: not under testkey-1"
done
grep -qi '^etag: ".*-3"' head.txt || fail "Observation.ndjson is not a 3-part object: $(cat head.txt)"
run_ferry 0 verify up.yaml
expect_line "$ERR" "ferry: verify: source and target match"
run_ferry 0 run down.yaml
run_ferry 0 verify down.yaml
expect_same_ndjson syn/fhir back

# At rest: the gateway's RADOS objects of the encrypted upload hold no plaintext; an
# unencrypted copy does (so the check can see plaintext when it is there).
s3_plan plain.yaml syn/fhir s3://fhir-bulk/plain "$S3_ENDPOINT"
run_ferry 0 run plain.yaml
rados=(rados -c "$CEPH_DIR/ceph.conf" -p default.rgw.buckets.data)
"${rados[@]}" ls >rados.txt
plaintext_in() {  # PREFIX : how many RADOS objects of PREFIX/Patient.ndjson hold '"resourceType":"Patient"'
  local name n=0
  while read -r name; do
    "${rados[@]}" get "$name" obj.bin
    grep -q '"resourceType":"Patient"' obj.bin && n=$((n + 1))
  done < <(grep "_$1/Patient.ndjson" rados.txt)
  echo "$n"
}
[ "$(plaintext_in plain)" -ge 1 ] || fail "no plaintext found in the unencrypted object's RADOS data: $(cat rados.txt)"
[ "$(plaintext_in enc)" = 0 ] || fail "the SSE-KMS object is stored in plaintext"

# A key id the KMS does not know.
rm -rf .ferry
s3_plan bad.yaml syn/fhir s3://fhir-bulk/bad "$S3_ENDPOINT" "  part_size_mib: 5
  sse_kms: no-such-key"
run_ferry 3 run bad.yaml
# RGW's answer for a key its KMS lacks is 403 InvalidAccessKeyId (AWS: 400 KMS.NotFoundException).
grep -q "^ferry: error: S3 s3://fhir-bulk/bad: \(uploading\|starting the upload of\) bad/[A-Za-z]*.ndjson failed: HTTP 403 InvalidAccessKeyId; check that sse_kms names a key the store's KMS knows and lets these credentials use\$" "$ERR" ||
  fail "unclear error: $(cat "$ERR")"
[ -z "$(s3_keys fhir-bulk bad/)" ] || fail "something was written: $(s3_keys fhir-bulk bad/)"
[ -z "$(pending_uploads fhir-bulk)" ] || fail "a multipart upload was left behind: $(pending_uploads fhir-bulk)"
