#!/usr/bin/env python3
"""metalctl against a loopback API over real HTTP (libcurl), replaying recorded bodies.

Checks what a user sees (tables, JSON, exit status, one-line errors) and what went on the wire
(routes, paging, the key only in its header, retries, connection reuse)."""
import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
KEY = "3f1c9a7e-5d2b-4e8f-a6c1-0b9d7e2f4a85"  # shaped like a real secret key
PROJECT = "fa1e3217-dc80-42ac-85c3-3f034b78b552"

failures = []


def check(condition, what):
    print(("ok   " if condition else "FAIL ") + what)
    if not condition:
        failures.append(what)


class Replay:
    def __init__(self, fixtures, workdir, name, *extra):
        self.port_file = os.path.join(workdir, name + ".port")
        self.log = os.path.join(workdir, name + ".jsonl")
        self.process = subprocess.Popen(
            [sys.executable, os.path.join(HERE, "replay_server.py"), "--fixtures", fixtures,
             "--key", KEY, "--port-file", self.port_file, "--log", self.log, *extra])
        deadline = time.time() + 10
        while not os.path.exists(self.port_file):
            if time.time() > deadline or self.process.poll() is not None:
                raise SystemExit("the replay server did not start")
            time.sleep(0.05)
        self.url = "http://127.0.0.1:" + open(self.port_file).read().strip()

    def requests(self):
        if not os.path.exists(self.log):
            return []
        return [json.loads(line) for line in open(self.log)]

    def stop(self):
        self.process.send_signal(signal.SIGINT)
        self.process.wait(timeout=10)


