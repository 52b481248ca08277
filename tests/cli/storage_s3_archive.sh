#!/usr/bin/env bash
# The archive target on S3 (Ceph RGW): the encrypted escrow archive is written locally
# (plaintext staging private, removed at the end), uploaded as one object, and the local
# copy removed; `ferry verify` downloads and decrypts it and exits 0; a fresh run never
# writes over the object (exit 2).
source "$(dirname "$0")/lib.bash"
source "$FERRY_SOURCE_DIR/tests/cli/storage_lib.bash"
start_ceph
make_bucket escrow-bucket
"$FERRY" synth --patients 15 --seed 8 --format fhir --out syn -q
export ARCHIVE_PASSPHRASE=correct-horse-battery-staple
cat >escrow.yaml <<PLAN
version: 1
name: escrow
source: { adapter: ndjson, path: syn/fhir }
target:
  adapter: archive
  path: s3://escrow-bucket/escrow/2024.age
  passphrase: env:ARCHIVE_PASSPHRASE
  endpoint: $S3_ENDPOINT
  access_key_id: env:S3_KEY
  secret_access_key: env:S3_SECRET
PLAN
run_ferry 0 run escrow.yaml
[ "$(s3_keys escrow-bucket escrow/)" = "escrow/2024.age" ] || fail "objects: $(s3_keys escrow-bucket escrow/)"
[ -z "$(find .ferry/staging -type f 2>/dev/null)" ] || fail "left behind: $(find .ferry/staging -type f)"
run_ferry 0 verify escrow.yaml
expect_line "$ERR" "ferry: verify: source and target match"
s3 GET /escrow-bucket/escrow/2024.age "" -o downloaded.age >/dev/null
head -c 21 downloaded.age | grep -q '^age-encryption.org/v1' || fail "the object is not an age file"

rm -rf .ferry/escrow.state.db*
run_ferry 2 run escrow.yaml
expect_line "$ERR" "ferry: error: escrow.yaml:5:3: S3 s3://escrow-bucket/escrow/2024.age exists already; set \`path\` to a new object"
