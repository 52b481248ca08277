"""What the FHIR benchmarks (fhir_upload.py, fhir_export.py) share: the FHIR test server
(tests/servers/fhir-start.sh: Medplum's engine, in memory, on 127.0.0.1) started and stopped
for one measurement, its CPU time, the common command-line options, synthetic data from
`ferry synth`, and batch Bundles of PUTs built from NDJSON lines.

    import fhir_bench
    parser = fhir_bench.arguments()                   # --patients --ferry --seed --latency-ms
    directory, base = fhir_bench.start_server(latency_ms=20)
    ...
    fhir_bench.stop_server(directory)
"""
import argparse, json, os, pathlib, subprocess

ROOT = pathlib.Path(__file__).resolve().parent.parent
SERVERS = ROOT / "tests" / "servers"


def start_server(latency_ms, validate=True):
    """A fresh server; returns its directory (for stop_server and server_cpu) and base URL."""
    env = dict(os.environ, FHIR_LATENCY_MS=str(latency_ms), FHIR_VALIDATE="1" if validate else "0")
    out = subprocess.run([SERVERS / "fhir-start.sh"], check=True, capture_output=True, text=True, env=env).stdout
    env = dict(line.split("=", 1) for line in out.splitlines() if "=" in line)
    return env["FHIR_DIR"], env["FHIR_BASE"]


def stop_server(directory):
    subprocess.run([SERVERS / "fhir-stop.sh", directory], check=False)


def server_cpu(directory):
    """CPU seconds (user + system) the server process has used so far: a load-independent cost."""
    pid = pathlib.Path(directory, "pid").read_text().strip()
    fields = pathlib.Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def arguments():
    """A parser with the options every FHIR benchmark takes."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--patients", type=int, default=20)
    release = ROOT / "build" / "release" / "ferry"
    parser.add_argument("--ferry", default=str(release if release.exists() else ROOT / "build" / "default" / "ferry"),
                        help="the ferry binary (default: build/release/ferry if built, else build/default/ferry)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--latency-ms", type=int, default=0,
                        help="the server waits this long before each request (a network round trip)")
    return parser


def synth(args, out):
    """`ferry synth --format fhir` into `out`; returns its NDJSON files, sorted."""
    subprocess.run([args.ferry, "synth", "--patients", str(args.patients), "--seed", str(args.seed),
                    "--format", "fhir", "--out", str(out), "-q"], check=True)
    return sorted((out / "fhir").glob("*.ndjson"))


def put_bundles(lines, size=50):
    """Batch Bundles (JSON bytes) of `size` PUTs, each resource under its own id."""
    bodies = []
    for start in range(0, len(lines), size):
        entries = []
        for line in lines[start:start + size]:
            item = json.loads(line)
            entries.append({"resource": item, "request": {"method": "PUT", "url": f'{item["resourceType"]}/{item["id"]}'}})
        bodies.append(json.dumps({"resourceType": "Bundle", "type": "batch", "entry": entries}).encode())
    return bodies
