# Helpers for the object-storage CLI tests (storage_*.sh): a throwaway Ceph RGW (real S3)
# started for the test and stopped in the EXIT trap, a SigV4 curl for checking what the
# store holds, and a counting proxy. Sourced after lib.bash, not run.
SERVERS="$FERRY_SOURCE_DIR/tests/servers"
STORAGE_PIDS=()
CEPH_DIR=""
storage_cleanup() {
  local pid
  for pid in "${STORAGE_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -z "$CEPH_DIR" ] || "$SERVERS/ceph-rgw-stop.sh" "$CEPH_DIR"
  rm -rf "$WORK"
}
trap storage_cleanup EXIT

# start_ceph : sets CEPH_DIR, S3_ENDPOINT, S3_KEY, S3_SECRET (exported for env: keys).
start_ceph() {
  local settings
  settings=$("$SERVERS/ceph-rgw-start.sh") || fail "the Ceph gateway did not start"
  eval "$settings"
  export S3_KEY S3_SECRET
}

# s3 METHOD PATH [FILE] [curl args...] : a SigV4-signed request to the gateway with curl;
# prints the body, then "HTTP <status>" on its own line.
s3() {
  local method=$1 path=$2 file=${3:-} hash body=()
  shift $(($# < 3 ? $# : 3))
  if [ -n "$file" ]; then
    hash=$(sha256sum "$file" | cut -d' ' -f1)
    body=(--data-binary "@$file" -H "Content-Type: application/octet-stream")
  else
    hash=e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
  fi
  curl -sS -X "$method" --aws-sigv4 "aws:amz:us-east-1:s3" --user "$S3_KEY:$S3_SECRET" \
    -H "x-amz-content-sha256: $hash" "${body[@]}" "$@" -w '\nHTTP %{http_code}\n' "$S3_ENDPOINT$path"
}

# make_bucket NAME
make_bucket() { s3 PUT "/$1" | grep -qx 'HTTP 200' || fail "cannot create bucket $1"; }

# s3_keys BUCKET PREFIX : the keys under PREFIX, one a line.
s3_keys() {
  s3 GET "/$1?list-type=2&prefix=$(python3 -c 'import sys,urllib.parse;print(urllib.parse.quote(sys.argv[1],safe=""))' "$2")" |
    grep -o '<Key>[^<]*</Key>' | sed 's/<[^>]*>//g' || true
}

# pending_uploads BUCKET : the keys of unfinished multipart uploads, one a line.
pending_uploads() { s3 GET "/$1?uploads=" | grep -o '<Key>[^<]*</Key>' | sed 's/<[^>]*>//g' || true; }

# start_proxy LOG : a counting proxy in front of the gateway; sets PROXY_ENDPOINT.
start_proxy() {
  local out="$WORK/proxy.out"
  python3 "$SERVERS/counting-proxy.py" "$S3_ENDPOINT" "$1" >"$out" 2>&1 &
  STORAGE_PIDS+=($!)
  for _ in $(seq 1 100); do grep -q PROXY_ENDPOINT "$out" && break; sleep 0.05; done
  eval "$(grep PROXY_ENDPOINT "$out")"
  [ -n "${PROXY_ENDPOINT:-}" ] || fail "the counting proxy did not start"
}

# s3_plan FILE SOURCE TARGET ENDPOINT [EXTRA YAML LINES] : an ndjson -> ndjson plan where
# either side may be an s3:// URL on ENDPOINT (credentials from $S3_KEY / $S3_SECRET).
s3_plan() {
  local file=$1 source=$2 target=$3 endpoint=$4 extra=${5:-}
  local keys="  endpoint: $endpoint
  access_key_id: env:S3_KEY
  secret_access_key: env:S3_SECRET"
  cat >"$file" <<PLAN
version: 1
name: $(basename "$file" .yaml)
source:
  adapter: ndjson
  path: $source
$keys
target:
  adapter: ndjson
  path: $target
$keys
$extra
PLAN
}
