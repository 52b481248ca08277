#!/usr/bin/env bash
# Acceptance (GCS JSON API with a Google service-account key): ferry signs an RS256 JWT
# with the key file's private key (plan key auth_credentials: file:KEY.json) and trades
# it at the key's token_uri (tests/servers/token-server.cjs, which verifies the signature
# with the public half of a key pair made here by openssl) for an access token; the GCS
# fake (tests/servers/gcs-fake.cjs) accepts only unexpired tokens that server minted.
# With 3-second tokens and a transfer several times longer (1 MiB chunks, each answered
# after 300 ms), ferry re-mints as it goes: the population and a multi-chunk object go to
# gs://bucket/prefix and back, `ferry verify` exits 0, and the store never refused a
# token. A key the token endpoint does not know exits 3 naming the store and the HTTP
# status, with nothing written.
source "$(dirname "$0")/lib.bash"
GCS_PID="" TOKEN_PID=""
stop_servers() {
  local pid
  for pid in $GCS_PID $TOKEN_PID; do kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; done
  rm -rf "$WORK"
}
trap stop_servers EXIT
SERVERS="$FERRY_SOURCE_DIR/tests/servers"
SA_EMAIL=ferry-migrator@ferry-test.iam.gserviceaccount.com

openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out sa.key 2>/dev/null
openssl pkey -in sa.key -pubout -out sa.pub
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out other.key 2>/dev/null
head -c 32 /dev/urandom >token.secret
node "$SERVERS/token-server.cjs" --secret-file token.secret --public-key sa.pub --client-id "$SA_EMAIL" \
  --lifetime 3 --counts token.counts.json >token.log 2>&1 &
TOKEN_PID=$!
GCS_FAKE_DELAY_MS=300 node "$SERVERS/gcs-fake.cjs" "hs256:$WORK/token.secret" 0 "$WORK/requests.log" >gcs.out 2>&1 &
GCS_PID=$!
for _ in $(seq 1 100); do grep -q 'listening on' token.log && grep -q 'listening on' gcs.out && break; sleep 0.05; done
TOKEN_URL="$(grep -o 'http://127.0.0.1:[0-9]*' token.log)/token" || fail "the token server did not start"
GCS_ENDPOINT=$(grep -o 'http://127.0.0.1:[0-9]*' gcs.out) || fail "the GCS fake did not start"

# key_file PEM OUT : a service-account JSON key as the Google Cloud console writes it.
key_file() {
  python3 - "$1" "$2" "$SA_EMAIL" "$TOKEN_URL" <<'PY'
import json, sys
pem, out, email, token_uri = sys.argv[1:]
json.dump({"type": "service_account", "project_id": "ferry-test", "private_key_id": "k1",
           "private_key": open(pem).read(), "client_email": email, "client_id": "1",
           "token_uri": token_uri}, open(out, "w"))
PY
  chmod 600 "$2"
}
key_file sa.key sa.json
key_file other.key other.json
gcs_plan() {  # FILE SOURCE TARGET KEY_FILE
  local keys="  endpoint: $GCS_ENDPOINT
  gcs_api: json
  auth: google-service-account
  auth_credentials: file:$4
  part_size_mib: 1"
  printf 'version: 1\nname: %s\nsource:\n  adapter: ndjson\n  path: %s\n%s\ntarget:\n  adapter: ndjson\n  path: %s\n%s\n' \
    "$(basename "$1" .yaml)" "$2" "$keys" "$3" "$keys" >"$1"
}
"$FERRY" synth --patients 20 --seed 3 --format fhir --out syn -q
padded_observations syn/fhir/Observation.ndjson 3000  # about 12 MiB: 12 chunks of 1 MiB
size=$(stat -c %s syn/fhir/Observation.ndjson)
chunks=$(( (size + 1048576 - 1) / 1048576 ))

gcs_plan up.yaml syn/fhir gs://fhir-bulk/run1 "$WORK/sa.json"
gcs_plan down.yaml gs://fhir-bulk/run1 back "$WORK/sa.json"
start=$SECONDS
run_ferry 0 run up.yaml
[ $((SECONDS - start)) -ge 6 ] || fail "the upload was too short to outlive a token ($((SECONDS - start)) s)"
run_ferry 0 verify up.yaml
expect_line "$ERR" "ferry: verify: source and target match"
run_ferry 0 run down.yaml
run_ferry 0 verify down.yaml
expect_same_ndjson syn/fhir back
[ "$(grep -c '^PUT /upload/storage/v1/b/fhir-bulk/o 308 bytes ' requests.log)" = $((chunks - 1)) ] ||
  fail "expected $chunks chunks in one session: $(grep '^PUT' requests.log)"
issued=$(python3 -c 'import json; print(json.load(open("token.counts.json"))["issued"])')
[ "$issued" -ge 3 ] || fail "tokens were not re-minted ($issued issued)"
! grep -q ' 401 ' requests.log || fail "the store refused a token: $(grep ' 401 ' requests.log | head -3)"

# A key the token endpoint does not know: its assertion's signature does not verify.
rm -rf .ferry
before=$(wc -l <requests.log)
gcs_plan bad.yaml syn/fhir gs://fhir-bulk/run2 "$WORK/other.json"
run_ferry 3 run bad.yaml -vv
expect_line "$ERR" "ferry: error: GCS gs://fhir-bulk/run2: token endpoint $TOKEN_URL: HTTP 400 (error: invalid_grant); check the auth_* keys of the plan"
! grep -q "PRIVATE KEY\|$(sed -n 2p other.key)" "$OUT" "$ERR" || fail "the private key was printed"
[ "$(wc -l <requests.log)" = "$before" ] || fail "requests reached the store without a token: $(sed -n "$((before + 1)),\$p" requests.log)"

# A fixed token and a key at once are a plan error (exit 2), as is a key for S3 / the XML API.
export GCS_TOKEN=ya29.fixed
gcs_plan both.yaml syn/fhir gs://fhir-bulk/run3 "$WORK/sa.json"
sed -i 's/^  gcs_api: json$/  gcs_api: json\n  access_token: env:GCS_TOKEN/' both.yaml
run_ferry 2 run both.yaml
grep -q "GCS gs://fhir-bulk/run3: gcs_api: json needs exactly one of access_token (an OAuth 2.0 token, env:NAME or file:PATH) and auth: google-service-account" "$ERR" ||
  fail "no plan error for two credentials: $(cat "$ERR")"
gcs_plan xml.yaml syn/fhir gs://fhir-bulk/run3 "$WORK/sa.json"
sed -i '/gcs_api: json/d' xml.yaml
run_ferry 2 run xml.yaml
grep -q "GCS gs://fhir-bulk/run3: auth 'google-service-account' is for Azure Blob (azure-entra) and the GCS JSON API (google-service-account); GCS takes access_key_id and secret_access_key" "$ERR" ||
  fail "no plan error for a service-account key on the XML API: $(cat "$ERR")"
