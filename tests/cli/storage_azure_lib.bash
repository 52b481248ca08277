# Helpers for the Azure Blob CLI tests: Azurite (tests/servers/azurite-start.sh) started
# for the test and stopped in the EXIT trap, SharedKey requests with azblob.sh, and an
# account SAS. Sourced after lib.bash, not run.
SERVERS="$FERRY_SOURCE_DIR/tests/servers"
AZ_DIR=""
azure_cleanup() {
  [ -z "$AZ_DIR" ] || "$SERVERS/azurite-stop.sh" "$AZ_DIR" "$AZ_PID"
  rm -rf "$WORK"
}
trap azure_cleanup EXIT

# start_azurite : sets and exports AZ_ENDPOINT, AZ_ACCOUNT, AZ_KEY (AZ_DIR, AZ_PID too).
start_azurite() {
  local settings
  settings=$("$SERVERS/azurite-start.sh") || fail "Azurite did not start"
  eval "$settings"
  export AZ_ENDPOINT AZ_ACCOUNT AZ_KEY
}

# az VERB PATH [FILE] [CONTENT_TYPE] : a SharedKey request; body then "HTTP <status>".
az() { "$SERVERS/azblob.sh" "$@"; }

# az_names CONTAINER PREFIX : blob names under PREFIX, one a line.
az_names() {
  az GET "/$1?restype=container&comp=list&prefix=$2" | grep -o '<Name>[^<]*' | sed 's/<Name>//' || true
}

# account_sas PERMISSIONS : an account SAS (blob service, all resource types) for Azurite.
account_sas() {
  local sv=2021-08-06 se=2030-01-01T00:00:00Z sts sig
  sts="$AZ_ACCOUNT"$'\n'"$1"$'\n'"b"$'\n'"sco"$'\n\n'"$se"$'\n\n'"https,http"$'\n'"$sv"$'\n\n'
  sig=$(printf '%s' "$sts" | openssl dgst -sha256 -mac HMAC \
    -macopt "hexkey:$(base64 -d <<<"$AZ_KEY" | od -An -tx1 | tr -d ' \n')" -binary | base64 -w0)
  python3 -c 'import sys,urllib.parse as u; print("sv=%s&ss=b&srt=sco&sp=%s&se=%s&spr=%s&sig=%s" % (sys.argv[1], sys.argv[2], u.quote(sys.argv[3], safe=""), u.quote("https,http", safe=""), u.quote(sys.argv[4], safe="")))' \
    "$sv" "$1" "$se" "$sig"
}

# az_plan FILE SOURCE TARGET [EXTRA YAML LINES] : ndjson -> ndjson, either side may be an
# az:// URL on Azurite; SharedKey from $AZ_KEY unless EXTRA says otherwise.
az_plan() {
  local file=$1 source=$2 target=$3 extra=${4:-"  account_key: env:AZ_KEY"}
  local keys="  endpoint: $AZ_ENDPOINT/$AZ_ACCOUNT
$extra"
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
PLAN
}

# big_ndjson DIR : DIR/Observation.ndjson of about 66 MiB (17000 valid Observations).
big_ndjson() { padded_observations "$1/Observation.ndjson" 17000; }
