#!/usr/bin/env python3
"""A scripted HTTP/1.1 server on 127.0.0.1 for the HTTP client and auth unit tests.

Started by the test on port 0; prints its port on the first line of stdout. With
`--tls CERT KEY` it speaks HTTPS with that certificate. The test
then POSTs a script to /_script and reads what was received from /_log:

  {"routes": {"/path": [response, response, ...]},   # consumed in order; the last repeats
   "token_lifetime": 3}                               # seconds, for the /token endpoint

A response is {"status": 200, "headers": {...}, "body": "...", "delay_ms": 0,
"action": "reset" | "close", "auth": "token", "gzip": true}:
  action reset  -- close the connection with an RST before answering
  action close  -- send half the body then close (a truncated response)
  auth token    -- answer 401 unless the bearer token is one /token issued and not expired
  gzip          -- gzip the body when the client accepts it

POST /token issues {"access_token": "tok-N", "expires_in": token_lifetime}. Every
request outside /_* is logged: method, path (with query), headers, body, connection id,
time. Only loopback is used.
"""
import gzip
import json
import socket
import ssl
import struct
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

STATE = {"routes": {}, "token_lifetime": 3600, "tokens": {}, "log": [], "cursor": {}, "next_token": 0,
         "connections": 0}
LOCK = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def setup(self):
        super().setup()
        with LOCK:
            STATE["connections"] += 1
            self.connection_id = STATE["connections"]

    def log_message(self, *args):
        pass

    def reply(self, status, body=b"", headers=None):
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def handle_any(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        path = self.path
        if path == "/_script":
            script = json.loads(body)
            with LOCK:
                STATE["routes"] = script.get("routes", {})
                STATE["token_lifetime"] = script.get("token_lifetime", 3600)
                STATE["cursor"] = {}
            return self.reply(204)
        if path == "/_log":
            with LOCK:
                data = json.dumps(STATE["log"]).encode()
            return self.reply(200, data, {"Content-Type": "application/json"})
        with LOCK:
            STATE["log"].append({"method": self.command, "path": path, "headers": dict(self.headers.items()),
                                 "body": body.decode("utf-8", "replace"), "connection": self.connection_id,
                                 "time": time.time()})
        if path.split("?")[0] == "/token" and "/token" not in STATE["routes"]:
            return self.issue_token()
        self.scripted(path.split("?")[0])

    def issue_token(self):
        with LOCK:
            STATE["next_token"] += 1
            token = "tok-%d" % STATE["next_token"]
            lifetime = STATE["token_lifetime"]
            STATE["tokens"][token] = time.time() + lifetime
        data = json.dumps({"access_token": token, "token_type": "bearer", "expires_in": lifetime}).encode()
        self.reply(200, data, {"Content-Type": "application/json"})

    def next_response(self, route):
        with LOCK:
            responses = STATE["routes"].get(route)
            if not responses:
                return None
            index = STATE["cursor"].get(route, 0)
            STATE["cursor"][route] = index + 1
            return responses[min(index, len(responses) - 1)]

    def token_valid(self):
        auth = self.headers.get("Authorization", "")
        token = auth[len("Bearer "):] if auth.startswith("Bearer ") else ""
        with LOCK:
            expiry = STATE["tokens"].get(token)
        return expiry is not None and expiry > time.time()

    def scripted(self, route):
        response = self.next_response(route)
        if response is None:
            return self.reply(404, b"no such route")
        time.sleep(response.get("delay_ms", 0) / 1000.0)
        if response.get("action") == "reset":
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()
            self.close_connection = True
            return
        if response.get("auth") == "token" and not self.token_valid():
            return self.reply(401, b"expired or unknown token", {"WWW-Authenticate": "Bearer"})
        body = response.get("body", "").encode()
        headers = dict(response.get("headers", {}))
        if response.get("gzip") and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body)
            headers["Content-Encoding"] = "gzip"
        if response.get("action") == "close":
            self.send_response(response.get("status", 200))
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            self.close_connection = True
            return
        self.reply(response.get("status", 200), body, headers)

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = handle_any


def main():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    if len(sys.argv) == 4 and sys.argv[1] == "--tls":
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(sys.argv[2], sys.argv[3])
        server.socket = context.wrap_socket(server.socket, server_side=True)
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
