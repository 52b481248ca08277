#!/usr/bin/env python3
"""Upload throughput into a FHIR server (bench/README.md, "FHIR upload"): `ferry run` of an
ndjson -> fhir plan against a baseline client that POSTs one resource per request,
sequentially, over the same NDJSON, each into its own fresh FHIR test server
(tests/servers/fhir-start.sh: Medplum's engine, in memory, on 127.0.0.1) in the same run.
Also measures the server's own ceiling: prebuilt batch Bundles posted back to back by a
client doing nothing else. Prints resources/s of each and the ratios.

    bench/fhir_upload.py                      # 20 synthetic patients (1,480 resources)
    bench/fhir_upload.py --patients 50 --ferry build/default/ferry
    bench/fhir_upload.py --latency-ms 20      # each request first waits 20 ms, like a WAN round trip
    bench/fhir_upload.py --concurrency 4,16   # one ferry run per setting, each into a fresh server

Each figure also carries the server's CPU time per resource (from /proc), which the load of a
shared machine disturbs far less than wall-clock rates.
"""
import http.client, json, pathlib, resource, shutil, subprocess, sys, tempfile, time, urllib.parse

import fhir_bench
from fhir_bench import server_cpu, stop_server


def start_server(args):
    return fhir_bench.start_server(args.latency_ms, validate=not args.no_validate)


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
    bodies = fhir_bench.put_bundles(lines, size)
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
    parser = fhir_bench.arguments()
    parser.add_argument("--no-validate", action="store_true", help="the server skips its resource validation")
    parser.add_argument("--concurrency", default="0",
                        help="the fhir target's concurrency; a comma list measures each (0: the target's default)")
    parser.add_argument("--batch-size", type=int, default=0, help="the fhir target's batch_size (0: its default)")
    args = parser.parse_args()
    args.ferry = str(pathlib.Path(args.ferry).resolve())
    with tempfile.TemporaryDirectory(prefix="ferry-bench-fhir.") as tmp:
        tmp = pathlib.Path(tmp)
        fhir_bench.synth(args, tmp / "synth")
        (tmp / "synth" / "fhir").rename(tmp / "data")
        lines = [l for f in sorted((tmp / "data").glob("*.ndjson")) for l in f.read_text().splitlines() if l]
        n = len(lines)

        rows = []   # (label, seconds, server CPU seconds, extra)
        directory, base = start_server(args)
        try:
            cpu = server_cpu(directory)
            base_seconds, base_failed = baseline(base, lines)
            rows.append(("baseline (sequential POST)", base_seconds, server_cpu(directory) - cpu, f"{base_failed} failed"))
        finally:
            stop_server(directory)

        directory, base = start_server(args)
        try:
            cpu = server_cpu(directory)
            seconds = ceiling(base, lines)
            rows.append(("server ceiling (Bundles of 50 PUTs back to back, no client work)", seconds,
                         server_cpu(directory) - cpu, ""))
        finally:
            stop_server(directory)

        for concurrency in [int(c) for c in args.concurrency.split(",")]:
            directory, base = start_server(args)
            try:
                plan = tmp / "upload.yaml"
                options = (f", concurrency: {concurrency}" if concurrency else "") + \
                          (f", batch_size: {args.batch_size}" if args.batch_size else "")
                plan.write_text(f"version: 1\nname: upload\nsource: {{ adapter: ndjson, path: {tmp / 'data'} }}\n"
                                f"target: {{ adapter: fhir, base_url: '{base}'{options} }}\n")
                shutil.rmtree(tmp / ".ferry", ignore_errors=True)   # each run starts with no state
                cpu = server_cpu(directory)
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                start = time.monotonic()
                run = subprocess.run([args.ferry, "run", str(plan), "-q"], capture_output=True, text=True, cwd=tmp)
                seconds = time.monotonic() - start
                used = server_cpu(directory) - cpu
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                ferry_cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
                if run.returncode not in (0, 1):
                    sys.exit(f"ferry run exited {run.returncode}\n{run.stderr}")
                held = count(base)
            finally:
                stop_server(directory)
            label = f"ferry run, concurrency {concurrency or 'default'}" + (f", batch_size {args.batch_size}" if args.batch_size else "")
            rows.append((label, seconds, used, f"ferry CPU {ferry_cpu * 1e6 / n:.0f} us/resource, exit {run.returncode}, "
                                               f"target holds {held}"))

        print(f"resources: {n} ({args.patients} patients, seed {args.seed}); server latency {args.latency_ms} ms, "
              f"validation {'off' if args.no_validate else 'on'}; ferry {args.ferry}")
        base_rate, ceiling_rate = n / rows[0][1], n / rows[1][1]
        for label, seconds, used, extra in rows:
            rate = n / seconds
            print(f"{label}: {seconds:.2f} s, {rate:.0f} resources/s, server CPU {used * 1e6 / n:.0f} us/resource"
                  + (f"; {rate / base_rate:.1f}x the baseline, {rate / ceiling_rate:.2f} of the ceiling" if label.startswith("ferry") else "")
                  + (f" ({extra})" if extra else ""))


if __name__ == "__main__":
    main()
