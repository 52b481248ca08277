#!/usr/bin/env bash
# A wrong key, a truncated archive, a changed byte and a file that is not age each end
# with exit 3 and one clear line, and leave nothing behind that looks like a good result.
source "$(dirname "$0")/lib.bash"
: "${FERRY_ARCHIVE_TOOL:?FERRY_ARCHIVE_TOOL must point at ferry_archive_tool}"
command -v age-keygen >/dev/null || fail "age-keygen is not installed (scripts/setup installs it)"
"$FERRY" synth --patients 60 --seed 10 --format fhir --out synth -q
age-keygen -o key.txt 2>/dev/null
age-keygen -o other.txt 2>/dev/null
"$FERRY_ARCHIVE_TOOL" encrypt-dir synth/fhir escrow.age -r "$(age-keygen -y key.txt)" >/dev/null

# damaged COMMAND : a copy of escrow.age changed by a python expression over `data`, `payload`
# (where the first chunk starts) and `chunk` (the size of a sealed 64 KiB chunk).
damaged() {
  python3 - "$1" <<'PY'
import sys
data = bytearray(open("escrow.age", "rb").read())
header_end = data.index(b"\n", data.index(b"\n--- ") + 1) + 1
payload, chunk = header_end + 16, 65536 + 16
assert len(data) > payload + 2 * chunk, "the archive should have three chunks or more"
exec(sys.argv[1])
sys.stdout.buffer.write(data)
PY
}

# expect_failure ARCHIVE KEY_FILE LINE : decrypt and verify fail with exit 3 and LINE, and no
# restored directory (or half-written one) is left.
expect_failure() {
  for command in decrypt verify; do
    local status=0
    if [ "$command" = decrypt ]; then
      "$FERRY_ARCHIVE_TOOL" decrypt "$1" restored -i "$2" >out.txt 2>err.txt || status=$?
    else
      "$FERRY_ARCHIVE_TOOL" verify "$1" -i "$2" >out.txt 2>err.txt || status=$?
    fi
    [ "$status" = 3 ] || fail "$command $1 exited $status, expected 3: $(cat err.txt)"
    expect_line err.txt "ferry_archive_tool: $3"
    [ "$(wc -l <err.txt)" = 1 ] || fail "$command $1 printed more than one line"
    [ ! -s out.txt ] || fail "$command $1 printed to stdout"
  done
  [ -z "$(ls -A | grep -E '^(restored|\.restored)')" ] || fail "$1 left a restored directory: $(ls -A)"
}

# last_chunk FILE : the index of the last (possibly partial) chunk of an age file.
last_chunk() {
  python3 - "$1" <<'PY'
import sys
data = open(sys.argv[1], "rb").read()
header_end = data.index(b"\n", data.index(b"\n--- ") + 1) + 1
print((len(data) - header_end - 16 - 1) // 65552)
PY
}

expect_failure escrow.age other.txt "no identity matches any recipient of the archive"
damaged 'del data[payload + chunk:]' >cut_at_chunk.age
expect_failure cut_at_chunk.age key.txt "archive is truncated: the last chunk is missing"
damaged 'del data[-100:]' >cut_short.age
expect_failure cut_short.age key.txt "archive is corrupted or truncated: chunk $(last_chunk cut_short.age) failed authentication"
damaged 'del data[header_end - 20:]' >cut_header.age
expect_failure cut_header.age key.txt "archive is truncated: the header ends before its MAC line"
damaged 'data[payload + chunk + 100] ^= 0x10' >flipped_chunk.age
expect_failure flipped_chunk.age key.txt "archive is corrupted: chunk 1 failed authentication"
damaged 'data[header_end - 10] = ord("A") if data[header_end - 10] != ord("A") else ord("B")' >flipped_mac.age
expect_failure flipped_mac.age key.txt "header MAC mismatch: the archive header was modified"
cp synth/fhir/Patient.ndjson not_age.age
expect_failure not_age.age key.txt "not an age archive: the file does not start with the line age-encryption.org/v1"

# A bad recipient is a usage error (exit 2) and leaves no archive, not even a temporary one.
status=0
"$FERRY_ARCHIVE_TOOL" encrypt-dir synth/fhir bad.age -r age1nope >out.txt 2>err.txt || status=$?
[ "$status" = 2 ] || fail "encrypt-dir with a bad recipient exited $status, expected 2"
expect_line err.txt "ferry_archive_tool: age recipient 1, line 1: not an age recipient: it has no Bech32 separator '1' and checksum"
[ -z "$(ls -A | grep bad.age)" ] || fail "a failed encrypt-dir left a file: $(ls -A)"
