#!/usr/bin/env python3
"""Upload throughput into a FHIR server (bench/README.md, "FHIR upload"): `ferry run` of an
ndjson -> fhir plan against a baseline client that POSTs one resource per request,
sequentially, over the same NDJSON, each into its own fresh FHIR test server
(tests/servers/fhir-start.sh: Medplum's engine, in memory, on 127.0.0.1) in the same run.
Also measures the server's own ceiling: prebuilt batch Bundles posted back to back by a
client doing nothing else. Prints resources/s of each and the ratios.

    bench/fhir_upload.py                      # 20 synthetic patients (~1,300 resources)
    bench/fhir_upload.py --patients 50 --ferry build/default/ferry
    bench/fhir_upload.py --latency-ms 20      # each request first waits 20 ms, like a WAN round trip
"""
import argparse, http.client, json, os, pathlib, subprocess, sys, tempfile, time, urllib.parse

ROOT = pathlib.Path(__file__).resolve().parent.parent
SERVERS = ROOT / "tests" / "servers"


def start_server(args):
    env = dict(os.environ, FHIR_LATENCY_MS=str(args.latency_ms), FHIR_VALIDATE="0" if args.no_validate else "1")
    out = subprocess.run([SERVERS / "fhir-start.sh"], check=True, capture_output=True, text=True, env=env).stdout
    env = dict(line.split("=", 1) for line in out.splitlines() if "=" in line)
    return env["FHIR_DIR"], env["FHIR_BASE"]


def stop_server(directory):
    subprocess.run([SERVERS / "fhir-stop.sh", directory], check=False)


def baseline(base, lines):
    """One POST per resource, sequentially, on one keep-alive connection (a fair client)."""
    url = urllib.parse.urlparse(base)
    assert url.hostname == "127.0.0.1"
    conn = http.client.HTTPConnection(url.hostname, url.port)
    start = time.monotonic()
    failed = 0
    for line in lines:
        resource_type = json.loads(line)["resourceType"]
        conn.request("POST", f"{url.path}/{resource_type}", body=line.encode(),
                     headers={"Content-Type": "application/fhir+json"})
        response = conn.getresponse()
        response.read()
        failed += response.status >= 300
    return time.monotonic() - start, failed


def ceiling(base, lines, size=50):
    """The server's own ingest rate: prebuilt batch Bundles of `size` PUTs, posted back to back."""
    url = urllib.parse.urlparse(base)
    conn = http.client.HTTPConnection(url.hostname, url.port)
    bodies = []
    for start in range(0, len(lines), size):
        entries = []
        for line in lines[start:start + size]:
            resource = json.loads(line)
            entries.append({"resource": resource,
                            "request": {"method": "PUT", "url": f'{resource["resourceType"]}/{resource["id"]}'}})
        bodies.append(json.dumps({"resourceType": "Bundle", "type": "batch", "entry": entries}).encode())
    start = time.monotonic()
    for body in bodies:
        conn.request("POST", url.path, body=body, headers={"Content-Type": "application/fhir+json"})
        conn.getresponse().read()
    return time.monotonic() - start


def count(base):
    caps = json.loads(subprocess.run(["curl", "-sf", base + "/metadata"], check=True, capture_output=True).stdout)
    total = 0
    for resource in caps["rest"][0]["resource"]:
        body = subprocess.run(["curl", "-sf", f'{base}/{resource["type"]}?_summary=count'], check=True,
                              capture_output=True).stdout
        total += json.loads(body).get("total", 0)
    return total


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--patients", type=int, default=20)
    parser.add_argument("--ferry", default=str(ROOT / "build" / "default" / "ferry"))
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--latency-ms", type=int, default=0,
                        help="the server waits this long before each request (a network round trip)")
    parser.add_argument("--no-validate", action="store_true", help="the server skips its resource validation")
    parser.add_argument("--concurrency", type=int, default=0, help="the fhir target's concurrency (0: its default)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ferry-bench-fhir.") as tmp:
        tmp = pathlib.Path(tmp)
        subprocess.run([args.ferry, "synth", "--patients", str(args.patients), "--seed", str(args.seed),
                        "--format", "fhir", "--out", str(tmp / "synth"), "-q"], check=True)
        (tmp / "synth" / "fhir").rename(tmp / "data")
        lines = [l for f in sorted((tmp / "data").glob("*.ndjson")) for l in f.read_text().splitlines() if l]
        n = len(lines)

        directory, base = start_server(args)
        try:
            base_seconds, base_failed = baseline(base, lines)
        finally:
            stop_server(directory)

        directory, base = start_server(args)
        try:
            ceiling_seconds = ceiling(base, lines)
        finally:
            stop_server(directory)

        directory, base = start_server(args)
        try:
            plan = tmp / "upload.yaml"
            plan.write_text(f"version: 1\nname: upload\nsource: {{ adapter: ndjson, path: {tmp / 'data'} }}\n"
                            f"target: {{ adapter: fhir, base_url: '{base}'"
                            + (f", concurrency: {args.concurrency}" if args.concurrency else "") + " }\n")
            start = time.monotonic()
            run = subprocess.run([args.ferry, "run", str(plan), "-q"], capture_output=True, text=True)
            ferry_seconds = time.monotonic() - start
            if run.returncode not in (0, 1):
                sys.exit(f"ferry run exited {run.returncode}\n{run.stderr}")
            held = count(base)
        finally:
            stop_server(directory)

        base_rate, ferry_rate = n / base_seconds, n / ferry_seconds
        print(f"resources: {n} ({args.patients} patients, seed {args.seed}); server latency {args.latency_ms} ms, "
              f"validation {'off' if args.no_validate else 'on'}")
        print(f"baseline (sequential POST): {base_seconds:.2f} s, {base_rate:.0f} resources/s, {base_failed} failed")
        print(f"ferry run (ndjson -> fhir): {ferry_seconds:.2f} s, {ferry_rate:.0f} resources/s, "
              f"exit {run.returncode}, target holds {held}")
        ceiling_rate = n / ceiling_seconds
        print(f"server ceiling (prebuilt batch Bundles of 50, back to back, no client work): {ceiling_seconds:.2f} s, "
              f"{ceiling_rate:.0f} resources/s")
        print(f"ratio: {ferry_rate / base_rate:.1f}x the sequential baseline; {ferry_rate / ceiling_rate:.2f} of the server ceiling")


if __name__ == "__main__":
    main()
