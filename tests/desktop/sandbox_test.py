#!/usr/bin/env python3
"""The desktop app against the sandbox over HTTP (libcurl on the app's worker thread), in a real
X window under Xvfb, driven with real X input (xdotool): the list loads, a click opens a stopped
server's detail, a click on Power on starts it, and the sandbox confirms. Screenshots saved."""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from checks import Checks  # noqa: E402
from sandbox import start_sandbox  # noqa: E402
from smoke_test import start_xvfb  # noqa: E402

SERVERS = 60


def api_get(url, key):
    request = urllib.request.Request(url, headers={"X-Auth-Token": key})
    with urllib.request.urlopen(request, timeout=20) as answer:
        return json.load(answer)


class App:
    """The running app, seen through its --report file, clicked through X."""

    def __init__(self, report, env):
        self.report_path = report
        self.env = env

    def report(self):
        try:
            with open(self.report_path) as f:
                return json.load(f)
        except (OSError, ValueError):
            return None

    def wait(self, predicate, timeout, what):
        deadline = time.time() + timeout
        last = None
        while time.time() < deadline:
            last = self.report()
            if last is not None:
                value = predicate(last)
                if value:
                    return value
            time.sleep(0.1)
        raise TimeoutError(f"timed out after {timeout}s waiting for {what} (status: "
                           f"{json.dumps(last['status'])[:400] if last else None})")

    def click(self, anchor):
        """Clicks `anchor` once a drawn frame has it (a report can come from a frame that holds
        the data but whose layout ImGui has not finished: a window's first frame)."""
        x, y, w, h = self.wait(lambda r: r["anchors"].get(anchor), 5, f"{anchor!r} on screen")
        subprocess.run(["xdotool", "mousemove", str(int(x + w / 2)), str(int(y + h / 2))], env=self.env, check=True)
        time.sleep(0.1)
        subprocess.run(["xdotool", "click", "1"], env=self.env, check=True)
        time.sleep(0.2)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--app", required=True)
    parser.add_argument("--sandbox", required=True)
    parser.add_argument("--artifacts", required=True)
    args = parser.parse_args()
    os.makedirs(args.artifacts, exist_ok=True)
    checks = Checks()
    check = checks.check
    if not shutil.which("xdotool"):
        check(False, "xdotool is installed (./metal setup installs it)")
        return checks.finish()

    sandbox, key, url = start_sandbox(args.sandbox, "--seed", "9", "--servers", str(SERVERS),
                                       "--clock-speed", "20")
    xvfb, display = start_xvfb()
    workdir = tempfile.mkdtemp(prefix="metal-desktop-")
    report = os.path.join(workdir, "report.json")
    # An scw config with two profiles, as the Scaleway CLI keeps it (mode 600). The app starts on
    # the demo; the session dialog offers the profiles, and one click moves to the sandbox.
    config = os.path.join(workdir, "config.yaml")
    with open(os.open(config, os.O_WRONLY | os.O_CREAT, 0o600), "w") as out:
        out.write(f"profiles:\n  sandbox:\n    api_url: {url}\n    secret_key: {key}\n"
                  f"  elsewhere:\n    api_url: http://127.0.0.1:9\n")
    env = {**os.environ, "DISPLAY": display, "SCW_CONFIG_PATH": config}
    env.pop("SCW_SECRET_KEY", None)
    env.pop("SCW_API_URL", None)
    app_process = subprocess.Popen([args.app, "--report", report, "--print-status",
                                    "--route", "#/servers?state=stopped&sort=name"],
                                   env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    app = App(report, env)
    try:
        app.wait(lambda r: r["status"]["ready"] and r["status"]["servers"]["loaded"], 30, "the demo to load")
        app.click("shell.session")
        app.wait(lambda r: "session.profile.sandbox" in r["anchors"], 10, "the profiles in the session dialog")
        check("session.profile.elsewhere" in app.report()["anchors"], "both profiles of the scw config are offered")
        check("session.key" in app.report()["anchors"] and "session.remember" not in app.report()["anchors"],
              "the desktop does not offer to remember a key it would not keep (profiles keep keys)")
        subprocess.run(["import", "-display", display, "-window", "root", os.path.join(args.artifacts, "desktop_profiles.png")],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        app.click("session.profile.sandbox")
        status = app.wait(lambda r: r["status"] if r["status"]["session"] != "demo" and r["status"].get("servers", {}).get("loaded") else None,
                          30, "the list to load from the sandbox")
        check(status["session"] == url, f"the app speaks to the sandbox through the profile ({status['session']})")
        check(status["servers"]["total"] == SERVERS, f"all {SERVERS} servers listed ({status['servers']['total']})")
        check(status["lastError"] is None, f"no error ({status['lastError']})")
        check(key not in json.dumps(status), "the key appears nowhere in what the app reports")
        rows = app.report()["rows"]
        check(len(rows) > 0 and all(r["state"] == "stopped" for r in rows), f"the route's filter applies ({len(rows)} stopped)")
        target = rows[0]

        app.click("servers.row." + target["name"])
        selected = app.wait(lambda r: r["status"]["selected"], 10, "the detail to open")
        check(selected["id"] == target["id"], f"a click opened {target['name']}")
        app.wait(lambda r: "action.poweron" in r["anchors"], 10, "the Power on button")
        subprocess.run(["import", "-display", display, "-window", "root", os.path.join(args.artifacts, "desktop_sandbox_detail.png")],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        app.click("action.poweron")
        app.wait(lambda r: (r["status"]["selected"] or {}).get("state") in ("starting", "running"), 15,
                 "the server to start")
        server = api_get(f"{url}/instance/v1/zones/{target['zone']}/servers/{target['id']}", key)["server"]
        check(server["state"] in ("starting", "running"), f"the sandbox has it {server['state']}")
        final = app.wait(lambda r: r["status"] if (r["status"]["selected"] or {}).get("state") == "running" else None,
                         60, "the server to reach running")
        check(final["selected"]["state"] == "running", f"{target['name']} reached running in the app")

        # Its serial console, over Beast to the sandbox's websocket, typed into through X.
        app.click("tab.serial")
        app.wait(lambda r: (r["status"].get("serial") or {}).get("link") == "connected" and
                 any(line.endswith(" login:") for line in r["status"]["serial"]["screen"]), 20,
                 "the serial console's login prompt")
        app.click("serial.terminal")
        subprocess.run(["xdotool", "type", "--delay", "60", "root"], env=env, check=True)
        subprocess.run(["xdotool", "key", "--delay", "100", "Return"], env=env, check=True)
        app.wait(lambda r: "Password:" in r["status"]["serial"]["screen"], 10, "the password prompt")
        check(True, "typing in the terminal reached the server's console")
        subprocess.run(["import", "-display", display, "-window", "root", os.path.join(args.artifacts, "desktop_serial.png")],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        subprocess.run(["import", "-display", display, "-window", "root", os.path.join(args.artifacts, "desktop_sandbox_running.png")],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        print(f"frame ms: avg {final['frameMs']['avg']:.2f}, p95 {final['frameMs']['p95']:.2f}; "
              f"first frame with data {final['firstFrameMs']:.0f} ms")
    except TimeoutError as error:
        check(False, str(error))
    finally:
        app_process.terminate()
        try:
            out, err = app_process.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            app_process.kill()
            out, err = app_process.communicate()
        check(app_process.returncode == 0, f"the app exited cleanly on SIGTERM (code {app_process.returncode}) {err.strip()[:300]}")
        check(key not in out and key not in err, "the key appears nowhere in the app's output")
        xvfb.terminate()
        sandbox.terminate()
        xvfb.wait(timeout=10)
        sandbox.wait(timeout=10)
        shutil.rmtree(workdir, ignore_errors=True)
    return checks.finish()


if __name__ == "__main__":
    sys.exit(main())
