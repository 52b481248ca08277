#!/usr/bin/env bash
# Deletes from an NDJSON directory in Bulk form (a deleted.ndjson of Bundles of DELETE
# entries) into the SQLite store: SIGKILL at random points and --resume never loses or
# repeats a delete (none of the deleted ids is left, and the state counts each delete
# exactly once); `ferry verify` exits 0, and once a deleted resource is put back in the
# store it names it as deleted on the source but present (exit 4). A target that cannot
# delete (the archive) dead-letters each delete with the reason, exit 1.
source "$(dirname "$0")/lib.bash"
"$FERRY" synth --patients 600 --seed 23 --format fhir --out pop -q   # ~24k Observations: a run lasts long
mkdir obs && mv pop/fhir/Observation.ndjson obs/                        # enough to be killed in the middle

cat >full.yaml <<PLAN
version: 1
name: full
source: { adapter: ndjson, path: obs }
target: { adapter: sqlite, path: store.db }
options: { batch_size: 40, concurrency: 2 }
PLAN
run_ferry 0 run full.yaml

# inc/: the Observations, every other one deleted (listed in deleted.ndjson, 100 per Bundle).
python3 - obs inc deleted.txt <<'PY'
import json, pathlib, sys
src, inc = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
inc.mkdir()
deleted = []
keep = []
for n, line in enumerate((src / "Observation.ndjson").read_text().splitlines()):
    (deleted.append(json.loads(line)["id"]) if n % 2 == 0 else keep.append(line))
(inc / "Observation.ndjson").write_text("\n".join(keep) + "\n")
with open(inc / "deleted.ndjson", "w") as out:
    for start in range(0, len(deleted), 100):
        entries = [{"request": {"method": "DELETE", "url": f"Observation/{i}"}} for i in deleted[start:start + 100]]
        out.write(json.dumps({"resourceType": "Bundle", "type": "transaction", "entry": entries}) + "\n")
pathlib.Path(sys.argv[3]).write_text("\n".join(deleted) + "\n")
PY
deletes=$(wc -l <deleted.txt)
[ "$deletes" -gt 500 ] || fail "too few deletes to test: $deletes"
sed 's/name: full/name: inc/; s#path: obs#path: inc#' full.yaml >inc.yaml
cp store.db store.full.db
for round in 1 2 3; do
  cp store.full.db store.db; rm -f .ferry/inc.*
  run_with_sigkills inc.yaml 0
  echo "round $round: finished after $kills kills"
  total_kills=$((${total_kills:-0} + kills))
  python3 - store.db .ferry/inc.state.db deleted.txt "$deletes" <<'PY'
import sqlite3, sys
store, state = sqlite3.connect(sys.argv[1]), sqlite3.connect(sys.argv[2])
deleted = set(open(sys.argv[3]).read().split())
left = [i for (i,) in store.execute("SELECT id FROM resources WHERE resource_type = 'Observation'") if i in deleted]
assert not left, f"{len(left)} deleted Observations are still in the store"
read, written, unchanged, dead, gone = state.execute(
    "SELECT read, written, unchanged, dead, deleted FROM counts WHERE kind = 0 AND name = 'Observation'").fetchone()
assert dead == 0 and read == written + unchanged + gone, (read, written, unchanged, dead, gone)
# A kill after the state said "finished" makes the --resume a new pass (run 2), in which
# every delete is already applied (unchanged); otherwise each delete counts exactly once.
passes = int(state.execute("SELECT value FROM meta WHERE key = 'run'").fetchone()[0])
assert gone == (int(sys.argv[4]) if passes == 1 else 0), (passes, read, written, unchanged, gone)
PY
  run_ferry 0 verify --only Observation inc.yaml
done
[ "$total_kills" -gt 0 ] || fail "no run was killed: nothing was tested"

# Put one deleted Observation back into the store: verify names it.
back=$(head -1 deleted.txt)
mkdir one && grep -F "\"id\":\"$back\"" obs/Observation.ndjson >one/Observation.ndjson
sed 's/name: full/name: one/; s#path: obs#path: one#' full.yaml >one.yaml
run_ferry 0 run one.yaml
run_ferry 4 verify --only Observation inc.yaml
grep -q "^Observation: .* 0 missing, 0 unexpected, 0 different, 0 duplicated, 1 deleted on the source but present$" "$OUT" ||
  { cat "$OUT"; fail "verify does not count the deleted Observation that is present"; }
expect_line "$OUT" "  deleted-present Observation/$back"

# A target that cannot delete: the deletes are dead-lettered, the rest is written.
command -v age-keygen >/dev/null || fail "age-keygen is not installed (scripts/setup installs it)"
age-keygen -o key.txt 2>/dev/null
cat >archive.yaml <<PLAN
version: 1
name: archive
source: { adapter: ndjson, path: inc }
target: { adapter: archive, path: escrow.age, recipients: [$(age-keygen -y key.txt)] }
PLAN
run_ferry 1 run archive.yaml
python3 - .ferry/archive.dead.ndjson "$deletes" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
assert len(rows) == int(sys.argv[2]), len(rows)
assert {r["stage"] for r in rows} == {"write"}, rows[0]
assert rows[0]["error"] == ("Observation: the target cannot delete resources (or refused the delete); "
                            "the delete is kept here for replay"), rows[0]["error"]
PY
