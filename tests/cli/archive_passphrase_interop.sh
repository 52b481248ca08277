#!/usr/bin/env bash
# Passphrase archives work both ways with age. age reads passphrases only from a terminal,
# so `script` gives it one and types the passphrase; Ferry takes it from an environment
# variable.
source "$(dirname "$0")/lib.bash"
: "${FERRY_ARCHIVE_TOOL:?FERRY_ARCHIVE_TOOL must point at ferry_archive_tool}"
for tool in age zstd tar script; do
  command -v "$tool" >/dev/null || fail "$tool is not installed (scripts/setup installs it)"
done
"$FERRY" synth --patients 10 --seed 9 --format fhir --out synth -q
export ESCROW_PASSPHRASE='correct horse battery staple'

# Ferry -> age -d (the default work factor, 2^18, as age -p uses).
"$FERRY_ARCHIVE_TOOL" encrypt-dir synth/fhir escrow.age --passphrase-env ESCROW_PASSPHRASE >/dev/null
head -2 escrow.age | tail -1 | grep -Eq '^-> scrypt [A-Za-z0-9+/]{22} 18$' || fail "no scrypt stanza with work factor 18"
printf '%s\n' "$ESCROW_PASSPHRASE" | script -qec "age -d -o escrow.tar.zst escrow.age" /dev/null >/dev/null
mkdir restored
zstd -dq escrow.tar.zst -c | tar -x -C restored
for f in synth/fhir/*.ndjson; do
  cmp "$f" "restored/$(basename "$f")" || fail "$(basename "$f") differs after age -d with the passphrase"
done

# age -p -> Ferry.
cp restored/manifest.json synth/fhir/manifest.json  # the escrow manifest, with SHA-256s
tar -C synth/fhir -cf plain.tar . && zstd -q plain.tar -o plain.tar.zst
printf '%s\n%s\n' "$ESCROW_PASSPHRASE" "$ESCROW_PASSPHRASE" | script -qec "age -p -o byage.age plain.tar.zst" /dev/null >/dev/null
"$FERRY_ARCHIVE_TOOL" decrypt byage.age back --passphrase-env ESCROW_PASSPHRASE >out.txt 2>err.txt ||
  fail "decrypt of age -p output failed: $(cat err.txt)"
for f in synth/fhir/*.ndjson; do
  cmp "$f" "back/$(basename "$f")" || fail "$(basename "$f") differs after age -p"
done
ESCROW_PASSPHRASE=wrong "$FERRY_ARCHIVE_TOOL" decrypt byage.age nope --passphrase-env ESCROW_PASSPHRASE 2>err.txt && fail "a wrong passphrase opened the archive"
expect_line err.txt "ferry_archive_tool: wrong passphrase: it does not open this archive"
[ ! -e nope ] || fail "a failed restore left a directory"
