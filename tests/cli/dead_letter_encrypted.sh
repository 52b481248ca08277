#!/usr/bin/env bash
# `dead_letter: { encrypt_to: [age1...] }`: the dead-letter is written as age files only.
# Traced with strace, no write of the run (to any file, pipe or terminal) holds a byte of the
# failed records in clear; `age -d` opens every segment, and together they are byte for byte
# the plain dead-letter file of the same run, also after --limit or kill -9 and --resume.
source "$(dirname "$0")/lib.bash"
for tool in age age-keygen strace; do
  command -v "$tool" >/dev/null || fail "$tool is not installed (scripts/setup installs it)"
done
synth_csv 40 9 clinic
python3 - clinic/csv/patients.csv <<'PY'
import csv, sys
path = sys.argv[1]
rows = list(csv.DictReader(open(path, newline="")))
fields = list(rows[0].keys())
for i in range(0, len(rows), 4):   # every fourth patient fails mapping, with canaries
    rows[i]["FIRST"], rows[i]["SSN"], rows[i]["BIRTHDATE"] = f"Zqbadfirst{i}", f"999-ZQ-{i}", f"ZQDATE{i}"
with open(path, "w", newline="") as f:
    w = csv.DictWriter(f, fieldnames=fields, lineterminator="\r\n")
    w.writeheader(); w.writerows(rows)
PY
age-keygen -o key.txt 2>/dev/null
# plan NAME DEAD_LETTER : a csv -> sqlite plan with that dead_letter value.
plan() {
  write_plan "$1.yaml" clinic/csv sqlite "$1.db"
  echo "dead_letter: $2" >>"$1.yaml"
}
plan plain "plain.dead.ndjson"
run_ferry 1 run plain.yaml -q
grep -q Zqbadfirst plain.dead.ndjson || fail "the plain dead-letter file lacks the failed records"

plan enc "{ path: enc.dead, encrypt_to: [$(age-keygen -y key.txt)] }"
status=0
strace -f -qq -e trace=write,writev,pwrite64,pwritev -e signal=none -s 4000000 -o trace.txt \
  "$FERRY" run enc.yaml -vv >run.out 2>run.err || status=$?
[ "$status" = 1 ] || { cat run.err; fail "the encrypted run exited $status, expected 1"; }
[ "$(grep -c 'write' trace.txt)" -gt 20 ] || fail "strace saw too few writes"
if grep -n -i -F -e zqbadfirst -e 999-zq -e zqdate trace.txt | head -3 | cut -c1-200 | grep .; then
  fail "a failed record was written in clear"
fi
[ -d enc.dead ] && [ "$(stat -c %a enc.dead)" = 700 ] || fail "enc.dead is not a directory of mode 700"
for f in enc.dead/*; do
  case "$f" in enc.dead/[0-9][0-9][0-9][0-9][0-9][0-9].ndjson.age) ;; *) fail "unexpected file $f";; esac
  [ "$(stat -c %a "$f")" = 600 ] || fail "$f is not mode 600"
done
# replay KEY DIR : the segments of DIR decrypted and joined.
replay() { for f in "$2"/*.ndjson.age; do age -d -i "$1" "$f"; done; }
replay key.txt enc.dead >enc.ndjson
cmp plain.dead.ndjson enc.ndjson || fail "the decrypted dead-letter differs from the plain one"

# Stopped by --limit, then left with a later segment and a half-written one as a crash
# leaves them: --resume removes both and ends with the same lines, once each.
plan resumed "{ path: resumed.dead, encrypt_to: [$(age-keygen -y key.txt)] }"
sed -i 's/batch_size: 100/batch_size: 10/' resumed.yaml
"$FERRY" run resumed.yaml -q --limit 300 >/dev/null 2>&1 || true
ls resumed.dead/000000.ndjson.age >/dev/null || fail "no segment after the first 300 records"
cp resumed.dead/000000.ndjson.age resumed.dead/000077.ndjson.age
echo partial >resumed.dead/.000078.ndjson.age.partial.AbCdEf
run_ferry 1 run resumed.yaml -q --resume
[ ! -e resumed.dead/000077.ndjson.age ] || fail "a segment past the committed ones was kept"
[ ! -e resumed.dead/.000078.ndjson.age.partial.AbCdEf ] || fail "a half-written segment was kept"
replay key.txt resumed.dead >resumed.ndjson
cmp plain.dead.ndjson resumed.ndjson || fail "after --limit and --resume, the decrypted dead-letter differs"

# Killed (kill -9) at a random moment, then resumed: the same again.
plan killed "{ path: killed.dead, encrypt_to: [$(age-keygen -y key.txt)] }"
sed -i 's/batch_size: 100/batch_size: 10/' killed.yaml
"$FERRY" run killed.yaml -q 2>/dev/null & pid=$!
sleep "0.$((RANDOM % 9 + 1))"
kill -9 "$pid" 2>/dev/null || true
wait "$pid" 2>/dev/null || true
run_ferry 1 run killed.yaml -q --resume
replay key.txt killed.dead >killed.ndjson
cmp plain.dead.ndjson killed.ndjson || fail "after kill -9 and --resume, the decrypted dead-letter differs"

# Bad recipients are a plan error before anything runs.
plan bad "{ encrypt_to: [age1notakey] }"
run_ferry 2 run bad.yaml -q
[ ! -e .ferry/bad.dead.age.d ] || fail "a dead-letter directory was created for bad recipients"
