#!/usr/bin/env bash
# The archive source streams: a run reading an archive ten times larger (300,000 resources,
# about 60 MB of NDJSON) peaks at about the same memory as the small one.
source "$(dirname "$0")/lib.bash"
: "${FERRY_ARCHIVE_TOOL:?FERRY_ARCHIVE_TOOL must point at ferry_archive_tool}"
command -v age-keygen >/dev/null || fail "age-keygen is not installed (scripts/setup installs it)"
age-keygen -o key.txt 2>/dev/null
chmod 600 key.txt

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

for n in 30000 300000; do
  mkdir "data$n"
  python3 - "data$n/Observation.ndjson" "$n" <<'PY'
import sys
with open(sys.argv[1], "w") as out:
    for i in range(int(sys.argv[2])):
        out.write(f'{{"resourceType":"Observation","id":"obs-{i:07d}","status":"final","code":{{"coding":[{{"system":"http://loinc.org","code":"2345-7"}}]}},"valueQuantity":{{"value":{i % 997}.{i % 13},"unit":"mg/dL"}},"subject":{{"reference":"Patient/{i % 5000}"}}}}\n')
PY
  "$FERRY_ARCHIVE_TOOL" encrypt-dir "data$n" "a$n.age" -r "$(age-keygen -y key.txt)" >/dev/null
  cat >"read$n.yaml" <<PLAN
version: 1
source: { adapter: archive, path: a$n.age, identity: "file:key.txt" }
target: { adapter: ndjson, path: out$n }
options: { concurrency: 2 }
PLAN
  rss[$n]=$(peak_rss_mib "$FERRY" run "read$n.yaml" -q) || fail "reading a$n.age failed"
  cmp "data$n/Observation.ndjson" "out$n/Observation.ndjson" || fail "out$n differs"
done
echo "peak RSS: ${rss[30000]} MiB for 30,000 resources, ${rss[300000]} MiB for 300,000"
[ "${rss[300000]}" -le $((rss[30000] * 3 / 2 + 8)) ] ||
  fail "memory grew with the archive: ${rss[30000]} MiB -> ${rss[300000]} MiB"
