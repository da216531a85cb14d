#!/usr/bin/env python3
"""metal-sandbox --proxy: API paths go to another API (here a second sandbox), files are served
from --serve-web, so a browser console and its API share one origin."""
import argparse
import os
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request

failures = []


def check(condition, what):
    print(("ok   " if condition else "FAIL ") + what)
    if not condition:
        failures.append(what)


def start(binary, *extra):
    p = subprocess.Popen([binary, "--listen", "127.0.0.1:0", *extra], stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL, text=True)
    keys, url = [], None
    for line in p.stdout:
        if line.startswith("key "):
            keys.append(line.split()[1])
        if line.startswith("listening on "):
            url = line.split()[-1]
            break
    return p, keys, url


def get(url, key=None):
    request = urllib.request.Request(url, headers={"X-Auth-Token": key} if key else {})
    try:
        with urllib.request.urlopen(request, timeout=20) as r:
            return r.status, r.read(), dict(r.headers)
    except urllib.error.HTTPError as e:
        return e.code, e.read(), dict(e.headers)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sandbox", required=True)
    args = parser.parse_args()
    web = tempfile.mkdtemp(prefix="proxy-web-")
    with open(os.path.join(web, "index.html"), "w") as f:
        f.write("<!doctype html><title>console</title>")
    upstream, keys, upstream_url = start(args.sandbox, "--servers", "120", "--seed", "8", "--frozen-clock",
                                         "--start", "2026-11-01T09:00:00Z")
    front, front_keys, front_url = start(args.sandbox, "--proxy", upstream_url, "--serve-web", web)
    dead, _, dead_url = start(args.sandbox, "--proxy", "http://127.0.0.1:9")
    try:
        target = "/instance/v1/zones/fr-par-1/servers?per_page=100"
        direct = get(upstream_url + target, keys[0])
        proxied = get(front_url + target, keys[0])
        check(proxied[0] == 200 and proxied[1] == direct[1], "the proxied list is the upstream's, byte for byte")
        check(proxied[2].get("X-Total-Count") == direct[2].get("X-Total-Count") and proxied[2].get("Link"),
              "with its paging headers")
        check(get(front_url + target, front_keys[0])[0] == 401,
              "the front sandbox's own keys mean nothing upstream")
        page = get(front_url + "/")
        check(page[0] == 200 and b"console" in page[1], "the console's files come from --serve-web")
        refused = get(dead_url + target, keys[0])
        check(refused[0] == 502 and b"could not be reached" in refused[1] and keys[0].encode() not in refused[1],
              "an unreachable upstream is a 502 that says so (and not the key)")
    finally:
        for p in (front, dead, upstream):
            p.terminate()
            p.wait(timeout=10)
    print("%d failed" % len(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
