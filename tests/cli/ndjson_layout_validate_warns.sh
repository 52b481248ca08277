#!/usr/bin/env bash
# `ferry validate` on ndjson targets: file limits that cut files below a layout preset's
# recommended minimum, or let them pass its maximum, get one warning each naming the plan
# line and the vendor page; a layout that is not the provider's is warned; an unknown
# layout is a plan error (exit 2). A plan inside its preset's limits validates quietly.
source "$(dirname "$0")/lib.bash"
target() {  # target FILE YAML-LINES
  printf 'version: 1\nname: t\nsource: { adapter: ndjson, path: export }\ntarget:\n  adapter: ndjson\n  path: out\n%s\n' "$2" >"$1"
}
azure="https://learn.microsoft.com/azure/healthcare-apis/fhir/import-data, https://learn.microsoft.com/azure/healthcare-apis/fhir/fhir-best-practices"
healthlake="https://docs.aws.amazon.com/healthlake/latest/devguide/import-datastore.html, https://docs.aws.amazon.com/healthlake/latest/devguide/quotas.html"

target quiet.yaml "  provider: azure-health-data-services
  max_file_resources: 50000"
run_ferry 0 validate quiet.yaml
! grep -q warning "$ERR" || { cat "$ERR"; fail "warnings for limits inside the azure preset"; }

target small.yaml "  layout: azure
  max_file_resources: 500
  max_file_bytes: 1000000"
run_ferry 0 validate small.yaml
expect_line "$ERR" "ferry: warning: small.yaml:8:23: target layout azure: max_file_resources 500 cuts files below the 50000000 bytes or 20000 resources Azure Health Data Services \$import recommends as the least ($azure)"
expect_line "$ERR" "ferry: warning: small.yaml:9:19: target layout azure: max_file_bytes 1000000 cuts files below the 50000000 bytes or 20000 resources Azure Health Data Services \$import recommends as the least ($azure)"

target big.yaml "  provider: aws-healthlake
  max_file_bytes: 60000000000"
run_ferry 0 validate big.yaml
expect_line "$ERR" "ferry: warning: big.yaml:8:19: target layout healthlake: max_file_bytes 60000000000 lets a file pass the 50000000000 per file AWS HealthLake StartFHIRImportJob takes ($healthlake)"

target other.yaml "  provider: aws-healthlake
  layout: google"
run_ferry 0 validate other.yaml
expect_line "$ERR" "ferry: warning: other.yaml:8:11: target layout google: provider aws-healthlake imports the healthlake layout; use layout: healthlake"

target unknown.yaml "  layout: gcs"
run_ferry 2 validate unknown.yaml
grep -qF "unknown.yaml:7:11: unknown layout 'gcs'; known: bulk, azure, healthlake, google" "$ERR" ||
  { cat "$ERR"; fail "no unknown-layout error"; }
