#!/usr/bin/env bash
# Tokens revoked mid-run (the proxy answers 401 invalid_token and revokes the token): ferry
# drops the token, mints a new one and retries; every resource arrives exactly once and the
# report counts the 401 retries.
source "$FERRY_SOURCE_DIR/tests/cli/lib.bash"
source "$FERRY_SOURCE_DIR/tests/cli/bulk_lib.bash"

start_fhir
load_population 3 71
printf 'client-secret-%s\n' "$RANDOM$RANDOM" >client.secret
start_token_server --lifetime 300 --client-secret-file client.secret
start_proxy proxy --token-secret-file "$WORK/token.secret" --token-exempt '\$export-file/' \
  --fault expire-token --rate 0.4 --match '\$export'
bulk_plan plan.yaml "$PROXY_BASE" "$WORK/out" "  auth: oauth2-client-credentials
  auth_url: $TOKEN_URL
  auth_client_id: ferry
  auth_client_secret: file:$WORK/client.secret"
run_ferry 0 run plan.yaml --report report.json
same_resources "$WORK/population/fhir" "$WORK/out" >/dev/null || fail "not exactly once"
revoked=$(count_of proxy.counts.json faults.expire-token)
[ "$revoked" -ge 1 ] || fail "no token was revoked"
[ "$(count_of token.counts.json issued)" -gt "$revoked" ] || fail "a new token was not minted after each revocation"
[ "$(jq '.retries["401"] // 0' report.json)" -ge 1 ] || fail "the report does not count the 401 retries"
