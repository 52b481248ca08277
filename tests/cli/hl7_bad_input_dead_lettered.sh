#!/usr/bin/env bash
# Acceptance (#4): HL7 v2 bad input — a binary file, a message with no MSH and a segment
# longer than 1 MB — gives one dead-letter entry each, naming the file, the message index
# and the segment; the good messages around them still migrate; exit 1; no crash.
source "$(dirname "$0")/lib.bash"
mkdir in
good() {  # good CONTROL_ID MRN : one ADT^A04 with a patient
  printf 'MSH|^~\\&|REG|CLINIC|EHR|CLINIC|20240312091500+0100||ADT^A04^ADT_A01|%s|P|2.5.1\r' "$1"
  printf 'PID|1||%s^^^CLINIC^MR||Doe^Jane||19850101|F\r' "$2"
  printf 'PV1|1|O|CARDIO^^^CLINIC||||||||||||||||V-%s\r' "$1"
}
{ good G1 M1; } > in/a_good.hl7
python3 -c 'import random, sys; sys.stdout.buffer.write(random.Random(7).randbytes(4096))' > in/b_binary.hl7
printf '\x00\x01\x02binary\xff\xfe\r' >> in/b_binary.hl7
{ printf 'PID|1||M3^^^CLINIC^MR||Roe^Rick||19700101|M\rPV1|1|O\r'  # segments before any MSH
  good G2 M2
  good G3 M4; } > in/c_no_msh.hl7
{ good G4 M5
  printf 'MSH|^~\\&|REG|CLINIC|EHR|CLINIC|20240312||ADT^A04^ADT_A01|BIG|P|2.5.1\r'
  printf 'PID|1||M6^^^CLINIC^MR||'; head -c 1100000 /dev/zero | tr '\0' 'x'; printf '\r'
  good G5 M7; } > in/d_long_segment.hl7
cat > plan.yaml <<PLAN
version: 1
source: { adapter: hl7v2, path: in, mapping: $FERRY_SOURCE_DIR/mappings/hl7v2.yaml }
target: { adapter: ndjson, path: out }
resources: [Patient, Encounter]
PLAN
run_ferry 1 run plan.yaml
python3 - .ferry/plan.dead.ndjson out <<'PY'
import json, sys, pathlib
rows = [json.loads(l) for l in open(sys.argv[1])]
got = [(r["stage"], r["location"].split(":")[0], r["error"].split(":")[0]) for r in rows]
assert [g[:2] for g in got] == [("read", "b_binary.hl7"), ("read", "c_no_msh.hl7"), ("read", "d_long_segment.hl7")], got
import base64
binary = open("in/b_binary.hl7", "rb").read()
kept = base64.b64decode(rows[0]["raw_base64"]).replace(b"\r", b"")
assert "raw" not in rows[0] and kept and kept in binary.replace(b"\r", b"").replace(b"\n", b""), "binary bytes not kept"
assert rows[1]["raw"].startswith("PID|1||M3"), "no-MSH message text not kept"
errors = [r["error"] for r in rows]
print("\n".join(errors))
assert errors[0].startswith("message 1: "), errors[0]
assert errors[1].startswith("message 1: segment 1"), errors[1]
assert "MSH" in errors[1], errors[1]
assert errors[2].startswith("message 2: segment 2"), errors[2]
assert "1 MiB" in errors[2] or "1048576" in errors[2], errors[2]
patients = [json.loads(l) for l in open(pathlib.Path(sys.argv[2]) / "Patient.ndjson")]
mrns = sorted(p["identifier"][0]["value"] for p in patients)
assert mrns == ["M1", "M2", "M4", "M5", "M7"], mrns
encounters = [json.loads(l) for l in open(pathlib.Path(sys.argv[2]) / "Encounter.ndjson")]
assert len(encounters) == 5, len(encounters)
PY
# No value from the messages reaches stderr (names, identifiers).
if grep -E 'Doe|Roe|M[0-9]' "$ERR"; then fail "stderr holds message content"; fi
