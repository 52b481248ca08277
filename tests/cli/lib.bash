# Shared helpers for the CLI tests: each test is one short script run by ctest with
# FERRY (the binary) and FERRY_SOURCE_DIR set. Sourced, not run.
set -euo pipefail
: "${FERRY:?FERRY must point at the ferry binary}"
: "${FERRY_SOURCE_DIR:?FERRY_SOURCE_DIR must point at the source tree}"
WORK=$(mktemp -d /tmp/ferry-cli.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
OUT="$WORK/ferry.stdout"  # what the last run_ferry printed
ERR="$WORK/ferry.stderr"

fail() { echo "FAIL: $*" >&2; exit 1; }

# run_ferry EXPECTED_EXIT ARGS... : runs ferry, output in $OUT and $ERR.
run_ferry() {
  local expected=$1; shift
  local status=0
  "$FERRY" "$@" >"$OUT" 2>"$ERR" || status=$?
  if [ "$status" != "$expected" ]; then
    echo "--- stdout"; cat "$OUT"; echo "--- stderr"; cat "$ERR"
    fail "ferry $* exited $status, expected $expected"
  fi
}

# expect_line FILE LINE : FILE has LINE exactly, as a whole line.
expect_line() {
  grep -qxF -- "$2" "$1" || { echo "--- $1"; cat "$1"; fail "missing line: $2"; }
}

# synth_csv N SEED DIR : a synthetic Synthea-layout CSV export in DIR.
synth_csv() { "$FERRY" synth --patients "$1" --seed "$2" --format csv --out "$3" -q; }

# write_plan FILE SOURCE_DIR TARGET_ADAPTER TARGET_PATH : a csv -> target plan.
write_plan() {
  cat >"$1" <<PLAN
version: 1
name: $(basename "$1" .yaml)
source:
  adapter: csv
  path: $2
  mapping: $FERRY_SOURCE_DIR/mappings/synthea-csv.yaml
target:
  adapter: $3
  path: $4
options: { batch_size: 100 }
PLAN
}

# padded_observations FILE COUNT : FILE holds COUNT valid Observations of about 4 KiB each
# (test objects larger than one upload part: 3000 are about 12 MiB).
padded_observations() {
  mkdir -p "$(dirname "$1")"
  python3 - "$1" "$2" <<'PY'
import json, sys
pad = "x" * 4000
with open(sys.argv[1], "w") as f:
    for i in range(int(sys.argv[2])):
        f.write(json.dumps({"resourceType": "Observation", "id": f"obs-{i}", "status": "final",
                            "code": {"text": "padding"}, "valueString": pad}, separators=(",", ":")) + "\n")
PY
}

# expect_same_ndjson DIR BACK : every DIR/*.ndjson is byte-identical in BACK (after a round trip).
expect_same_ndjson() {
  local file
  for file in "$1"/*.ndjson; do cmp "$file" "$2/$(basename "$file")" || fail "$file differs after the round trip"; done
}

# count_ids NDJSON_DIR : "lines distinct" over every *.ndjson in the dir.
count_ids() {
  python3 - "$1" <<'PY'
import json, sys, pathlib
lines, ids = 0, set()
for f in sorted(pathlib.Path(sys.argv[1]).glob("*.ndjson")):
    for line in f.read_text().splitlines():
        r = json.loads(line); lines += 1; ids.add((r["resourceType"], r["id"]))
print(lines, len(ids))
PY
}

# run_with_sigkills PLAN FINAL_EXIT [MAX_KILLS] : runs the plan, SIGKILLs it at a random
# moment (0.02-0.61 s after it starts) and resumes, again and again; after MAX_KILLS kills
# (default 6) the last resume runs to its end, which must exit FINAL_EXIT (a loaded machine
# may never finish a whole run inside the kill window). Sets $kills.
run_with_sigkills() {
  local plan=$1 final=$2 max_kills=${3:-6} pid status
  local args=(run "$plan" -q)
  kills=0
  while true; do
    "$FERRY" "${args[@]}" 2>"$ERR" & pid=$!
    if [ "$kills" -lt "$max_kills" ]; then
      sleep "$(printf '0.%02d' $((RANDOM % 60 + 2)))"  # 0.02-0.61 s: a short run is still hit
      if kill -9 "$pid" 2>/dev/null; then kills=$((kills + 1)); fi
    fi
    status=0; wait "$pid" || status=$?
    args=(run "$plan" -q --resume)
    [ "$status" = "$final" ] && return 0
    [ "$status" = 137 ] || { cat "$ERR"; fail "run exited $status"; }
  done
}
