#!/usr/bin/env python3
"""counting-proxy.py UPSTREAM LOG -- a loopback HTTP proxy for tests that counts requests.

Listens on 127.0.0.1 (a port the kernel picks; printed as `PROXY_ENDPOINT=http://127.0.0.1:N`),
forwards every request unchanged (Host header included, so signatures stay valid) to
UPSTREAM (http://127.0.0.1:PORT), and appends one line per request to LOG:

    METHOD PATH?QUERY STATUS IN_FLIGHT

IN_FLIGHT is how many requests were being served when this one started (itself included),
so a test can see parts sent in parallel. With PROXY_DELAY_MS set, each request waits
that long before it is forwarded (to slow an upload down enough to kill it midway).
Python standard library only.
"""
import http.client
import os
import time
import http.server
import sys
import threading
import urllib.parse

UPSTREAM = urllib.parse.urlsplit(sys.argv[1])
LOG = open(sys.argv[2], "a", buffering=1)
DELAY = float(os.environ.get("PROXY_DELAY_MS", "0")) / 1000
lock = threading.Lock()
in_flight = 0


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def forward(self):
        global in_flight
        with lock:
            in_flight += 1
            started_with = in_flight
        try:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else None
            time.sleep(DELAY)
            upstream = http.client.HTTPConnection(UPSTREAM.hostname, UPSTREAM.port, timeout=300)
            headers = {k: v for k, v in self.headers.items() if k.lower() != "connection"}
            upstream.request(self.command, self.path, body=body, headers=headers)
            reply = upstream.getresponse()
            data = reply.read()
            with lock:  # logged before answering: the store acted even if the client has gone
                LOG.write(f"{self.command} {self.path} {reply.status} {started_with}\n")
            self.send_response_only(reply.status, reply.reason)
            for name, value in reply.getheaders():
                if name.lower() not in ("connection", "transfer-encoding", "content-length"):
                    self.send_header(name, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(data)
            upstream.close()
        finally:
            with lock:
                in_flight -= 1

    do_GET = do_PUT = do_POST = do_DELETE = do_HEAD = forward


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
print(f"PROXY_ENDPOINT=http://127.0.0.1:{server.server_address[1]}", flush=True)
server.serve_forever()
