#!/usr/bin/env bash
# The `archive` target: a csv -> archive run writes an encrypted escrow archive that
# `ferry verify`, `ferry archive verify|list` and the standard tools (age -d | zstd -d |
# tar -x) all read, with the same NDJSON a csv -> ndjson run writes; the plaintext staging
# directory is gone afterwards.
source "$(dirname "$0")/lib.bash"
for tool in age age-keygen zstd tar; do
  command -v "$tool" >/dev/null || fail "$tool is not installed (scripts/setup installs it)"
done
synth_csv 20 5 clinic

# archive_plan FILE TARGET_PATH KEY_LINE : a csv -> archive plan.
archive_plan() {
  cat >"$1" <<PLAN
version: 1
name: $(basename "$1" .yaml)
source:
  adapter: csv
  path: clinic/csv
  mapping: $FERRY_SOURCE_DIR/mappings/synthea-csv.yaml
target:
  adapter: archive
  path: $2
  $3
options: { batch_size: 100 }
PLAN
}

# Reference: the NDJSON a csv -> ndjson run writes.
write_plan ndjson.yaml clinic/csv ndjson ref
run_ferry 0 run ndjson.yaml -q

# Passphrase: ferry verify reads the archive back; ferry archive verify and list open it.
export FERRY_TEST_PASS='correct horse battery staple'
archive_plan pass.yaml out.age 'passphrase: env:FERRY_TEST_PASS'
run_ferry 0 run pass.yaml -q
[ -f out.age ] || fail "out.age was not written"
[ ! -e out.age.staging ] || fail "the staging directory out.age.staging is left after the run"
run_ferry 0 verify pass.yaml -q
run_ferry 2 run pass.yaml -q  # a finished archive is never appended to
[ ! -e out.age.staging ] || fail "a rerun left the staging directory out.age.staging"
run_ferry 0 archive verify out.age --passphrase-env FERRY_TEST_PASS
expect_line "$OUT" "ok: $(ls ref/*.ndjson | wc -l) files, $(cat ref/*.ndjson | wc -l) resources"
! grep -rqF "$FERRY_TEST_PASS" "$OUT" "$ERR" || fail "the passphrase was printed"
run_ferry 0 archive list out.age --passphrase-env FERRY_TEST_PASS
expect_line "$OUT" "Patient.ndjson	$(stat -c %s ref/Patient.ndjson)"
grep -q '^manifest.json	' "$OUT" || fail "manifest.json is not listed"
ls out.age.verify.* >/dev/null 2>&1 && fail "ferry verify left its temporary directory"
FERRY_TEST_PASS=wrong run_ferry 3 archive verify out.age --passphrase-env FERRY_TEST_PASS
run_ferry 2 archive verify out.age

# Recipient: the standard tools open it and give the reference NDJSON byte for byte.
age-keygen -o key.txt 2>/dev/null
archive_plan recipient.yaml escrow.age "recipients: [$(age-keygen -y key.txt)]"
run_ferry 0 run recipient.yaml -q
[ ! -e escrow.age.staging ] || fail "the staging directory escrow.age.staging is left after the run"
[ "$(stat -c %a escrow.age)" = 600 ] || fail "escrow.age is not mode 600"
mkdir restored
age -d -i key.txt escrow.age | zstd -d | tar -x -C restored
for f in ref/*.ndjson; do
  cmp "$f" "restored/$(basename "$f")" || fail "$(basename "$f") differs from the csv -> ndjson run"
done
[ "$(ls restored/*.ndjson | wc -l)" = "$(ls ref/*.ndjson | wc -l)" ] || fail "the archive holds other NDJSON files"
run_ferry 0 archive verify escrow.age --identity key.txt
run_ferry 2 verify recipient.yaml -q
grep -qF 'ferry archive verify --identity FILE' "$ERR" || fail "ferry verify does not say how to check a recipients archive"

# Exactly one of recipients / recipients_file / passphrase.
archive_plan both.yaml both.age "recipients: [$(age-keygen -y key.txt)]
  passphrase: env:FERRY_TEST_PASS"
run_ferry 2 run both.yaml -q
[ ! -e both.age ] || fail "both.age was written despite the plan error"
