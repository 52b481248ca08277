#!/usr/bin/env bash
# SMART Backend Services: ferry finds the token endpoint in the server's
# .well-known/smart-configuration and signs its client assertion with RS384, then ES384;
# the token server verifies signature, iss/sub, aud, exp and jti, and the export goes through
# the bearer-checking proxy with each resource exactly once.
source "$FERRY_SOURCE_DIR/tests/cli/lib.bash"
source "$FERRY_SOURCE_DIR/tests/cli/bulk_lib.bash"

start_fhir
load_population 2 91
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out rs384.pem 2>/dev/null
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:secp384r1 -out es384.pem 2>/dev/null
for alg in RS384 ES384; do
  key=$(echo "$alg" | tr 'A-Z' 'a-z').pem
  openssl pkey -in "$key" -pubout -out "$alg.pub.pem"
  rm -rf "$WORK/out" .ferry
  start_token_server --lifetime 60 --client-id ferry-backend --public-key "$alg.pub.pem"
  start_proxy "$alg" --token-secret-file "$WORK/token.secret" --token-exempt '\$export-file/' --smart-token-url "$TOKEN_URL"
  bulk_plan plan.yaml "$PROXY_BASE" "$WORK/out" "  auth: smart-backend
  auth_client_id: ferry-backend
  auth_private_key: file:$WORK/$key
  auth_kid: test-key-1
  auth_algorithm: $alg
  auth_scope: system/*.read"
  run_ferry 0 run plan.yaml
  same_resources "$WORK/population/fhir" "$WORK/out" >/dev/null || fail "$alg: not exactly once"
  [ "$(count_of token.counts.json issued)" -ge 1 ] || fail "$alg: no token issued"
  [ "$(jq '.rejected | length' token.counts.json)" = 0 ] || { cat token.counts.json; fail "$alg: assertions rejected"; }
  [ "$(count_of "$alg.counts.json" auth_rejected)" = 0 ] || fail "$alg: the proxy rejected a token"
done
