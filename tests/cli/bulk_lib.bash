# Helpers for the fhir-bulk, fault-proxy and token tests: a FHIR test server loaded with a
# synthetic population, the fault proxy and the token server in front of it, all on
# 127.0.0.1 and stopped by PID when the test ends. Sourced after lib.bash.
SERVERS="$FERRY_SOURCE_DIR/tests/servers"
BULK_PIDS=()
FHIR_DIRS=()

bulk_cleanup() {
  local pid dir
  for pid in "${BULK_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for dir in "${FHIR_DIRS[@]}"; do "$SERVERS/fhir-stop.sh" "$dir" >/dev/null 2>&1 || true; done
  rm -rf "$WORK"
}
trap bulk_cleanup EXIT

# start_fhir : starts a FHIR test server; sets FHIR_BASE and FHIR_PORT.
start_fhir() {
  local vars
  vars=$("$SERVERS/fhir-start.sh") || fail "the FHIR test server did not start"
  eval "$vars"
  FHIR_DIRS+=("$FHIR_DIR")
}

# wait_for_line LOG PATTERN : waits (up to 20 s) until LOG has a line matching PATTERN.
wait_for_line() {
  for _ in $(seq 1 400); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 0.05; done
  cat "$1"; fail "no '$2' in $1"
}

# start_proxy NAME ARGS... : fault proxy in front of $FHIR_BASE; sets PROXY_BASE (the FHIR
# base through the proxy) and counts in $WORK/NAME.counts.json.
start_proxy() {
  local name=$1; shift
  node "$SERVERS/fault-proxy.cjs" --upstream "http://127.0.0.1:$FHIR_PORT" --counts "$WORK/$name.counts.json" "$@" \
    >"$WORK/$name.log" 2>&1 &
  BULK_PIDS+=($!)
  wait_for_line "$WORK/$name.log" 'fault proxy listening'
  PROXY_BASE="$(grep -o 'http://127.0.0.1:[0-9]*' "$WORK/$name.log")/fhir"
}

# start_token_server ARGS... : sets TOKEN_URL; counts in $WORK/token.counts.json, the shared
# HS256 secret in $WORK/token.secret.
start_token_server() {
  head -c 32 /dev/urandom >"$WORK/token.secret"
  node "$SERVERS/token-server.cjs" --secret-file "$WORK/token.secret" --counts "$WORK/token.counts.json" "$@" \
    >"$WORK/token.log" 2>&1 &
  BULK_PIDS+=($!)
  wait_for_line "$WORK/token.log" 'token server listening'
  TOKEN_URL="$(grep -o 'http://127.0.0.1:[0-9]*' "$WORK/token.log")/token"
}

# count_of FILE KEY : a number from a counts file (KEY a dotted path, e.g. faults.429); 0 if absent.
count_of() {
  python3 - "$1" "$2" <<'PY'
import json, sys
value = json.load(open(sys.argv[1]))
for part in sys.argv[2].split('.'):
    value = value.get(part, 0) if isinstance(value, dict) else 0
print(value)
PY
}

# load_population N SEED : a synthetic population written into $FHIR_BASE (PUT by id, in
# batch Bundles); its NDJSON stays in $WORK/population/fhir.
load_population() {
  "$FERRY" synth --patients "$1" --seed "$2" --format fhir --out "$WORK/population" -q
  python3 - "$WORK/population/fhir" "$FHIR_BASE" <<'PY'
import json, pathlib, sys, urllib.request
entries = []
def flush():
    if not entries: return
    body = json.dumps({"resourceType": "Bundle", "type": "batch", "entry": entries}).encode()
    req = urllib.request.Request(sys.argv[2], data=body, method="POST",
                                 headers={"Content-Type": "application/fhir+json"})
    out = json.load(urllib.request.urlopen(req))
    bad = [e["response"]["status"] for e in out["entry"] if not e["response"]["status"].startswith("20")]
    assert not bad, bad
    entries.clear()
for f in sorted(pathlib.Path(sys.argv[1]).glob("*.ndjson")):
    for line in f.read_text().splitlines():
        r = json.loads(line)
        entries.append({"resource": r, "request": {"method": "PUT", "url": f"{r['resourceType']}/{r['id']}"}})
        if len(entries) == 50: flush()
flush()
PY
}

# same_resources DIR_A DIR_B : the two NDJSON dirs hold the same (type, id) pairs, each once
# (in their <Type>.ndjson files; a `deleted.ndjson` is not resources).
same_resources() {
  python3 - "$1" "$2" <<'PY'
import json, sys, pathlib, collections
def ids(d):
    c = collections.Counter()
    for f in pathlib.Path(d).glob("[A-Z]*.ndjson"):
        for line in f.read_text().splitlines():
            r = json.loads(line); c[(r["resourceType"], r["id"])] += 1
    return c
a, b = ids(sys.argv[1]), ids(sys.argv[2])
dups = [k for k, n in b.items() if n > 1]
missing = set(a) - set(b); extra = set(b) - set(a)
if dups or missing or extra:
    print(f"duplicated {len(dups)}, missing {len(missing)}, extra {len(extra)}", file=sys.stderr); sys.exit(1)
print(sum(a.values()))
PY
}

# bulk_plan FILE BASE OUT_DIR [EXTRA_SOURCE_YAML] : a fhir-bulk -> ndjson plan.
bulk_plan() {
  cat >"$1" <<PLAN
version: 1
name: $(basename "$1" .yaml)
source:
  adapter: fhir-bulk
  base_url: $2
  poll_interval: 1
${4:-}
target:
  adapter: ndjson
  path: $3
options: { batch_size: 50 }
PLAN
}
