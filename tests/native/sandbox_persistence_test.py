#!/usr/bin/env python3
"""metal-sandbox --state FILE: the world survives a clean stop, and kill -9 at any moment (here:
in the middle of a stream of actions, several times) leaves a file the next start reads."""
import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

failures = []


def check(condition, what):
    print(("ok   " if condition else "FAIL ") + what)
    if not condition:
        failures.append(what)


def start(binary, state, *extra):
    p = subprocess.Popen([binary, "--listen", "127.0.0.1:0", "--state", state, *extra],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    keys, url = [], None
    for line in p.stdout:
        if line.startswith("key "):
            keys.append(line.split()[1])
        if line.startswith("listening on "):
            url = line.split()[-1]
            break
    if url is None:
        raise SystemExit("the sandbox did not start: " + p.stderr.read())
    return p, keys, url


def call(url, key, method="GET", body=None):
    request = urllib.request.Request(url, method=method, data=body.encode() if body else None,
                                     headers={"X-Auth-Token": key, "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=10) as r:
            return r.status, json.loads(r.read() or b"null")
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"null")


def servers(url, key):
    out = []
    for zone in ("fr-par-1", "nl-ams-1", "pl-waw-1"):
        status, body = call(url + "/instance/v1/zones/%s/servers?per_page=100" % zone, key)
        out += body["servers"]
    return {s["id"]: s for s in out}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sandbox", required=True)
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="sandbox-state-")
    state = os.path.join(work, "world.json")

    # A clean stop keeps what happened.
    p, keys, url = start(args.sandbox, state, "--servers", "60", "--seed", "9", "--clock-speed", "20")
    check(os.path.exists(state) and (os.stat(state).st_mode & 0o777) == 0o600,
          "the state file exists from the start, readable by its owner only")
    before = servers(url, keys[0])
    stopped = [s for s in before.values() if s["state"] == "stopped" and not s["protected"]]
    target = stopped[0]
    path = "/instance/v1/zones/%s/servers/%s/action" % (target["zone"], target["id"])
    status, _ = call(url + path, keys[0], "POST", '{"action": "poweron"}')
    check(status == 202, "an action is accepted")
    p.send_signal(signal.SIGTERM)
    p.wait(timeout=10)
    check(p.returncode == 0, "SIGTERM stops the sandbox cleanly")

    p, keys2, url = start(args.sandbox, state, "--servers", "5", "--seed", "1")
    check(keys2 == keys, "after a restart the same keys work (the file wins over --seed/--servers)")
    after = servers(url, keys[0])
    check(set(after) == set(before), "the same %d servers are there" % len(before))
    check(after[target["id"]]["state"] in ("starting", "running"),
          "the server powered on before the stop is starting or running: " + after[target["id"]]["state"])

    # kill -9 in the middle of writes, again and again: every restart reads the file.
    rng = random.Random(4)
    for round_number in range(5):
        stop = threading.Event()
        done = []

        def hammer(url=url, key=keys[0]):
            ids = list(after)
            while not stop.is_set():
                sid = rng.choice(ids)
                s = after[sid]
                action = rng.choice(["poweron", "poweroff", "reboot", "backup"])
                try:
                    status, _ = call(url + "/instance/v1/zones/%s/servers/%s/action" % (s["zone"], sid),
                                     key, "POST", json.dumps({"action": action}))
                    done.append(status)
                except Exception:
                    return  # the server was killed under us
        threads = [threading.Thread(target=hammer) for _ in range(4)]
        for t in threads:
            t.start()
        time.sleep(0.3 + rng.random() * 0.7)
        p.send_signal(signal.SIGKILL)
        p.wait(timeout=10)
        stop.set()
        for t in threads:
            t.join(timeout=15)
        leftovers = [f for f in os.listdir(work) if f != "world.json"]
        p, keys3, url = start(args.sandbox, state)
        check(keys3 == keys and len(servers(url, keys[0])) == len(after),
              "kill -9 #%d after %d actions: the restart reads the last saved world" % (round_number + 1, len(done)))
        for leftover in leftovers:  # a temporary file a kill interrupted is never read
            os.unlink(os.path.join(work, leftover))
    p.send_signal(signal.SIGTERM)
    p.wait(timeout=10)

    # A damaged file is refused, and left alone.
    with open(state, "r+b") as f:
        f.seek(0)
        f.write(b"{\"format\": \"something else\"")
    damaged = open(state, "rb").read()
    r = subprocess.run([args.sandbox, "--listen", "127.0.0.1:0", "--state", state],
                       capture_output=True, text=True, timeout=20)
    check(r.returncode == 1 and state in r.stderr, "a damaged file stops the start with its name: " + r.stderr.strip())
    check(open(state, "rb").read() == damaged, "and is not overwritten")

    # A change that touches no server (a world without any: nothing else moves) is kept too.
    quiet_state = os.path.join(work, "quiet.json")
    p, keys, url = start(args.sandbox, quiet_state, "--servers", "0", "--seed", "3")
    public_key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFj3qG6cVtq1bC8xJ0Qm5y3X7h2T9c4m9o1w6QY0k2Zt me@desk"
    status, created = call(url + "/iam/v1alpha1/ssh-keys", keys[0], "POST",
                           json.dumps({"name": "kept", "public_key": public_key}))
    check(status == 200, "an SSH key is added to a world without servers")
    p.send_signal(signal.SIGTERM)
    p.wait(timeout=10)
    p, keys, url = start(args.sandbox, quiet_state)
    status, listed = call(url + "/iam/v1alpha1/ssh-keys", keys[0])
    check(status == 200 and any(k["id"] == created["id"] for k in listed["ssh_keys"]),
          "after a restart the key is still there")
    p.send_signal(signal.SIGTERM)
    p.wait(timeout=10)

    print("%d failed" % len(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
