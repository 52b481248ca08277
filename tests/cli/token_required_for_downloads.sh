#!/usr/bin/env bash
# requiresAccessToken: true in the manifest (set by the proxy, which then checks the bearer
# token on the output files too): ferry sends its token with every download, nothing is
# refused, and each resource arrives exactly once. (token_short_lifetime_long_transfer.sh
# covers the other case: no token is sent when the manifest says false.)
source "$FERRY_SOURCE_DIR/tests/cli/lib.bash"
source "$FERRY_SOURCE_DIR/tests/cli/bulk_lib.bash"

start_fhir
load_population 2 151
printf 'client-secret-%s\n' "$RANDOM$RANDOM" >client.secret
start_token_server --lifetime 60 --client-secret-file client.secret
start_proxy proxy --token-secret-file "$WORK/token.secret" --requires-token
bulk_plan plan.yaml "$PROXY_BASE" "$WORK/out" "  auth: oauth2-client-credentials
  auth_url: $TOKEN_URL
  auth_client_id: ferry
  auth_client_secret: file:$WORK/client.secret"
run_ferry 0 run plan.yaml
same_resources "$WORK/population/fhir" "$WORK/out" >/dev/null || fail "not exactly once"
[ "$(count_of proxy.counts.json downloads)" -ge 3 ] || fail "too few downloads"
[ "$(count_of proxy.counts.json auth_rejected)" = 0 ] || fail "a download went without a valid token"
