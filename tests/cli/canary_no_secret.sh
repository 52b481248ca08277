#!/usr/bin/env bash
# Acceptance: every output stream and file of a full run carries neither a planted field
# value nor a secret. The plan holds three secrets (an archive passphrase from a file, the
# log hash key and the de-identification key from the environment); canary values are
# planted in good and bad rows. Searched: stdout and stderr of validate, plan, run (-v and
# -vv, text and JSON logs), a dry run, verify, ferry archive verify|list, errors from a
# plan with an inline secret and from a missing secret file; the JSON, JUnit and Markdown
# reports; the state file. Only the target (encrypted, de-identified) and the dead-letter
# file may hold record content.
source "$(dirname "$0")/lib.bash"
synth_csv 25 6 clinic
python3 - clinic/csv/patients.csv <<'PY'
import csv, sys
path = sys.argv[1]
rows = list(csv.DictReader(open(path, newline="")))
fields = list(rows[0].keys())
for i, row in enumerate(rows[:4]):
    row["FIRST"], row["LAST"] = f"Zqfirst{i}", f"Zqlast{i}"
    row["SSN"], row["ADDRESS"] = f"999-ZQ-{i}", f"{i} Zqcanary Street"
rows[1]["BIRTHDATE"] = "ZQDATE"      # fails mapping: not a date
rows[2]["GENDER"] = "ZQGENDER"       # fails mapping or validation
with open(path, "w", newline="") as f:
    w = csv.DictWriter(f, fieldnames=fields, lineterminator="\r\n")
    w.writeheader(); w.writerows(rows)
PY
printf '%s\n' 'Zq-passphrase-7f3a9c' >pass.txt
chmod 600 pass.txt
export FERRY_HASH_SECRET='Zq-hash-key-51d0e2b8'
export FERRY_DEID_SECRET='Zq-deid-key-0a9e4c77d1f2'
cat >plan.yaml <<PLAN
version: 1
source:
  adapter: csv
  path: clinic/csv
  mapping: $FERRY_SOURCE_DIR/mappings/synthea-csv.yaml
target:
  adapter: archive
  path: escrow.age
  passphrase: file:pass.txt
transforms:
  - deidentify: { profile: safe-harbor, key: env:FERRY_DEID_SECRET }
options: { batch_size: 50, hash_key: env:FERRY_HASH_SECRET }
PLAN
# Mistakes: an inline secret, a secret file that is missing.
sed 's|key: env:FERRY_DEID_SECRET|key: Zq-inline-deid-secret-99|' plan.yaml >inline.yaml
sed 's|file:pass.txt|file:missing.txt|' plan.yaml >missing.yaml
sed 's|escrow.age|escrow2.age|' plan.yaml >json.yaml

outputs=()
capture() { local name=$1; shift; "$FERRY" "$@" >"$name.out" 2>"$name.err" || true; outputs+=("$name.out" "$name.err"); }
capture validate validate plan.yaml -v
capture plan plan plan.yaml -vv
capture dry run plan.yaml --dry-run -vv --junit junit-dry.xml
capture run run plan.yaml -vv --report report.json --junit junit.xml --summary-md summary.md
capture verify verify plan.yaml -vv --log-format json
capture json run json.yaml -vv --log-format json --report report2.json
capture archive_verify archive verify escrow.age --passphrase-env FERRY_PASS -v
capture archive_list archive list escrow.age --passphrase-env FERRY_PASS -v
capture inline validate inline.yaml -v
capture inline_run run inline.yaml -vv
capture missing run missing.yaml -vv
FERRY_PASS='Zq-passphrase-7f3a9c' capture archive_verify2 archive verify escrow.age --passphrase-env FERRY_PASS -v

grep -q "dead-lettered" run.err || fail "the bad rows were not dead-lettered: $(cat run.err)"
grep -q "inline secret in 'key' of deidentify" inline.err || fail "the inline secret was not refused: $(cat inline.err)"
grep -q "missing.txt" missing.err || fail "the missing secret file was not reported"
grep -q "^ok: " archive_verify2.out || fail "the archive does not open with its passphrase"
strings .ferry/plan.state.db .ferry/json.state.db >state.txt
secrets=('Zq-passphrase-7f3a9c' "$FERRY_HASH_SECRET" "$FERRY_DEID_SECRET" 'Zq-inline-deid-secret-99')
for file in "${outputs[@]}" report.json report2.json junit.xml junit-dry.xml summary.md state.txt; do
  [ -f "$file" ] || fail "missing output $file"
  if grep -a -n -i 'zqfirst\|zqlast\|999-zq\|zqcanary\|zqdate\|zqgender' "$file"; then fail "a planted value leaked into $file"; fi
  for secret in "${secrets[@]}"; do
    if grep -a -n -F -- "$secret" "$file"; then fail "a secret leaked into $file"; fi
  done
done
# The archive itself is encrypted and de-identified: neither canary nor secret in clear.
if grep -a -i -q 'zqfirst\|zqlast' escrow.age; then fail "a planted value is in clear in the archive"; fi
[ ! -e escrow.age.staging ] || fail "the plaintext staging directory is left"
grep -qi 'zqfirst' .ferry/plan.dead.ndjson || fail "the dead-letter file should keep the failed records"
