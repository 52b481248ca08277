#!/usr/bin/env bash
# The `archive` source: ndjson -> archive -> ndjson gives back the NDJSON byte for byte and
# `ferry verify` agrees, also through --limit or kill -9 and --resume; an archive made by
# `tar | zstd | age -r` reads back the same way; a wrong key, a truncated archive and a
# flipped byte each end the run (exit 3, one clear line) before any record reaches the target.
source "$(dirname "$0")/lib.bash"
for tool in age age-keygen zstd tar; do
  command -v "$tool" >/dev/null || fail "$tool is not installed (scripts/setup installs it)"
done
"$FERRY" synth --patients 40 --seed 12 --format fhir --out synth -q
age-keygen -o key.txt 2>/dev/null
age-keygen -o other.txt 2>/dev/null
chmod 600 key.txt other.txt

cat >to_archive.yaml <<PLAN
version: 1
source: { adapter: ndjson, path: synth/fhir }
target: { adapter: archive, path: escrow.age, recipients: [$(age-keygen -y key.txt)] }
PLAN
run_ferry 0 run to_archive.yaml -q

# from_archive NAME ARCHIVE KEY_FILE : a plan reading ARCHIVE into the NDJSON folder NAME.
from_archive() {
  cat >"$1.yaml" <<PLAN
version: 1
source: { adapter: archive, path: $2, identity: "file:$3" }
target: { adapter: ndjson, path: $1 }
options: { batch_size: 50 }
PLAN
}

# same_ndjson DIR : DIR holds exactly synth/fhir's NDJSON files, byte for byte.
same_ndjson() {
  for f in synth/fhir/*.ndjson; do
    cmp "$f" "$1/$(basename "$f")" || fail "$1/$(basename "$f") differs from the input"
  done
  [ "$(ls "$1"/*.ndjson | wc -l)" = "$(ls synth/fhir/*.ndjson | wc -l)" ] || fail "$1 holds other NDJSON files"
}

from_archive back escrow.age key.txt
run_ferry 0 run back.yaml -q
same_ndjson back
run_ferry 0 verify back.yaml -q

# Stopped by --limit inside a file, or killed (kill -9) at a random moment, then resumed:
# the cursor (entry, line) resumes exactly.
from_archive limited escrow.age key.txt
run_ferry 0 run limited.yaml -q --limit 230
run_ferry 0 run limited.yaml -q --resume
same_ndjson limited
from_archive killed escrow.age key.txt
sed -i 's/batch_size: 50/batch_size: 20/' killed.yaml
"$FERRY" run killed.yaml -q 2>/dev/null & pid=$!
sleep "0.$((RANDOM % 9 + 1))"
kill -9 "$pid" 2>/dev/null || true
wait "$pid" 2>/dev/null || true
run_ferry 0 run killed.yaml -q --resume
same_ndjson killed

# The reverse of interop: the standard tools' archive, with its manifest, reads back.
python3 - synth/fhir >manifest.json <<'PY'
import hashlib, json, pathlib, sys
output = []
for p in sorted(pathlib.Path(sys.argv[1]).glob("*.ndjson")):
    data = p.read_bytes()
    output.append({"type": p.stem, "url": p.name, "count": data.count(b"\n"), "bytes": len(data),
                   "sha256": hashlib.sha256(data).hexdigest()})
print(json.dumps({"transactionTime": "2024-01-01T00:00:00Z", "request": "tar", "output": output, "error": []}))
PY
mkdir tools_in && cp synth/fhir/*.ndjson manifest.json tools_in/
tar -C tools_in -cf - . | zstd -q | age -r "$(age-keygen -y key.txt)" >tools.age
from_archive tools_back tools.age key.txt
run_ferry 0 run tools_back.yaml -q
same_ndjson tools_back

# damaged EXPR OUT : a copy of escrow.age changed by a python statement over `data` and
# `payload` (where the first chunk starts).
damaged() {
  python3 - "$1" >"$2" <<'PY'
import sys
data = bytearray(open("escrow.age", "rb").read())
header_end = data.index(b"\n", data.index(b"\n--- ") + 1) + 1
payload = header_end + 16
exec(sys.argv[1])
sys.stdout.buffer.write(data)
PY
}

# expect_refused NAME ARCHIVE KEY REGEX : reading ARCHIVE exits 3, its error line matches
# REGEX, and no record reached the target.
expect_refused() {
  from_archive "$1" "$2" "$3"
  run_ferry 3 run "$1.yaml" -q
  grep -qxE -- "$4" "$ERR" || { cat "$ERR"; fail "$1: no error line matching: $4"; }
  if ls "$1"/*.ndjson >/dev/null 2>&1 && [ -n "$(cat "$1"/*.ndjson)" ]; then fail "$1: records reached the target"; fi
}
expect_refused wrong escrow.age other.txt "ferry: error: no identity matches any recipient of the archive"
damaged 'del data[-100:]' cut.age
expect_refused cut cut.age key.txt "ferry: error: archive is corrupted or truncated: chunk [0-9]+ failed authentication"
damaged 'del data[payload + 65552:]' cut_at_chunk.age
expect_refused cut_at_chunk cut_at_chunk.age key.txt "ferry: error: archive is truncated: the last chunk is missing"
damaged 'data[len(data) // 2] ^= 1' flipped.age
expect_refused flipped flipped.age key.txt "ferry: error: archive is corrupted: chunk [0-9]+ failed authentication"
