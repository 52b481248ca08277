#!/usr/bin/env bash
# azurite-start.sh -- Azurite (the Azure Blob emulator, npm azurite 3.35.0 from
# tests/servers/azure) on 127.0.0.1, blob service only, in memory, telemetry off, on a
# port the kernel picks. SharedKey and SAS signatures are checked (403 on a bad one).
#
# Prints, for `eval "$(tests/servers/azurite-start.sh)"`:
#   AZ_DIR=/tmp/azuritetest.XXXXXX           its log directory
#   AZ_PID=NNNN                              give both to azurite-stop.sh
#   AZ_ENDPOINT=http://127.0.0.1:NNNN        path-style: $AZ_ENDPOINT/$AZ_ACCOUNT/<container>/<blob>
#   AZ_ACCOUNT=devstoreaccount1              the emulator's well-known account
#   AZ_KEY=...                               and its well-known key (not a secret)
# Stop with: tests/servers/azurite-stop.sh "$AZ_DIR" "$AZ_PID"
#
# AZ_OAUTH=1: HTTPS with OAuth (`--oauth basic`: Entra ID bearer tokens are accepted when
# their issuer, audience and lifetime are right; the signature is not checked). The
# certificate is a throwaway one made here by openssl, for 127.0.0.1, signed by a
# throwaway CA; also prints
#   AZ_CA=$AZ_DIR/ca.pem                     the CA to trust (ferry's ca_bundle)
# and AZ_ENDPOINT is https://127.0.0.1:NNNN.
# Needs `npm ci` in tests/servers/azure (scripts/setup runs it).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
BIN="$HERE/azure/node_modules/.bin/azurite-blob"
[ -x "$BIN" ] || { echo "azurite-start.sh: $BIN not found; run scripts/setup" >&2; exit 1; }
D=$(mktemp -d /tmp/azuritetest.XXXXXX)
TLS=()
if [ "${AZ_OAUTH:-}" = 1 ]; then
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=ferry test CA" \
    -addext basicConstraints=critical,CA:true -addext keyUsage=critical,keyCertSign,cRLSign \
    -keyout "$D/ca.key" -out "$D/ca.pem" 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" -keyout "$D/server.key" -out "$D/server.csr" 2>/dev/null
  printf 'subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:false\nextendedKeyUsage=serverAuth\n' >"$D/server.ext"
  openssl x509 -req -in "$D/server.csr" -CA "$D/ca.pem" -CAkey "$D/ca.key" -CAcreateserial -days 2 \
    -extfile "$D/server.ext" -out "$D/server.pem" 2>/dev/null
  TLS=(--cert "$D/server.pem" --key "$D/server.key" --oauth basic)
fi
# --disableTelemetry is mandatory: by default Azurite reports to Application Insights.
"$BIN" --blobHost 127.0.0.1 --blobPort 0 --inMemoryPersistence --disableTelemetry --silent "${TLS[@]}" \
  >"$D/azurite.log" 2>&1 </dev/null &
PID=$!
for _ in $(seq 1 400); do
  grep -q 'successfully listens' "$D/azurite.log" && break
  kill -0 "$PID" 2>/dev/null || break
  sleep 0.05
done
if ! grep -q 'successfully listens' "$D/azurite.log"; then
  echo "azurite-start.sh: Azurite did not start:" >&2; cat "$D/azurite.log" >&2
  kill "$PID" 2>/dev/null || true; rm -rf "$D"; exit 1
fi
echo "AZ_DIR=$D"
echo "AZ_PID=$PID"
echo "AZ_ENDPOINT=$(grep -o 'https\?://127.0.0.1:[0-9]*' "$D/azurite.log" | tail -1)"
[ "${AZ_OAUTH:-}" != 1 ] || echo "AZ_CA=$D/ca.pem"
echo "AZ_ACCOUNT=devstoreaccount1"
echo "AZ_KEY=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
