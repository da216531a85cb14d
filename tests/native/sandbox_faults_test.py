#!/usr/bin/env python3
"""Faults on demand over HTTP: with 429s and latency injected, metalctl still lists every zone
(its dispatcher waits and retries); with every request failing, it says so in one line."""
import argparse
import os
import subprocess
import sys
import time

failures = []


def check(condition, what):
    print(("ok   " if condition else "FAIL ") + what)
    if not condition:
        failures.append(what)


def start(sandbox, faults):
    p = subprocess.Popen([sandbox, "--listen", "127.0.0.1:0", "--servers", "150", "--seed", "4",
                          "--frozen-clock", "--start", "2026-11-01T09:00:00Z",
                          "--faults", faults], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    key, url = None, None
    for line in p.stdout:
        if line.startswith("key ") and key is None:
            key = line.split()[1]
        if line.startswith("listening on "):
            url = line.split()[-1]
            break
    return p, key, url


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sandbox", required=True)
    parser.add_argument("--metalctl", required=True)
    args = parser.parse_args()
    env = {k: v for k, v in os.environ.items() if not k.startswith("SCW_")}
    env["SCW_CONFIG_PATH"] = "/nonexistent/config.yaml"

    p, key, url = start(args.sandbox, "none")
    clean = subprocess.run([args.metalctl, "server", "list", "--zone", "all", "-o", "json"], capture_output=True,
                           text=True, env=dict(env, SCW_API_URL=url, SCW_SECRET_KEY=key), timeout=60)
    p.terminate()
    p.wait(timeout=10)
    check(clean.returncode == 0, "without faults: %d bytes of servers" % len(clean.stdout))

    p, key, url = start(args.sandbox, "rate_limit=0.25,latency_ms=15")
    started = time.monotonic()
    r = subprocess.run([args.metalctl, "server", "list", "--zone", "all", "-o", "json"], capture_output=True,
                       text=True, env=dict(env, SCW_API_URL=url, SCW_SECRET_KEY=key), timeout=120)
    elapsed = time.monotonic() - started
    p.terminate()
    p.wait(timeout=10)
    check(r.returncode == 0 and r.stdout == clean.stdout,
          "with a quarter of requests refused 429 and 15 ms latency: the same list, in %.1f s" % elapsed)

    p, key, url = start(args.sandbox, "error_rate=1")
    r = subprocess.run([args.metalctl, "server", "get", "x"], capture_output=True, text=True,
                       env=dict(env, SCW_API_URL=url, SCW_SECRET_KEY=key), timeout=120)
    p.terminate()
    p.wait(timeout=10)
    lines = r.stderr.strip().splitlines()
    check(r.returncode == 1 and len(lines) == 1 and "Service Unavailable (503" in lines[0],
          "every request failing: one line, " + (lines[0] if lines else "(nothing)"))
    print("%d failed" % len(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
