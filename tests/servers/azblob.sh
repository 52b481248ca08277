#!/usr/bin/env bash
# azblob.sh VERB PATH_AND_QUERY [FILE] [CONTENT_TYPE] -- a SharedKey-signed Blob request to
# Azurite with curl + openssl, for tests to set up and inspect what ferry writes.
# PATH_AND_QUERY is relative to the account: "/mycontainer?restype=container",
# "/mycontainer/a/b.ndjson". Prints the body, then "HTTP <status>" on its own line.
# Env (from azurite-start.sh): AZ_ENDPOINT, AZ_ACCOUNT, AZ_KEY (and AZ_CA for HTTPS).
set -euo pipefail
VERB=$1; RES=$2; FILE=${3:-}; CTYPE=${4:-}
: "${AZ_ENDPOINT:?}" "${AZ_ACCOUNT:?}" "${AZ_KEY:?}"
VER=2021-08-06
DATE=$(LC_ALL=C TZ=GMT date '+%a, %d %b %Y %H:%M:%S GMT')
path=${RES%%\?*}; query=""; [[ "$RES" == *\?* ]] && query=${RES#*\?}
LEN=""; [[ -n "$FILE" ]] && LEN=$(stat -c %s "$FILE"); [[ "$LEN" == 0 ]] && LEN=""
XMS="x-ms-date:$DATE"$'\n'"x-ms-version:$VER"
EXTRA=()
if [[ "$VERB" == PUT && -n "$FILE" && "$query" != *comp=* ]]; then
  XMS="x-ms-blob-type:BlockBlob"$'\n'"$XMS"; EXTRA+=(-H "x-ms-blob-type: BlockBlob")
fi
# Path-style emulator URL: /account/container/blob; canonicalized resource = /account + URL path.
CANON="/$AZ_ACCOUNT/$AZ_ACCOUNT$path"
if [[ -n "$query" ]]; then
  CANON+=$'\n'$(tr '&' '\n' <<<"$query" | awk -F= '{print tolower($1)":"$2}' | sort)
fi
STS="$VERB"$'\n\n\n'"$LEN"$'\n\n'"$CTYPE"$'\n\n\n\n\n\n\n'"$XMS"$'\n'"$CANON"
SIG=$(printf '%s' "$STS" | openssl dgst -sha256 -mac HMAC -macopt "hexkey:$(base64 -d <<<"$AZ_KEY" | od -An -tx1 | tr -d " \n")" -binary | base64 -w0)
ARGS=(-sS -X "$VERB" -H "x-ms-date: $DATE" -H "x-ms-version: $VER" -H "Authorization: SharedKey $AZ_ACCOUNT:$SIG" "${EXTRA[@]}")
if [[ -n "$CTYPE" ]]; then ARGS+=(-H "Content-Type: $CTYPE"); else ARGS+=(-H "Content-Type:"); fi
if [[ -n "$FILE" ]]; then ARGS+=(--data-binary "@$FILE"); elif [[ "$VERB" == PUT ]]; then ARGS+=(-H "Content-Length: 0"); fi
[[ -z "${AZ_CA:-}" ]] || ARGS+=(--cacert "$AZ_CA")  # AZ_OAUTH=1: HTTPS with a test CA
exec curl "${ARGS[@]}" -w '\nHTTP %{http_code}\n' "$AZ_ENDPOINT/$AZ_ACCOUNT$RES"
