#!/usr/bin/env bash
# HTTPS with a CA bundle, and HTTP/2 where the server offers it: the FHIR test server serves
# TLS (node:http2, HTTP/2 by ALPN with HTTP/1.1 allowed) with a throwaway CA and a server
# certificate for IP 127.0.0.1 made here by openssl. With `ca_bundle:` naming that CA, ferry
# uploads, reads back and verifies over HTTPS, every request in HTTP/2 (the server logs each
# request's httpVersion). Without it, and with a certificate for another name, TLS
# verification refuses the server: exit 3, a message naming the host and the TLS cause,
# nothing written.
source "$FERRY_SOURCE_DIR/tests/cli/lib.bash"
source "$FERRY_SOURCE_DIR/tests/cli/bulk_lib.bash"

# make_cert NAME SAN : a key and a certificate for SAN signed by the test CA (ca.pem).
make_cert() {
  openssl req -new -newkey rsa:2048 -nodes -keyout "$1.key" -subj "/CN=$1" -out "$1.csr" 2>/dev/null
  printf 'subjectAltName=%s\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' "$2" >"$1.ext"
  openssl x509 -req -in "$1.csr" -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 -extfile "$1.ext" -out "$1.pem" 2>/dev/null
}
openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -subj "/CN=ferry test CA" -days 2 -out ca.pem \
  -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign 2>/dev/null
make_cert server IP:127.0.0.1
make_cert other DNS:fhir.example.test

# start_tls_fhir CERT : a FHIR test server on HTTPS with CERT; sets FHIR_BASE (https://), FHIR_DIR.
start_tls_fhir() {
  export FHIR_TLS_CERT="$WORK/$1.pem" FHIR_TLS_KEY="$WORK/$1.key" FHIR_LOG_HTTP_VERSION=1
  start_fhir
  unset FHIR_TLS_CERT FHIR_TLS_KEY FHIR_LOG_HTTP_VERSION
  case "$FHIR_BASE" in https://127.0.0.1:*) ;; *) fail "the server is not on https: $FHIR_BASE" ;; esac
}

# expect_tls_refusal PLAN : exit 3, the host and a TLS certificate cause named, nothing written.
expect_tls_refusal() {
  rm -rf .ferry out
  run_ferry 3 run "$1"
  grep -qF "GET $FHIR_BASE/metadata: TLS: the FHIR server's certificate is not trusted" "$ERR" ||
    { cat "$ERR"; fail "$1: no TLS error naming $FHIR_BASE"; }
  [ -z "$(ls -A .ferry 2>/dev/null)" ] && [ ! -e out ] || fail "$1: something was written"
}

"$FERRY" synth --patients 4 --seed 161 --format fhir --out population -q
start_tls_fhir server
cat >upload.yaml <<PLAN
version: 1
name: upload
source: { adapter: ndjson, path: $WORK/population/fhir }
target: { adapter: fhir, base_url: '$FHIR_BASE', ca_bundle: $WORK/ca.pem, concurrency: 4, batch_size: 20 }
PLAN
run_ferry 0 run upload.yaml
cat >download.yaml <<PLAN
version: 1
name: download
source: { adapter: fhir, base_url: '$FHIR_BASE', ca_bundle: $WORK/ca.pem, page_size: 50 }
target: { adapter: ndjson, path: $WORK/out }
PLAN
run_ferry 0 run download.yaml
run_ferry 0 verify download.yaml   # reads the server again over HTTPS (the engine rounds decimals, so upload.yaml's would differ)
same_resources population/fhir out >/dev/null || fail "reading back over HTTPS did not give the same resources"

log="$FHIR_DIR/server.log"
h2=$(grep -c '^HTTPVERSION 2.0 ' "$log" || true)
other=$(grep '^HTTPVERSION ' "$log" | grep -vc '^HTTPVERSION 2.0 ' || true)
[ "$h2" -gt 10 ] || { grep HTTPVERSION "$log" | head; fail "only $h2 requests in HTTP/2"; }
[ "$other" = 0 ] || { grep HTTPVERSION "$log" | grep -v ' 2.0 ' | head; fail "$other requests were not HTTP/2"; }
grep -q '^HTTPVERSION 2.0 POST /fhir$' "$log" || fail "the Bundle POSTs were not HTTP/2"

sed "s|, ca_bundle: $WORK/ca.pem||; s|name: upload|name: noca|" upload.yaml >noca.yaml
expect_tls_refusal noca.yaml
grep -qE "certificate|issuer" "$ERR" || fail "the TLS cause is not given"
start_tls_fhir other                                  # trusted CA, but the certificate names another host
sed "s|$(grep -o "https://127.0.0.1:[0-9]*" upload.yaml)|${FHIR_BASE%/fhir}|; s|name: upload|name: othername|" upload.yaml >othername.yaml
expect_tls_refusal othername.yaml
