#!/usr/bin/env bash
# A local ndjson target with file limits: each type's resources roll over into numbered
# parts (`Patient.000001.ndjson`, `Patient.000002.ndjson`...), one type per file, none past
# max_file_resources / max_file_bytes; manifest.json lists every part with its count;
# `ferry verify` exits 0; and reading the parts back through the ndjson source gives
# exactly the original files.
source "$(dirname "$0")/lib.bash"
source "$FERRY_SOURCE_DIR/tests/cli/ndjson_layout_lib.bash"
"$FERRY" synth --patients 40 --seed 5 --format fhir --out syn -q

plan() {  # plan FILE SOURCE TARGET [EXTRA YAML LINES]
  printf 'version: 1\nname: %s\nsource: { adapter: ndjson, path: %s }\ntarget:\n  adapter: ndjson\n  path: %s\n%s\n' \
    "$(basename "$1" .yaml)" "$2" "$3" "${4:-}" >"$1"
}

# By resource count, with the azure preset (which sets no maximum of its own).
plan count.yaml syn/fhir by-count "  layout: azure
  max_file_resources: 60"
run_ferry 0 run count.yaml
read -r files types < <(check_parts by-count 60 0)
[ "$files" -gt "$types" ] || fail "nothing rolled over: $files files for $types types"
[ -f by-count/Observation.000002.ndjson ] || fail "Observation did not roll over"
[ ! -e by-count/Observation.ndjson ] || fail "an unnumbered file beside the parts"
run_ferry 0 verify count.yaml
expect_line "$ERR" "ferry: verify: source and target match"
same_per_type syn/fhir by-count || fail "the parts do not add up to the source files"

# By bytes, with the healthlake preset's maximum overridden by a small one.
plan bytes.yaml syn/fhir by-bytes "  layout: healthlake
  max_file_bytes: 40000"
run_ferry 0 run bytes.yaml
read -r files types < <(check_parts by-bytes 0 40000)
[ "$files" -gt "$types" ] || fail "nothing rolled over by bytes"
run_ferry 0 verify bytes.yaml
same_per_type syn/fhir by-bytes || fail "the byte-limited parts do not add up to the source files"

# Round trip: the parts read back through the ndjson source into one file per type.
plan back.yaml by-count back
run_ferry 0 run back.yaml
run_ferry 0 verify back.yaml
expect_same_ndjson syn/fhir back
echo "by count: $(ls by-count/*.ndjson | wc -l) files; by bytes: $(ls by-bytes/*.ndjson | wc -l) files"