def run(metalctl, args, env):
    started = time.monotonic()
    result = subprocess.run([metalctl, *args], env=env, capture_output=True, text=True, timeout=120)
    result.seconds = time.monotonic() - started
    for stream in (result.stdout, result.stderr):
        check(KEY not in stream, "the secret key is not printed by: metalctl " + " ".join(args))
    return result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--metalctl", required=True)
    parser.add_argument("--fixtures", required=True)
    args = parser.parse_args()
    workdir = tempfile.mkdtemp(prefix="metalctl-test-")
    recorded = lambda name: json.load(open(os.path.join(args.fixtures, "scaleway", name)))
    api = Replay(args.fixtures, workdir, "api", "--fail-zone", "nl-ams-1")
    base_env = {k: v for k, v in os.environ.items() if not k.startswith("SCW_")}
    base_env["SCW_CONFIG_PATH"] = os.path.join(workdir, "no-config.yaml")
    env = dict(base_env, SCW_API_URL=api.url, SCW_SECRET_KEY=KEY, SCW_DEFAULT_PROJECT_ID=PROJECT)
    try:
        # --- lists, as a table and as JSON ---------------------------------------------------
        listed = recorded("instance_list_servers.json")["servers"]
        r = run(args.metalctl, ["server", "list"], env)
        check(r.returncode == 0, "server list exits 0")
        lines = r.stdout.splitlines()
        check(lines[0].split()[:4] == ["ID", "NAME", "TYPE", "STATE"], "server list has a header row")
        check(len(lines) == 1 + len(listed), "server list shows every recorded server")
        check(all(s["name"] in r.stdout for s in listed), "server list shows the recorded names")
        sent = api.requests()[-1]
        check(sent["target"] == "/instance/v1/zones/fr-par-1/servers?page=1&per_page=100",
              "server list asks 100 a page in the default zone")
        check("x-auth-token" in sent["headers"] and sent["key_ok"], "the key travels in X-Auth-Token")

        r = run(args.metalctl, ["server", "list", "-o", "json"], env)
        servers = json.loads(r.stdout)
        check(r.returncode == 0 and [s["id"] for s in servers] == [s["id"] for s in listed],
              "server list -o json gives the recorded servers in order")
        check(servers[0]["state"] == listed[0]["state"] and servers[0]["commercial_type"] == listed[0]["commercial_type"],
              "JSON output keeps the API's field names and values")

        # --- all zones, one failing ------------------------------------------------------------
        before = len(api.requests())
        r = run(args.metalctl, ["server", "list", "--zone", "all"], env)
        check(r.returncode == 1, "server list --zone all exits 1 when a zone fails")
        check(all(s["name"] in r.stdout for s in listed), "the zones that answered are still listed")
        err = r.stderr.strip().splitlines()
        check(len(err) == 1 and err[0].startswith("metalctl: nl-ams-1: Service Unavailable (503"),
              "the failing zone is named on one line: " + (err[0] if err else "(nothing)"))
        during = api.requests()[before:]
        zones = {q["target"].split("/")[4] for q in during}
        check(len(zones) == 10, "every one of the 10 zones was asked")
        retried = [q for q in during if "/nl-ams-1/" in q["target"]]
        check(len(retried) == 4, "a 503 GET is tried 4 times in all (got %d)" % len(retried))
        check(len({q["connection"] for q in during}) < len(during), "connections are reused")

        # --- one server: get, action, create, delete -------------------------------------------
        running = recorded("instance_get_server_running.json")["server"]
        r = run(args.metalctl, ["server", "get", running["id"]], env)
        check(r.returncode == 0 and running["name"] in r.stdout and "running (booting kernel)" in r.stdout,
              "server get shows the name and state with its detail")
        r = run(args.metalctl, ["server", "get", running["id"], "-o", "json"], env)
        check(json.loads(r.stdout)["id"] == running["id"], "server get -o json is the server")

        task = recorded("instance_server_action_poweron_202.json")["task"]
        r = run(args.metalctl, ["server", "action", running["id"], "poweron"], env)
        check(r.returncode == 0 and task["id"] in r.stdout, "server action prints the task the API made")
        sent = api.requests()[-1]
        check(sent["method"] == "POST" and json.loads(sent["body"]) == {"action": "poweron"},
              "the action is one POST with the API's body")

        created = recorded("instance_create_server_201.json")["server"]
        r = run(args.metalctl, ["server", "create", "type=DEV1-S", "image=ubuntu_jammy", "name=web-1",
                                "tags=web,prod"], env)
        check(r.returncode == 0 and created["id"] in r.stdout, "server create prints the new server")
        body = json.loads(api.requests()[-1]["body"])
        check(body["commercial_type"] == "DEV1-S" and body["project"] == PROJECT and body["tags"] == ["web", "prod"],
              "server create sends type, project (from SCW_DEFAULT_PROJECT_ID) and tags")

        r = run(args.metalctl, ["server", "delete", running["id"]], env)
        check(r.returncode == 0 and api.requests()[-1]["method"] == "DELETE", "server delete sends DELETE")

        # --- the other lists -------------------------------------------------------------------
        r = run(args.metalctl, ["type", "list"], env)
        rows = [line.split() for line in r.stdout.splitlines()[1:]]
        dev1s = [row for row in rows if row[0] == "DEV1-S"]
        check(r.returncode == 0 and len(rows) == 76, "type list merges both recorded pages: 76 types")
        check(dev1s and "0.0088" in dev1s[0] and "6.42" in dev1s[0],
              "DEV1-S costs 0.0088 EUR an hour, 6.42 EUR a month")
        check(any("available" in row for row in rows), "type list shows availability")
        for command, expect in [(["image", "list"], "cli-img-boring-meninsky"),
                                (["ip", "list"], "51.15.229.243"),
                                (["volume", "list"], "tf-acc-server-with-reserved-ip"),
                                (["security-group", "list"], "cli-sg-charming-rubin"),
                                (["ssh-key", "list"], "laptop")]:
            r = run(args.metalctl, command, env)
            check(r.returncode == 0 and expect in r.stdout, " ".join(command) + " shows " + expect)
        r = run(args.metalctl, ["billing", "consumption", "period=2026-10"], env)
        check(r.returncode == 0 and "8.14 EUR" in r.stdout, "billing consumption totals 6.42 + 1.72 = 8.14 EUR")
        sent = api.requests()[-1]
        check("billing_period=2026-10" in sent["target"] and "project_id=" + PROJECT in sent["target"],
              "billing consumption asks for the month and the default project")

        # --- failures ---------------------------------------------------------------------------
        r = run(args.metalctl, ["server", "list"], dict(env, SCW_SECRET_KEY="0" * 36))
        check(r.returncode == 1 and r.stdout == "", "a wrong key fails with nothing on stdout")
        check(r.stderr.strip() == "metalctl: fr-par-1: authentication is denied (401 denied_authentication, "
                                  "GET /instance/v1/zones/fr-par-1/servers)", "and says so in one line")
        r = run(args.metalctl, ["server", "list"], dict(env, SCW_API_URL="http://127.0.0.1:9"))
        check(r.returncode == 1 and len(r.stderr.strip().splitlines()) == 1 and "network" in r.stderr,
              "an unreachable API is one line naming the network: " + r.stderr.strip())
        for argv, message in [(["server", "explode"], "is not a server command"),
                              (["server", "list", "colour=red"], "unknown argument \"colour=\""),
                              (["billing", "consumption", "period=October"], "is not a month"),
                              (["server", "list", "-o", "yaml"], "is not one of: table, json"),
                              (["server", "get", "x", "--zone", "all"], "acts in one zone"),
                              (["server", "list", "--secret-key", KEY], "not taken on the command line")]:
            r = run(args.metalctl, argv, env)
            check(r.returncode == 2 and message in r.stderr and len(r.stderr.strip().splitlines()) == 1,
                  " ".join(argv).replace(KEY, "<key>") + ": exit 2, " + message)
        r = run(args.metalctl, ["server", "list"], dict(env, SCW_SECRET_KEY=""))
        check(r.returncode == 2 and "no secret key" in r.stderr, "no key at all is a settings error")

        # --- the scw config file: profiles, precedence, errors ----------------------------------
        config = os.path.join(workdir, "config.yaml")
        with open(config, "w") as f:
            f.write("secret_key: %s\napi_url: http://127.0.0.1:9\ndefault_zone: fr-par-1\n"
                    "active_profile: replay\nprofiles:\n  replay:\n    api_url: %s\n"
                    "    default_zone: fr-par-1\n  broken:\n    api_url: http://127.0.0.1:9\n" % (KEY, api.url))
        os.chmod(config, 0o600)
        file_env = dict(base_env, SCW_CONFIG_PATH=config)
        r = run(args.metalctl, ["server", "list"], file_env)
        check(r.returncode == 0 and listed[0]["name"] in r.stdout and r.stderr == "",
              "the active profile's api_url and the root secret_key are used")
        r = run(args.metalctl, ["server", "list"], dict(file_env, SCW_PROFILE="broken"))
        check(r.returncode == 1, "SCW_PROFILE picks another profile")
        r = run(args.metalctl, ["server", "list", "--profile", "replay"], dict(file_env, SCW_PROFILE="broken"))
        check(r.returncode == 0, "--profile beats SCW_PROFILE")
        r = run(args.metalctl, ["server", "list"], dict(file_env, SCW_PROFILE="broken", SCW_API_URL=api.url))
        check(r.returncode == 0, "SCW_API_URL beats the profile")
        r = run(args.metalctl, ["server", "list", "--profile", "missing"], file_env)
        check(r.returncode == 2 and "profile \"missing\"" in r.stderr and config in r.stderr,
              "a missing profile is named with the file")
        os.chmod(config, 0o644)
        r = run(args.metalctl, ["server", "list"], file_env)
        check(r.returncode == 0 and "chmod 600" in r.stderr, "a config readable by others is warned about")
        with open(config, "w") as f:
            f.write("profiles:\n  replay: [unclosed\n")
        r = run(args.metalctl, ["server", "list"], file_env)
        check(r.returncode == 2 and config in r.stderr and "line " in r.stderr,
              "a broken config names the file and the line: " + r.stderr.strip())
        with open(config, "w") as f:
            f.write("insecure: maybe\n")
        r = run(args.metalctl, ["server", "list"], file_env)
        check(r.returncode == 2 and "insecure: expected true or false" in r.stderr, "a wrong value is named")

        # --- every request: the key only ever in its header --------------------------------------
        everything = api.requests()
        check(all(KEY not in q["target"] and KEY not in q["body"] for q in everything),
              "the key never appears in a URL or a body (%d requests)" % len(everything))
    finally:
        api.stop()

    # --- a 429 without Retry-After or body, then success ------------------------------------------
    throttled = Replay(args.fixtures, workdir, "throttled", "--throttle-first", "2")
    try:
        r = run(args.metalctl, ["server", "list"], dict(env, SCW_API_URL=throttled.url))
        check(r.returncode == 0 and listed[0]["name"] in r.stdout, "two 429s are waited out and retried")
        check(len(throttled.requests()) == 3, "the same GET was sent 3 times")
        r = run(args.metalctl, ["server", "action", running["id"], "reboot"], dict(env, SCW_API_URL=throttled.url))
        check(r.returncode == 0, "after the throttling, an action goes through")
    finally:
        throttled.stop()
    throttled = Replay(args.fixtures, workdir, "throttled-post", "--throttle-first", "1")
    try:
        r = run(args.metalctl, ["server", "action", running["id"], "poweron"], dict(env, SCW_API_URL=throttled.url))
        # A 429 means the API refused before acting: the action goes again, and once accepted,
        # never again (a 5xx or a lost connection, which may have acted, is not repeated).
        check(r.returncode == 0, "a 429 on an action is waited out and the action goes through")
        posts = [q for q in throttled.requests() if q["method"] == "POST"]
        check(len(posts) == 2, "the POST was sent twice: refused with 429, then accepted (%d)" % len(posts))
    finally:
        throttled.stop()

    print("%d failed" % len(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
