#!/usr/bin/env bash
# Writing, verifying and restoring an archive stream: peak memory stays far below the size
# of the data (160 MB of NDJSON here, 48 MiB allowed).
source "$(dirname "$0")/lib.bash"
: "${FERRY_ARCHIVE_TOOL:?FERRY_ARCHIVE_TOOL must point at ferry_archive_tool}"
command -v age-keygen >/dev/null || fail "age-keygen is not installed (scripts/setup installs it)"
mkdir data
python3 - data/Observation.ndjson <<'PY'
import sys
with open(sys.argv[1], "w") as out:
    for i in range(1_000_000):  # ~160 MB
        out.write(f'{{"resourceType":"Observation","id":"obs-{i:07d}","status":"final","valueQuantity":{{"value":{i % 997}.{i % 13},"unit":"mg/dL"}},"subject":{{"reference":"Patient/{i % 5000}"}}}}\n')
PY
age-keygen -o key.txt 2>/dev/null

# peak_rss_mib COMMAND... : runs COMMAND (which must succeed) and prints its peak RSS in MiB.
peak_rss_mib() {
  python3 - "$@" <<'PY'
import os, subprocess, sys
proc = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL)
_, status, usage = os.wait4(proc.pid, 0)
if os.waitstatus_to_exitcode(status) != 0:
    sys.exit(f"{sys.argv[1:]} failed")
print(usage.ru_maxrss // 1024)
PY
}

for step in "encrypt-dir data escrow.age -r $(age-keygen -y key.txt)" "verify escrow.age -i key.txt" \
            "decrypt escrow.age restored -i key.txt"; do
  # shellcheck disable=SC2086
  rss=$(peak_rss_mib "$FERRY_ARCHIVE_TOOL" $step) || fail "$step failed"
  [ "$rss" -lt 48 ] || fail "${step%% *} peaked at $rss MiB for 160 MB of data"
done
cmp data/Observation.ndjson restored/Observation.ndjson || fail "restored file differs"
