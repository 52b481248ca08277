#!/usr/bin/env bash
# Acceptance (Azure Blob, against Azurite, which checks SharedKey and SAS signatures): a
# synthetic population and a 66 MiB object go to az://account/container/prefix and back,
# `ferry verify` exits 0 both ways; the large object is committed from parallel blocks
# (Put Block / Put Block List); a SAS token works; wrong credentials exit 3 naming the
# store and the HTTP status, with nothing written.
source "$(dirname "$0")/lib.bash"
source "$FERRY_SOURCE_DIR/tests/cli/storage_azure_lib.bash"
start_azurite
az PUT "/fhir-export?restype=container" | grep -qx 'HTTP 201' || fail "cannot create the container"
"$FERRY" synth --patients 40 --seed 5 --format fhir --out syn -q
big_ndjson syn/fhir

az_plan up.yaml syn/fhir az://devstoreaccount1/fhir-export/run1
az_plan down.yaml az://devstoreaccount1/fhir-export/run1 back
run_ferry 0 run up.yaml
run_ferry 0 verify up.yaml
expect_line "$ERR" "ferry: verify: source and target match"
run_ferry 0 run down.yaml
run_ferry 0 verify down.yaml
expect_same_ndjson syn/fhir back
size=$(stat -c %s syn/fhir/Observation.ndjson)
blocks=$(az GET "/fhir-export/run1/Observation.ndjson?comp=blocklist&blocklisttype=committed" | grep -o '<Block>' | wc -l)
[ "$blocks" = $(( (size + 8388608 - 1) / 8388608 )) ] || fail "Observation.ndjson has $blocks blocks"

# A SAS token instead of the key.
export AZ_SAS
AZ_SAS=$(account_sas rwdlac)
rm -rf .ferry
az_plan sas.yaml syn/fhir az://devstoreaccount1/fhir-export/run2 "  sas_token: env:AZ_SAS"
run_ferry 0 run sas.yaml
run_ferry 0 verify sas.yaml
[ -n "$(az_names fhir-export run2/Patient.ndjson)" ] || fail "the SAS run wrote nothing"

# Wrong credentials: a wrong key, and a read-only SAS.
export WRONG_KEY=$(printf 'not-the-key-of-this-account' | base64 -w0)
az_plan wrong.yaml syn/fhir az://devstoreaccount1/fhir-export/run3 "  account_key: env:WRONG_KEY"
run_ferry 3 run wrong.yaml
expect_line "$ERR" "ferry: error: Azure Blob az://devstoreaccount1/fhir-export/run3: list failed: HTTP 403 AuthorizationFailure; check account_key or sas_token and the container's permissions"
rm -rf .ferry
AZ_SAS=$(account_sas rl)
az_plan readonly.yaml syn/fhir az://devstoreaccount1/fhir-export/run3 "  sas_token: env:AZ_SAS"
run_ferry 3 run readonly.yaml
grep -q "^ferry: error: Azure Blob az://devstoreaccount1/fhir-export/run3: uploading .* failed: HTTP 403 AuthorizationPermissionMismatch; check account_key or sas_token and the container's permissions$" "$ERR" ||
  { cat "$ERR"; fail "no clear error for a read-only SAS"; }
[ -z "$(az_names fhir-export run3/)" ] || fail "something was written with wrong credentials: $(az_names fhir-export run3/)"
