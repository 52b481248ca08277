#!/usr/bin/env bash
# Acceptance (Azure Blob with Entra ID bearer tokens, against Azurite over HTTPS with
# `--oauth basic`, which checks each token's issuer, audience and lifetime): ferry gets
# tokens from an OAuth2 client-credentials endpoint (tests/servers/token-server.cjs,
# minting Entra-shaped tokens for the scope https://storage.azure.com/.default), trusts
# the test CA through `ca_bundle`, and a population plus a multi-block object go to
# az://account/container/prefix and back, `ferry verify` exits 0 both ways; with 3-second
# tokens and transfers capped (--bwlimit) to take several times that. A wrong
# client secret exits 3 naming the store and the HTTP status, with nothing written and
# the secret never printed; a token for another audience is refused by the store (exit 3).
source "$(dirname "$0")/lib.bash"
source "$FERRY_SOURCE_DIR/tests/cli/storage_azure_lib.bash"
TOKEN_PID=""
trap '[ -z "$TOKEN_PID" ] || { kill "$TOKEN_PID" 2>/dev/null && wait "$TOKEN_PID" 2>/dev/null; }; azure_cleanup' EXIT
AZ_OAUTH=1 start_azurite
export AZ_CA
[[ "$AZ_ENDPOINT" == https://* ]] || fail "Azurite is not on HTTPS: $AZ_ENDPOINT"
az PUT "/fhir-export?restype=container" | grep -qx 'HTTP 201' || fail "cannot create the container"

TENANT=72f988bf-86f1-41af-91ab-2d7cd011db47
head -c 32 /dev/urandom >token.secret
printf 'client-secret-%s\n' "$RANDOM$RANDOM" >client.secret
chmod 600 client.secret
node "$SERVERS/token-server.cjs" --secret-file token.secret --client-secret-file client.secret \
  --client-id ferry-app --azure-tenant "$TENANT" --lifetime 3 --counts token.counts.json --issued-log issued.txt \
  >token.log 2>&1 &
TOKEN_PID=$!
for _ in $(seq 1 100); do grep -q 'listening on' token.log && break; sleep 0.05; done
TOKEN_URL="$(grep -o 'http://127.0.0.1:[0-9]*' token.log)/token" || fail "the token server did not start"

entra_keys() {  # SECRET_FILE [EXTRA LINE]
  printf '  ca_bundle: %s\n  auth: azure-entra\n  auth_tenant: %s\n  auth_client_id: ferry-app\n  auth_client_secret: file:%s\n  auth_url: %s\n  part_size_mib: 5\n%s' \
    "$AZ_CA" "$TENANT" "$1" "$TOKEN_URL" "${2:-}"
}
"$FERRY" synth --patients 30 --seed 4 --format fhir --out syn -q
padded_observations syn/fhir/Observation.ndjson 3000  # about 12 MiB: three blocks of 5 MiB
size=$(stat -c %s syn/fhir/Observation.ndjson)

az_plan up.yaml syn/fhir az://devstoreaccount1/fhir-export/run1 "$(entra_keys "$WORK/client.secret")"
az_plan down.yaml az://devstoreaccount1/fhir-export/run1 back "$(entra_keys "$WORK/client.secret")"
# 3-second tokens, and --bwlimit stretches each transfer to several times that: Azurite
# refuses an expired token (403, which fails the run), so these runs pass only if ferry
# re-mints before expiry.
start=$SECONDS
run_ferry 0 run up.yaml --bwlimit 1500K
[ $((SECONDS - start)) -ge 7 ] || fail "the upload was too short to outlive a token ($((SECONDS - start)) s)"
run_ferry 0 verify up.yaml
expect_line "$ERR" "ferry: verify: source and target match"
start=$SECONDS
run_ferry 0 run down.yaml --bwlimit 1500K
[ $((SECONDS - start)) -ge 7 ] || fail "the download was too short to outlive a token ($((SECONDS - start)) s)"
run_ferry 0 verify down.yaml
expect_same_ndjson syn/fhir back
blocks=$(az GET "/fhir-export/run1/Observation.ndjson?comp=blocklist&blocklisttype=committed" | grep -o '<Block>' | wc -l)
[ "$blocks" = $(( (size + 5242880 - 1) / 5242880 )) ] || fail "Observation.ndjson has $blocks blocks"
# Every token ferry presented was minted here for Azure Storage (Azurite checked each one),
# and the long runs needed several.
[ "$(wc -l <issued.txt)" -ge 6 ] || fail "tokens were not re-minted: $(wc -l <issued.txt) issued"
python3 - <<'PY' || fail "a token was not minted for https://storage.azure.com"
import base64, json
for line in open("issued.txt"):
    claims = json.loads(base64.urlsafe_b64decode(line.split(".")[1] + "=="))
    assert claims["aud"] == "https://storage.azure.com" and claims["scope"] == "https://storage.azure.com/.default", claims
PY

# A wrong client secret: the token endpoint refuses it; nothing is written.
printf 'not-the-secret-%s\n' "$RANDOM" >wrong.secret
chmod 600 wrong.secret
rm -rf .ferry
az_plan wrong.yaml syn/fhir az://devstoreaccount1/fhir-export/run2 "$(entra_keys "$WORK/wrong.secret")"
run_ferry 3 run wrong.yaml -vv
expect_line "$ERR" "ferry: error: Azure Blob az://devstoreaccount1/fhir-export/run2: token endpoint $TOKEN_URL: HTTP 401 (error: invalid_client); check the auth_* keys of the plan"
! grep -qF "$(cat wrong.secret)" "$OUT" "$ERR" || fail "the client secret was printed"
[ -z "$(az_names fhir-export run2/)" ] || fail "something was written: $(az_names fhir-export run2/)"

# A token for another audience: minted, but the store refuses it.
rm -rf .ferry
az_plan aud.yaml syn/fhir az://devstoreaccount1/fhir-export/run3 \
  "$(entra_keys "$WORK/client.secret" "  auth_scope: https://management.azure.com/.default")"
run_ferry 3 run aud.yaml
expect_line "$ERR" "ferry: error: Azure Blob az://devstoreaccount1/fhir-export/run3: list failed: HTTP 403 AuthenticationFailed; check the auth_* keys and the identity's role on the container"
[ -z "$(az_names fhir-export run3/)" ] || fail "something was written with a wrong-audience token"

# Two credentials at once are a plan error (exit 2), as is auth for another store.
az_plan both.yaml syn/fhir az://devstoreaccount1/fhir-export/run4 "$(entra_keys "$WORK/client.secret" "  account_key: env:AZ_KEY")"
run_ferry 2 run both.yaml
grep -q "Azure Blob az://devstoreaccount1/fhir-export/run4: set exactly one of account_key, sas_token (env:NAME or file:PATH) and auth: azure-entra" "$ERR" ||
  fail "no plan error for two credentials: $(cat "$ERR")"
az_plan other.yaml syn/fhir az://devstoreaccount1/fhir-export/run4 "  auth: google-service-account
  auth_credentials: file:$WORK/client.secret"
run_ferry 2 run other.yaml
grep -q "Azure Blob az://devstoreaccount1/fhir-export/run4: auth must be 'azure-entra' (or none), not 'google-service-account'" "$ERR" ||
  fail "no plan error for a Google key on Azure: $(cat "$ERR")"
