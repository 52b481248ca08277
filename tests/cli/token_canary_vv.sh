#!/usr/bin/env bash
# Canary: with -vv tracing, neither the client secret nor any access token the token server
# issued appears in ferry's output, report, dead-letter or state file.
source "$FERRY_SOURCE_DIR/tests/cli/lib.bash"
source "$FERRY_SOURCE_DIR/tests/cli/bulk_lib.bash"

start_fhir
load_population 2 81
canary="CANARY-$RANDOM-$RANDOM-secret"
printf '%s\n' "$canary" >client.secret
start_token_server --lifetime 2 --client-secret-file client.secret --issued-log "$WORK/issued.txt"
start_proxy proxy --token-secret-file "$WORK/token.secret" --token-exempt '\$export-file/' --hold-polls 3 \
  --fault expire-token --rate 0.2 --match '\$export-status'
bulk_plan plan.yaml "$PROXY_BASE" "$WORK/out" "  auth: oauth2-client-credentials
  auth_url: $TOKEN_URL
  auth_client_id: ferry
  auth_client_secret: file:$WORK/client.secret"
run_ferry 0 run plan.yaml -vv --report report.json --log-format json
grep -q '"level":"trace"' "$ERR" || fail "no trace lines at -vv"
[ -s issued.txt ] || fail "no token was issued"
sqlite3 .ferry/plan.state.db .dump >state.sql
for file in "$OUT" "$ERR" report.json state.sql .ferry/plan.dead.ndjson; do
  [ -e "$file" ] || continue
  ! grep -qF "$canary" "$file" || fail "the client secret appears in $file"
  while read -r token; do
    ! grep -qF "${token##*.}" "$file" || fail "an access token appears in $file"
  done <issued.txt
done
