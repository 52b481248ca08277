#!/usr/bin/env bash
# OAuth2 client credentials with 3-second tokens, on an export that takes several times that
# (a job held for 4 polls, slow downloads): ferry re-mints the token as it goes, the proxy
# accepts every request, each resource arrives exactly once. The output files need no
# token (requiresAccessToken: false), and none is sent to them.
source "$FERRY_SOURCE_DIR/tests/cli/lib.bash"
source "$FERRY_SOURCE_DIR/tests/cli/bulk_lib.bash"

start_fhir
load_population 3 61
printf 'client-secret-%s\n' "$RANDOM$RANDOM" >client.secret
start_token_server --lifetime 3 --client-secret-file client.secret
start_proxy proxy --token-secret-file "$WORK/token.secret" --token-exempt '\$export-file/' --hold-polls 4 \
  --fault slow --rate 1 --delay-ms 1500 --match '\$export-file/'
bulk_plan plan.yaml "$PROXY_BASE" "$WORK/out" "  concurrency: 2
  auth: oauth2-client-credentials
  auth_url: $TOKEN_URL
  auth_client_id: ferry
  auth_client_secret: file:$WORK/client.secret"
start=$SECONDS
run_ferry 0 run plan.yaml
[ $((SECONDS - start)) -ge 7 ] || fail "the transfer was too short to outlive a token"
same_resources "$WORK/population/fhir" "$WORK/out" >/dev/null || fail "not exactly once"
[ "$(count_of token.counts.json issued)" -ge 3 ] || fail "tokens were not re-minted"
[ "$(count_of proxy.counts.json auth_rejected)" = 0 ] || fail "the proxy saw an expired or missing token"
[ "$(count_of proxy.counts.json auth_on_exempt)" = 0 ] || fail "a token was sent to the output files"
