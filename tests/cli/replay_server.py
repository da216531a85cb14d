#!/usr/bin/env python3
"""A loopback API that replays the recorded Scaleway bodies (shared/fixtures/scaleway) with their
recorded status and headers, for metalctl's integration test over real HTTP.

Requests are matched on method, path and page; the recorded zone is fr-par-1. Other zones answer
empty lists (or 503 for --fail-zone). Routes with no recording answer bodies derived from the
recorded ones (volumes embedded in a recorded server, a recorded security group in a list) or from
tests/cli/bodies. Every request is appended to --log as one JSON line (method, target, header
names, the auth header's value kept only as a match flag) so the test can check what was sent.
"""
import argparse
import json
import os
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

HERE = os.path.dirname(os.path.abspath(__file__))
KEPT_HEADERS = {"content-type", "link", "x-total-count", "location", "x-request-id"}


def load(fixtures):
    manifest = json.load(open(os.path.join(fixtures, "scaleway", "manifest.json")))
    routes = []
    for entry in manifest:
        url = urlsplit(entry["url"])
        query = dict(parse_qsl(url.query))
        with open(os.path.join(fixtures, "scaleway", entry["file"]), "rb") as f:
            body = f.read()
        headers = [(k, v[0]) for k, v in entry["response_headers"].items() if k.lower() in KEPT_HEADERS]
        routes.append({"method": entry["method"], "path": url.path, "page": query.get("page", "1"),
                       "status": entry["status"], "headers": headers, "body": body})
    return routes


def derived(fixtures):
    """Bodies for routes the recordings do not cover, built from recorded data."""
    def read(name):
        return json.load(open(os.path.join(fixtures, "scaleway", name)))
    server = read("instance_get_server_running.json")["server"]
    volumes = []
    for volume in server["volumes"].values():
        v = dict(volume)
        v.setdefault("server", {"id": server["id"], "name": server["name"]})
        volumes.append(v)
    group = read("instance_get_security_group.json")["security_group"]
    out = {
        ("GET", "/instance/v1/zones/fr-par-1/volumes"): {"volumes": volumes},
        ("GET", "/instance/v1/zones/fr-par-1/security_groups"): {"security_groups": [group]},
    }
    for name, path in [("iam_list_ssh_keys.json", "/iam/v1alpha1/ssh-keys"),
                       ("billing_list_consumptions.json", "/billing/v2beta1/consumptions")]:
        out[("GET", path)] = json.load(open(os.path.join(HERE, "bodies", name)))
    return out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--fixtures", required=True)
    parser.add_argument("--key", required=True, help="the only secret key accepted")
    parser.add_argument("--port-file", required=True)
    parser.add_argument("--log", required=True)
    parser.add_argument("--fail-zone", default="")
    parser.add_argument("--throttle-first", type=int, default=0,
                        help="answer the first N requests 429 without a body, as the real API has")
    args = parser.parse_args()
    routes = load(args.fixtures)
    extra = derived(args.fixtures)
    recorded_401 = open(os.path.join(args.fixtures, "scaleway", "error_401_denied_authentication.json"), "rb").read()
    lock = threading.Lock()
    state = {"requests": 0, "connections": 0}
    log = open(args.log, "a", buffering=1)

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, like the real gateway

        def setup(self):
            super().setup()
            with lock:
                state["connections"] += 1
                self.connection_number = state["connections"]

        def log_message(self, *_):
            pass

        def answer(self, status, body, headers=()):
            self.send_response(status)
            names = {k.lower() for k, _ in headers}
            for k, v in headers:
                self.send_header(k, v)
            if "content-type" not in names and body:
                self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def handle_any(self):
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            url = urlsplit(self.path)
            query = dict(parse_qsl(url.query))
            token = self.headers.get("X-Auth-Token")
            with lock:
                state["requests"] += 1
                number = state["requests"]
            log.write(json.dumps({"method": self.command, "target": self.path,
                                  "headers": sorted(k.lower() for k in self.headers.keys()),
                                  "key_ok": token == args.key, "body": body.decode("utf-8", "replace"),
                                  "connection": self.connection_number}) + "\n")
            if number <= args.throttle_first:
                return self.answer(429, b"")
            if token != args.key:
                return self.answer(401, recorded_401)
            parts = url.path.split("/")
            if url.path.startswith("/instance/v1/zones/") and len(parts) > 4:
                zone = parts[4]
                if zone == args.fail_zone:
                    return self.answer(503, b"<html><body>503 Service Unavailable</body></html>",
                                       [("Content-Type", "text/html")])
                if zone != "fr-par-1" and self.command == "GET" and len(parts) == 6:
                    collection = parts[5]
                    return self.answer(200, json.dumps({collection: []}).encode(), [("X-Total-Count", "0")])
            if self.command == "DELETE" and url.path.startswith("/instance/v1/zones/fr-par-1/servers/"):
                return self.answer(204, b"")
            candidates = [r for r in routes if r["method"] == self.command and r["path"] == url.path]
            if candidates:
                page = [r for r in candidates if r["page"] == query.get("page", "1")]
                chosen = (page or candidates)[0]
                return self.answer(chosen["status"], chosen["body"], chosen["headers"])
            # Any server id: the recorded running server (the id is not the point of the test).
            if self.command == "GET" and url.path.startswith("/instance/v1/zones/fr-par-1/servers/") \
                    and len(parts) == 7:
                chosen = [r for r in routes if r["path"].endswith("ce52a219-3109-4a58-8936-ad015631725b")][0]
                return self.answer(200, chosen["body"], chosen["headers"])
            if self.command == "POST" and url.path.endswith("/action"):
                chosen = [r for r in routes if r["path"].endswith("/action")][0]
                return self.answer(chosen["status"], chosen["body"], chosen["headers"])
            if (self.command, url.path) in extra:
                items = extra[(self.command, url.path)]
                return self.answer(200, json.dumps(items).encode())
            not_found = {"message": "route not found", "type": "not_found",
                         "resource": "route", "resource_id": url.path}
            return self.answer(404, json.dumps(not_found).encode())

        do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = handle_any

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    with open(args.port_file + ".tmp", "w") as f:
        f.write(str(server.server_address[1]))
    os.replace(args.port_file + ".tmp", args.port_file)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    sys.exit(main())
