#!/usr/bin/env bash
# An archive Ferry writes to an age-keygen recipient opens with the standard tools
# (age -d | zstd -d | tar -x) and gives the NDJSON back byte for byte, with a manifest
# whose SHA-256 and counts match.
source "$(dirname "$0")/lib.bash"
: "${FERRY_ARCHIVE_TOOL:?FERRY_ARCHIVE_TOOL must point at ferry_archive_tool}"
for tool in age age-keygen zstd tar; do
  command -v "$tool" >/dev/null || fail "$tool is not installed (scripts/setup installs it)"
done
"$FERRY" synth --patients 30 --seed 7 --format fhir --out synth -q
age-keygen -o key.txt 2>/dev/null
recipient=$(age-keygen -y key.txt)

"$FERRY_ARCHIVE_TOOL" encrypt-dir synth/fhir escrow.age -r "$recipient" >out.txt 2>err.txt ||
  fail "encrypt-dir failed: $(cat err.txt)"
[ "$(stat -c %a escrow.age)" = 600 ] || fail "escrow.age is not mode 600"
head -c 22 escrow.age | grep -qx 'age-encryption.org/v1' || fail "not an age v1 file"

mkdir restored
age -d -i key.txt escrow.age | zstd -d | tar -x -C restored
for f in synth/fhir/*.ndjson; do
  cmp "$f" "restored/$(basename "$f")" || fail "$(basename "$f") differs after age -d | zstd -d | tar -x"
done
python3 - restored <<'PY' || fail "manifest.json does not describe the files"
import hashlib, json, pathlib, sys
root = pathlib.Path(sys.argv[1])
manifest = json.loads((root / "manifest.json").read_text())
names = sorted(p.name for p in root.glob("*.ndjson"))
assert sorted(o["url"] for o in manifest["output"]) == names, names
for o in manifest["output"]:
    data = (root / o["url"]).read_bytes()
    assert o["sha256"] == hashlib.sha256(data).hexdigest(), o["url"]
    assert o["bytes"] == len(data) and o["count"] == data.count(b"\n"), o["url"]
    assert o["type"] + ".ndjson" == o["url"]
PY
"$FERRY_ARCHIVE_TOOL" verify escrow.age -i key.txt >verify.txt || fail "verify failed: $(cat verify.txt)"
expect_line verify.txt "ok: $(ls synth/fhir/*.ndjson | wc -l) files, $(cat synth/fhir/*.ndjson | wc -l) resources"
