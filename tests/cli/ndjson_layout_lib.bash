# Helpers for the ndjson layout tests (ndjson_layout_*.sh). Sourced after lib.bash, not run.

# check_parts DIR MAX_LINES MAX_BYTES : every NDJSON file in DIR is a numbered part
# `<Type>.NNNNNN.ndjson`, a type's parts run 000001, 000002... without a gap, each holds
# only its type, at most MAX_LINES lines and MAX_BYTES bytes (0 = no limit), and every
# part but a type's last is full enough that the next line would not have fitted; and
# DIR/manifest.json lists exactly these files, in name order, with their counts (and
# size / SHA-256 when given). Prints "<files> <types>".
check_parts() {
  python3 - "$1" "$2" "$3" <<'PY'
import hashlib, json, pathlib, re, sys
from collections import defaultdict
root, max_lines, max_bytes = pathlib.Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
files = sorted(p.name for p in root.iterdir() if p.name.endswith(".ndjson"))
parts = defaultdict(list)
for name in files:
    m = re.fullmatch(r"([A-Z][A-Za-z]*)\.(\d{6})\.ndjson", name)
    assert m, f"{name}: not a numbered part"
    parts[m.group(1)].append(int(m.group(2)))
for rtype, numbers in parts.items():
    assert numbers == list(range(1, len(numbers) + 1)), f"{rtype}: parts {numbers}"
    for number in numbers:
        data = (root / f"{rtype}.{number:06d}.ndjson").read_bytes()
        lines = data.splitlines()
        assert all(json.loads(l)["resourceType"] == rtype for l in lines), f"{rtype}.{number}: other types"
        assert not max_lines or len(lines) <= max_lines, f"{rtype}.{number}: {len(lines)} lines"
        assert not max_bytes or len(data) <= max_bytes, f"{rtype}.{number}: {len(data)} bytes"
        if number < len(numbers):  # not the last: the next part's first line did not fit
            first_next = (root / f"{rtype}.{number + 1:06d}.ndjson").read_bytes().split(b"\n")[0]
            full = (max_lines and len(lines) == max_lines) or \
                   (max_bytes and len(data) + len(first_next) + 1 > max_bytes)
            assert full, f"{rtype}.{number}: closed before it was full"
manifest = json.load(open(root / "manifest.json"))["output"]
assert [e["url"] for e in manifest] == files, ([e["url"] for e in manifest], files)
for entry in manifest:
    data = (root / entry["url"]).read_bytes()
    assert entry["type"] == entry["url"].split(".")[0] and entry["count"] == data.count(b"\n"), entry
    if "sha256" in entry:
        assert entry["size"] == len(data) and entry["sha256"] == hashlib.sha256(data).hexdigest(), entry
print(len(files), len(parts))
PY
}

# same_per_type ORIGINAL PARTS : for every `<Type>.ndjson` in ORIGINAL, the type's parts
# in PARTS, concatenated in name order, are byte-identical to it (and PARTS has no other type).
same_per_type() {
  python3 - "$1" "$2" <<'PY'
import pathlib, sys
original, parted = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
types = {p.name.split(".")[0] for p in original.glob("*.ndjson")}
assert types == {p.name.split(".")[0] for p in parted.glob("*.ndjson")}, "different types"
for rtype in sorted(types):
    joined = b"".join(p.read_bytes() for p in sorted(parted.glob(f"{rtype}.*.ndjson")))
    assert joined == (original / f"{rtype}.ndjson").read_bytes(), f"{rtype} differs"
PY
}
