#!/usr/bin/env bash
# The reverse: an archive made with the standard tools (tar -c | zstd | age -r) is read
# back by Ferry, byte for byte, whether tar wrote GNU format with a "./" entry or pax.
source "$(dirname "$0")/lib.bash"
: "${FERRY_ARCHIVE_TOOL:?FERRY_ARCHIVE_TOOL must point at ferry_archive_tool}"
for tool in age age-keygen zstd tar; do
  command -v "$tool" >/dev/null || fail "$tool is not installed (scripts/setup installs it)"
done
"$FERRY" synth --patients 30 --seed 8 --format fhir --out synth -q
mkdir data
cp synth/fhir/*.ndjson data/
# The escrow manifest: each file's type, count, size and SHA-256.
python3 - data >data/manifest.json <<'PY'
import hashlib, json, pathlib, sys
root = pathlib.Path(sys.argv[1])
output = []
for p in sorted(root.glob("*.ndjson")):
    data = p.read_bytes()
    output.append({"type": p.stem, "url": p.name, "count": data.count(b"\n"), "bytes": len(data),
                   "sha256": hashlib.sha256(data).hexdigest()})
print(json.dumps({"transactionTime": "2024-01-01T00:00:00Z", "request": "tar", "output": output, "error": []}))
PY
age-keygen -o key.txt 2>/dev/null
recipient=$(age-keygen -y key.txt)

tar -C data -cf - . | zstd -q | age -r "$recipient" >gnu.age
tar -C data --format=pax -cf - . | zstd -q | age -r "$recipient" >pax.age
for archive in gnu pax; do
  "$FERRY_ARCHIVE_TOOL" decrypt "$archive.age" "$archive" -i key.txt >out.txt 2>err.txt ||
    fail "decrypt $archive.age failed: $(cat err.txt)"
  for f in data/*; do
    cmp "$f" "$archive/$(basename "$f")" || fail "$archive: $(basename "$f") differs"
  done
  [ "$(ls "$archive" | wc -l)" = "$(ls data | wc -l)" ] || fail "$archive: extra files restored"
done

# Files that differ from the manifest: exit 4, one line, nothing restored.
sed -i 's/"count": \([0-9]*\)/"count": 1\1/g' data/manifest.json
tar -C data -cf - . | zstd -q | age -r "$recipient" >lying.age
status=0
"$FERRY_ARCHIVE_TOOL" decrypt lying.age lying -i key.txt >out.txt 2>err.txt || status=$?
[ "$status" = 4 ] || fail "decrypt of an archive with a wrong manifest exited $status, expected 4"
first=$(ls data/*.ndjson | head -1 | xargs basename)
count=$(wc -l <"data/$first")
expect_line err.txt "ferry_archive_tool: archive does not match its manifest: $first: $count resources, the manifest says 1$count (and $(($(ls data/*.ndjson | wc -l) - 1)) more)"
[ ! -e lying ] || fail "a restore that did not match its manifest left a directory"
