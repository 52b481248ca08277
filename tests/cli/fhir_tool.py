#!/usr/bin/env python3
"""Reads a FHIR test server back for the fhir CLI tests (loopback only).

  fhir_tool.py counts BASE            one "Type count" line per type holding resources
  fhir_tool.py ids BASE TYPE          the ids of TYPE, sorted, one per line
  fhir_tool.py refs BASE              checks every relative reference resolves on BASE;
                                      prints "references N unresolved M"
  fhir_tool.py dump BASE              every resource as compact JSON, sorted, meta dropped
  fhir_tool.py load BASE DIR          PUTs every resource of DIR/*.ndjson one by one
"""
import json
import pathlib
import sys
import urllib.parse
import urllib.request


def get(url):
    assert urllib.parse.urlparse(url).hostname == "127.0.0.1", url
    with urllib.request.urlopen(url) as response:
        return json.load(response)


def types(base):
    caps = get(base + "/metadata")
    return sorted(r["type"] for r in caps["rest"][0]["resource"])


def resources(base, type_):
    url = f"{base}/{type_}?_count=500"
    while url:
        bundle = get(url)
        for entry in bundle.get("entry", []):
            yield entry["resource"]
        url = next((l["url"] for l in bundle.get("link", []) if l["relation"] == "next"), "")


def everything(base):
    for type_ in types(base):
        yield from resources(base, type_)


def references(value):
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "reference" and isinstance(item, str):
                yield item
            else:
                yield from references(item)
    elif isinstance(value, list):
        for item in value:
            yield from references(item)


def main():
    command, base = sys.argv[1], sys.argv[2].rstrip("/")
    if command == "counts":
        counts = {}
        for resource in everything(base):
            counts[resource["resourceType"]] = counts.get(resource["resourceType"], 0) + 1
        for type_, count in sorted(counts.items()):
            print(type_, count)
    elif command == "ids":
        print("\n".join(sorted(r["id"] for r in resources(base, sys.argv[3]))))
    elif command == "refs":
        all_resources = list(everything(base))
        held = {f'{r["resourceType"]}/{r["id"]}' for r in all_resources}
        refs = [ref for r in all_resources for ref in references(r)]
        unresolved = [ref for ref in refs if not ref.startswith("#") and ref not in held]
        for ref in unresolved[:5]:
            print("unresolved", ref, file=sys.stderr)
        print("references", len(refs), "unresolved", len(unresolved))
    elif command == "dump":
        lines = []
        for resource in everything(base):
            resource.pop("meta", None)
            lines.append(json.dumps(resource, sort_keys=True, separators=(",", ":")))
        print("\n".join(sorted(lines)))
    elif command == "load":
        for path in sorted(pathlib.Path(sys.argv[3]).glob("*.ndjson")):
            for line in path.read_text().splitlines():
                resource = json.loads(line)
                request = urllib.request.Request(f'{base}/{resource["resourceType"]}/{resource["id"]}',
                                                 data=line.encode(), method="PUT",
                                                 headers={"Content-Type": "application/fhir+json"})
                urllib.request.urlopen(request).read()
    else:
        sys.exit(f"unknown command {command}")


if __name__ == "__main__":
    main()
