#!/usr/bin/env python3
"""metal-sandbox under many concurrent clients (issue 4): for a bounded time, clients create
servers, act on them, list and delete, over keep-alive connections. Afterwards: no transport
error, no 5xx, every answer in the API's shape, the world's invariants hold (no node with two
servers...) and the counts add up (what the lists show = what the world holds = created - deleted
+ seeded)."""
import argparse
import http.client
import json
import random
import subprocess
import sys
import threading
import time

ZONES = ["fr-par-1", "nl-ams-1", "pl-waw-1"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sandbox", required=True)
    parser.add_argument("--clients", type=int, default=12)
    parser.add_argument("--seconds", type=float, default=8)
    args = parser.parse_args()
    p = subprocess.Popen([args.sandbox, "--listen", "127.0.0.1:0", "--servers", "300", "--seed", "3",
                          "--clock-speed", "40"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    keys, host, port = [], None, None
    for line in p.stdout:
        if line.startswith("key "):
            parts = dict(x.split("=", 1) for x in line.split()[2:])
            keys.append((line.split()[1], parts["role"], parts["org"]))
        if line.startswith("listening on "):
            host, port = line.split("//")[1].strip().split(":")
            break
    writer, _, writer_org = [k for k in keys if k[1] == "read-write"][0]
    admin = [k for k in keys if k[1] == "admin"][0][0]
    # The organization's limits raised for the storm (quotas are real: 2x the seeded fleet).
    setup = http.client.HTTPConnection(host, int(port), timeout=20)
    setup.request("PUT", "/sandbox/v1/quotas", body=json.dumps(
        {"organization_id": writer_org, "quotas": {"servers": 100000, "volumes": 100000}}),
        headers={"X-Auth-Token": admin, "Content-Type": "application/json"})
    raised = setup.getresponse()
    assert raised.status == 200, raised.read()
    raised.read()
    failures, counts = [], {"requests": 0, "created": 0, "deleted": 0, "refused": 0}
    lock = threading.Lock()
    stop_at = time.monotonic() + args.seconds

    def client(number):
        rng = random.Random(number)
        connection = http.client.HTTPConnection(host, int(port), timeout=20)
        mine = []  # servers this client created: (zone, id)

        def call(method, path, body=None):
            headers = {"X-Auth-Token": writer}
            if body is not None:
                headers["Content-Type"] = "application/json"
            connection.request(method, path, body=json.dumps(body) if body is not None else None,
                               headers=headers)
            response = connection.getresponse()
            raw = response.read()
            with lock:
                counts["requests"] += 1
            if response.status >= 500:
                failures.append("%d on %s %s" % (response.status, method, path))
            parsed = json.loads(raw) if raw else None
            if response.status >= 400 and not (isinstance(parsed, dict) and "type" in parsed and "message" in parsed):
                failures.append("%d without an API error body on %s %s" % (response.status, method, path))
            return response.status, parsed

        try:
            while time.monotonic() < stop_at:
                zone = rng.choice(ZONES)
                roll = rng.random()
                if roll < 0.25 or not mine:
                    status, body = call("POST", "/instance/v1/zones/%s/servers" % zone,
                                        {"name": "load-%d-%d" % (number, len(mine)), "commercial_type": "DEV1-S",
                                         "image": "ubuntu_jammy", "tags": ["load"]})
                    if status == 201:
                        mine.append((zone, body["server"]["id"]))
                        with lock:
                            counts["created"] += 1
                    else:
                        failures.append("create answered %d: %s" % (status, body))
                elif roll < 0.7:
                    zone, sid = rng.choice(mine)
                    action = rng.choice(["poweron", "poweroff", "reboot", "stop_in_place"])
                    status, body = call("POST", "/instance/v1/zones/%s/servers/%s/action" % (zone, sid),
                                        {"action": action})
                    if status == 400:
                        with lock:
                            counts["refused"] += 1  # a transition in progress: the API's refusal
                    elif status != 202:
                        failures.append("%s answered %d: %s" % (action, status, body))
                elif roll < 0.76:
                    # A block volume made and attached to one of ours: a deleted server leaves it
                    # detached, and the invariants check both sides agree.
                    zone, sid = rng.choice(mine)
                    status, body = call("POST", "/instance/v1/zones/%s/volumes" % zone,
                                        {"name": "load-vol", "volume_type": "b_ssd", "size": 20 * 10**9})
                    if status != 201:
                        failures.append("volume create answered %d: %s" % (status, body))
                    else:
                        status, body = call("POST", "/instance/v1/zones/%s/servers/%s/attach-volume" % (zone, sid),
                                            {"volume_id": body["volume"]["id"]})
                        if status == 409 or (status == 400 and body.get("type") == "invalid_request_error"):
                            with lock:
                                counts["refused"] += 1  # in transition, or full
                        elif status != 200:
                            failures.append("attach answered %d: %s" % (status, body))
                elif roll < 0.9:
                    status, body = call("GET", "/instance/v1/zones/%s/servers?per_page=100&page=%d"
                                        % (zone, rng.randint(1, 3)))
                    if status != 200 or "servers" not in body:
                        failures.append("list answered %d" % status)
                else:
                    zone, sid = rng.choice(mine)
                    status, body = call("DELETE", "/instance/v1/zones/%s/servers/%s" % (zone, sid))
                    if status == 204:
                        mine.remove((zone, sid))
                        with lock:
                            counts["deleted"] += 1
                    elif status == 400:
                        with lock:
                            counts["refused"] += 1  # not stopped: refused, as the real API does
                    else:
                        failures.append("delete answered %d: %s" % (status, body))
        except Exception as error:  # a transport failure is a failure of the server
            failures.append("client %d: %r" % (number, error))

    threads = [threading.Thread(target=client, args=(n,)) for n in range(args.clients)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started

    connection = http.client.HTTPConnection(host, int(port), timeout=20)
    connection.request("GET", "/sandbox/v1/invariants", headers={"X-Auth-Token": admin})
    invariants = json.loads(connection.getresponse().read())
    listed = 0
    for zone in ZONES:
        page = 1
        while True:
            connection.request("GET", "/instance/v1/zones/%s/servers?per_page=100&page=%d" % (zone, page),
                               headers={"X-Auth-Token": admin})
            response = connection.getresponse()
            body = json.loads(response.read())
            listed += len(body["servers"])
            if page * 100 >= int(response.getheader("X-Total-Count")):
                break
            page += 1
    p.terminate()
    p.wait(timeout=10)

    ok = True
    def check(condition, what):
        nonlocal ok
        print(("ok   " if condition else "FAIL ") + what)
        ok = ok and condition
    check(not failures, "%d requests from %d clients in %.1f s (%.0f/s), no errors%s" %
          (counts["requests"], args.clients, elapsed, counts["requests"] / elapsed,
           "" if not failures else ": " + "; ".join(failures[:5])))
    check(counts["created"] > 0 and counts["deleted"] > 0, "servers were created (%d) and deleted (%d); %d refusals"
          % (counts["created"], counts["deleted"], counts["refused"]))
    check(invariants["problems"] == [], "the world's invariants hold: %s" % (invariants["problems"][:3] or "none broken"))
    expected = 300 + counts["created"] - counts["deleted"]
    check(invariants["servers"] == expected == listed,
          "counts add up: 300 seeded + %d created - %d deleted = %d; the world holds %d; the lists show %d"
          % (counts["created"], counts["deleted"], expected, invariants["servers"], listed))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
