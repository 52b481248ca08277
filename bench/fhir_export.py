#!/usr/bin/env python3
"""Export throughput from a FHIR server (bench/README.md, "FHIR export"): `ferry run` of a
fhir -> ndjson plan against the server's own single-page rate, measured in the same run on
the same server and data: a baseline client that fetches the same search pages sequentially
(`GET [type]?_count=N`, then each Bundle's `next` link, on one keep-alive connection), reads
and parses each page (to find its `next` link) and does nothing else.

The server is the FHIR test server (tests/servers/fhir-start.sh: Medplum's engine, in memory,
on 127.0.0.1), loaded once with synthetic patients (`ferry synth`); baseline and ferry take
turns (--runs each), and the best and median of each are reported with their ratio.

    bench/fhir_export.py                         # 20 synthetic patients (~1,500 resources)
    bench/fhir_export.py --latency-ms 20         # each request first waits 20 ms, like a WAN round trip
    bench/fhir_export.py --page-size 50 --runs 5

Each line also carries CPU time per resource of the server (from /proc) and of ferry, which
the load of a shared machine disturbs far less than wall-clock rates.
"""
import http.client, json, pathlib, resource, shutil, statistics, subprocess, sys, tempfile, time
import urllib.parse

import fhir_bench
from fhir_bench import server_cpu, start_server, stop_server


def load(base, lines, size=50):
    """Puts every resource (its own id) into the server in batch Bundles of PUTs."""
    url = urllib.parse.urlparse(base)
    conn = http.client.HTTPConnection(url.hostname, url.port)
    for body in fhir_bench.put_bundles(lines, size):
        conn.request("POST", url.path, body=body, headers={"Content-Type": "application/fhir+json"})
        response = conn.getresponse()
        reply = json.loads(response.read())
        bad = [e for e in reply.get("entry", []) if not e["response"]["status"].startswith("2")]
        if response.status != 200 or bad:
            sys.exit(f"loading the server failed: HTTP {response.status}, {len(bad)} entries refused")


def baseline(base, types, page_size):
    """The same search pages as ferry, fetched one after another; returns (seconds, resources)."""
    url = urllib.parse.urlparse(base)
    assert url.hostname == "127.0.0.1"
    conn = http.client.HTTPConnection(url.hostname, url.port)
    start = time.monotonic()
    got = 0
    for resource_type in types:
        page = f"{url.path}/{resource_type}?_count={page_size}"
        while page:
            conn.request("GET", page, headers={"Accept": "application/fhir+json"})
            response = conn.getresponse()
            bundle = json.loads(response.read())
            if response.status != 200:
                sys.exit(f"baseline: HTTP {response.status} for a {resource_type} page")
            got += len(bundle.get("entry", []))
            following = [link["url"] for link in bundle.get("link", []) if link["relation"] == "next"]
            page = None
            if following:
                parts = urllib.parse.urlparse(following[0])
                assert (parts.hostname, parts.port) == (url.hostname, url.port)
                page = parts.path + ("?" + parts.query if parts.query else "")
    return time.monotonic() - start, got


def ferry_export(args, tmp, base, types):
    """`ferry run` of a fhir -> ndjson plan; returns (seconds, resources written, ferry CPU seconds)."""
    out = tmp / "out"
    shutil.rmtree(out, ignore_errors=True)
    shutil.rmtree(tmp / ".ferry", ignore_errors=True)   # each run starts with no state
    plan = tmp / "export.yaml"
    plan.write_text(f"version: 1\nname: export\nresources: [{', '.join(types)}]\n"
                    f"source: {{ adapter: fhir, base_url: '{base}', page_size: {args.page_size} }}\n"
                    f"target: {{ adapter: ndjson, path: {out} }}\n")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    run = subprocess.run([args.ferry, "run", str(plan), "-q"], capture_output=True, text=True, cwd=tmp)
    seconds = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if run.returncode != 0:
        sys.exit(f"ferry run exited {run.returncode}\n{run.stderr}")
    written = sum(1 for f in out.glob("*.ndjson") for line in f.read_text().splitlines() if line)
    return seconds, written, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def main():
    parser = fhir_bench.arguments()
    parser.add_argument("--page-size", type=int, default=200, help="_count of each page (ferry's page_size)")
    parser.add_argument("--runs", type=int, default=3, help="turns of baseline and ferry each")
    args = parser.parse_args()
    args.ferry = str(pathlib.Path(args.ferry).resolve())
    with tempfile.TemporaryDirectory(prefix="ferry-bench-fhir-export.") as tmp:
        tmp = pathlib.Path(tmp)
        files = fhir_bench.synth(args, tmp / "synth")
        lines = [l for f in files for l in f.read_text().splitlines() if l]
        types = [f.stem for f in files]
        n = len(lines)
        directory, base = start_server(args.latency_ms)
        try:
            load(base, lines)
            base_runs, ferry_runs = [], []
            for _ in range(args.runs):
                cpu = server_cpu(directory)
                seconds, got = baseline(base, types, args.page_size)
                base_runs.append((seconds, server_cpu(directory) - cpu, 0.0))
                if got != n:
                    sys.exit(f"baseline read {got} resources, expected {n}")
                cpu = server_cpu(directory)
                seconds, written, ferry_cpu = ferry_export(args, tmp, base, types)
                ferry_runs.append((seconds, server_cpu(directory) - cpu, ferry_cpu))
                if written != n:
                    sys.exit(f"ferry wrote {written} resources, expected {n}")
        finally:
            stop_server(directory)

    print(f"resources: {n} in {len(types)} types ({args.patients} patients, seed {args.seed}); page size "
          f"{args.page_size}; server latency {args.latency_ms} ms; {args.runs} runs each; ferry {args.ferry}")
    rates = {}
    for label, runs in (("baseline (sequential pages)", base_runs), ("ferry run (fhir -> ndjson)", ferry_runs)):
        per_run = sorted(n / seconds for seconds, _, _ in runs)
        rates[label] = (per_run[-1], statistics.median(per_run))
        server_us = statistics.median(used for _, used, _ in runs) * 1e6 / n
        ferry_us = statistics.median(own for _, _, own in runs) * 1e6 / n
        print(f"{label}: best {per_run[-1]:.0f} resources/s, median {statistics.median(per_run):.0f} resources/s; "
              f"server CPU {server_us:.0f} us/resource" + (f", ferry CPU {ferry_us:.0f} us/resource" if ferry_us else ""))
    (base_best, base_median), (ferry_best, ferry_median) = rates.values()
    print(f"ratio ferry / baseline: best {ferry_best / base_best:.2f}x, median {ferry_median / base_median:.2f}x")


if __name__ == "__main__":
    main()
