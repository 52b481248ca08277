#!/usr/bin/env bash
# Acceptance (a) and (c): one evaluation of three local providers -- the FHIR test server,
# the embedded sqlite store and a PostgreSQL store -- writes report.json (valid against
# its documented schema), report.md and report.html; headless Chromium renders the HTML's
# side-by-side table (checked in the DOM) and screenshots it; throughput figures carry
# their concurrency and the report names the machine; everything written is deleted.
source "$(dirname "$0")/lib.bash"
source "$(dirname "$0")/postgres_lib.bash"
source "$FERRY_SOURCE_DIR/tests/cli/evaluate_lib.bash"
start_fhir
trap 'stop_fhir; PGBIN=$PGBIN "$FERRY_SOURCE_DIR/tests/servers/pg-stop.sh" "$PGDIR"; rm -rf "$WORK"' EXIT
psql_ferry postgres -c "CREATE DATABASE evalstore"
cat >eval.yaml <<YAML
version: 1
name: three local providers
population: { patients: 3, seed: 11, extrapolate_to: 250000 }
thresholds: { min_fidelity: 0.5 }
throughput: { concurrency: [1, 4, 16], batch_size: 25 }
limits: { max_resource_bytes: 65536, max_batch: 100 }
providers:
  - name: FHIR test server
    target: { adapter: fhir, base_url: $FHIR_BASE }
    pricing: { storage_gb_month: 0.30, per_1000_requests: 0.05, egress_gb: 0.12 }
  - name: embedded sqlite
    target: { adapter: sqlite, path: store/eval.db }
    pricing: { storage_gb_month: 0.02, currency: EUR }
  - name: PostgreSQL store
    target: { adapter: postgres, port: $PGPORT, database: evalstore, user: ferry }
    pricing: { storage_gb_month: 0.115, per_write_unit: 0.0000012, write_unit_bytes: 1024 }
YAML
run_ferry 0 evaluate eval.yaml --out report
expect_line "$ERR" "ferry: evaluate: every provider passed"
for f in report.json report.md report.html; do [ -s "report/$f" ] || fail "report/$f missing"; done
check_schema report/report.json

python3 - report/report.json <<'PY' || fail "report.json content"
import json, sys
r = json.load(open(sys.argv[1]))
names = [p["name"] for p in r["providers"]]
assert names == ["FHIR test server", "embedded sqlite", "PostgreSQL store"], names
assert [p["capabilities"]["kind"] for p in r["providers"]] == ["fhir", "store", "store"]
fhir = r["providers"][0]["capabilities"]["fhir"]
assert fhir["fhir_version"] == "4.0.1" and fhir["batch"] and fhir["bulk_export"], fhir
assert r["providers"][0]["capabilities"]["types_missing"] == []
# the stores keep every value; the report says what the FHIR server did, whatever it is
for p in r["providers"][1:]:
    assert p["fidelity"]["score"] == 1 and p["fidelity"]["paths"] == [], p["name"]
    assert all(c["ok"] for k, c in p["fidelity"]["checks"].items() if isinstance(c, dict)), p["name"]
    assert p["fidelity"]["checks"]["history_kept"] is None, p["name"]  # stores keep the current version only
# the FHIR test server keeps the first version of an updated resource in _history
assert r["providers"][0]["fidelity"]["checks"]["history_kept"] == {"total": 1, "kept": 1, "ok": True}
# (c) every throughput figure says its concurrency; the machine is stated
assert "machine" in r["machine"]["note"] and r["machine"]["cores"] > 0 and r["machine"]["cpu"]
for p in r["providers"]:
    t = p["throughput"]
    for direction in ("import", "export"):
        assert [l["concurrency"] for l in t[direction]] == [1, 4, 16], (p["name"], direction)
        for l in t[direction]:
            assert l["resources_per_second"] > 0 and l["error"] == "", (p["name"], direction, l)
    assert t["import"][0]["resources"] == r["population"]["resources"]
    assert p["cleanup"]["removed"] > 0 and p["cleanup"]["supported"], p["name"]
    assert p["cost"]["extrapolated"]["patients"] == 250000
assert r["providers"][1]["cost"]["currency"] == "EUR"
# limits: every provider keeps 64-character ids; the FHIR server refuses an invalid Patient
# (and says where), the stores keep it silently
for p in r["providers"]:
    assert p["limits"]["id_64_chars"] == "kept" and p["limits"]["reached_resource_cap"], p["name"]
fhir_limits = r["providers"][0]["limits"]
assert fhir_limits["invalid_resource"] == "refused", fhir_limits
assert fhir_limits["refusals"]["invalid_resource"].startswith("HTTP 400: "), fhir_limits["refusals"]
assert [p["limits"]["invalid_resource"] for p in r["providers"][1:]] == ["kept", "kept"]
PY

grep -qF "absolute figures for this machine" report/report.md || fail "report.md does not state the machine"
grep -qF "| import resources/s at concurrency 16 |" report/report.md || fail "report.md lacks the concurrency"

# The HTML page opens offline in headless Chromium: its table is in the rendered DOM.
chrome=(chromium --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run
        --user-data-dir="$WORK/chrome" --allow-file-access-from-files)
"${chrome[@]}" --dump-dom "file://$WORK/report/report.html" >dom.html 2>chrome.log || { cat chrome.log; fail "chromium --dump-dom"; }
"${chrome[@]}" --screenshot="$WORK/report.png" --window-size=1280,1800 "file://$WORK/report/report.html" 2>>chrome.log ||
  { cat chrome.log; fail "chromium --screenshot"; }
python3 - dom.html report.png <<'PY' || fail "the rendered HTML"
import html.parser, struct, sys
class Cells(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(); self.table = 0; self.cell = None; self.rows = []; self.svgs = []
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "table" and a.get("id") == "side-by-side": self.table = 1
        if tag == "svg": self.svgs.append(a.get("id"))
        if self.table and tag == "tr": self.rows.append([])
        if self.table and tag in ("td", "th"): self.cell = ""
    def handle_endtag(self, tag):
        if tag == "table": self.table = 0
        if self.cell is not None and tag in ("td", "th"):
            self.rows[-1].append(self.cell.strip()); self.cell = None
    def handle_data(self, data):
        if self.cell is not None: self.cell += data
p = Cells(); p.feed(open(sys.argv[1]).read())
assert p.rows[0] == ["", "FHIR test server", "embedded sqlite", "PostgreSQL store"], p.rows[0]
rows = {r[0]: r[1:] for r in p.rows if len(r) == 4}
assert rows["adapter"] == ["fhir", "sqlite", "postgres"], rows["adapter"]
assert rows["score (kept / sent values)"][1:] == ["1.0000", "1.0000"], rows["score (kept / sent values)"]
assert all(c.replace(".", "").isdigit() for c in rows["import resources/s at concurrency 4"]), rows
assert "chart-throughput" in p.svgs and "chart-fidelity" in p.svgs, p.svgs
png = open(sys.argv[2], "rb").read()
assert png[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
width, height = struct.unpack(">II", png[16:24])
assert (width, height) == (1280, 1800), (width, height)
assert len(png) > 30000, f"screenshot only {len(png)} bytes: blank page?"
PY

# Cleanup: nothing the evaluation wrote is left.
[ ! -e store/eval.db ] || fail "the sqlite store file the evaluation created is still there"
[ "$(psql_ferry evalstore -tAc 'SELECT count(*) FROM fhir_resources')" = 0 ] || fail "rows left in PostgreSQL"
for type in Patient Observation Basic; do
  [ "$(fhir_total "$FHIR_BASE" $type)" = 0 ] || fail "$type resources left on the FHIR server"
done
