#!/usr/bin/env bash
# The provider plan snippets in plans/providers/ validate cleanly (no warnings) once their
# secrets exist; a plan that goes past its provider's limits gets one warning per excess,
# naming the plan line; an unknown provider is a plan error (exit 2).
source "$(dirname "$0")/lib.bash"
export AZURE_CLIENT_SECRET=x AWS_ACCESS_KEY_ID=x AWS_SECRET_ACCESS_KEY=x HAPI_TOKEN=x AZURE_STORAGE_KEY=x
for plan in "$FERRY_SOURCE_DIR"/plans/providers/*.yaml; do
  sed -e "s|file:/run/secrets/[a-z0-9.-]*|file:$WORK/secret|" "$plan" >"$(basename "$plan")"
done
echo '{}' >secret && chmod 600 secret
for plan in *.yaml; do
  run_ferry 0 validate "$plan"
  ! grep -q warning "$ERR" || { cat "$ERR"; fail "$plan: warnings"; }
done

cat >over.yaml <<'PLAN'
version: 1
name: over
source: { adapter: ndjson, path: export }
target:
  adapter: fhir
  provider: aws-healthlake@2026.1
  base_url: https://fhir.example.org/r4
  batch_size: 500
  max_rps: 100
PLAN
run_ferry 0 validate over.yaml
q=https://docs.aws.amazon.com/healthlake/latest/devguide/quotas.html
expect_line "$ERR" "ferry: warning: over.yaml:8:15: target provider aws-healthlake@2026.1: batch_size 500 is over the 160 entries per Bundle the provider accepts; use 160 or less ($q)"
expect_line "$ERR" "ferry: warning: over.yaml:9:12: target provider aws-healthlake@2026.1: max_rps 100 is above the provider's default rate limit of 20 requests/s; expect 429s ($q)"
expect_line "$ERR" "ferry: warning: over.yaml:7:13: target provider aws-healthlake@2026.1: base_url does not have the provider's shape https://healthlake.<region>.amazonaws.com/datastore/<datastore-id>/r4"

sed -i 's/aws-healthlake@2026.1/healthlake/' over.yaml
run_ferry 2 validate over.yaml
grep -qF "over.yaml:6:13: unknown provider 'healthlake'; known: azure-health-data-services@2026.1" "$ERR" ||
  { cat "$ERR"; fail "no unknown-provider error"; }
