#!/usr/bin/env python3
"""Browser journey against the sandbox over HTTP: the sandbox serves the built bundle same-origin;
in headless Chromium the session dialog takes a secret key typed through the keyboard, the list
loads over fetch(), a click powers a server on and the sandbox confirms it, and a reload keeps the
session (for the tab). The key never appears in the address or the status."""
import argparse
import json
import os
import sys
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from cdp import Browser, CdpError  # noqa: E402
from checks import Checks  # noqa: E402
from demo_journey_test import anchor_center, serial_echo  # noqa: E402
from sandbox import start_sandbox  # noqa: E402

SERVERS = 60
LOADED = "(s => s.ready && s.servers.loaded && s.session !== 'demo' ? s : null)(window.metalConsole.status())"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dist", required=True)
    parser.add_argument("--sandbox", required=True)
    parser.add_argument("--artifacts", required=True)
    args = parser.parse_args()
    os.makedirs(args.artifacts, exist_ok=True)
    checks = Checks()
    check = checks.check
    if not os.path.exists(os.path.join(args.dist, "index.html")):
        check(False, f"the web bundle is built ({args.dist}: run ./metal build web)")
        return checks.finish()

    sandbox, key, base_url = start_sandbox(args.sandbox, "--seed", "9", "--servers", str(SERVERS),
                                           "--clock-speed", "20", "--serve-web", args.dist)
    browser = Browser(width=1400, height=900)
    try:
        browser.open_page(f"{base_url}/#/servers?state=stopped&sort=name")
        browser.wait_for("(s => s && s.ready ? s : null)(window.metalConsole && window.metalConsole.status())",
                         30, "the console to start (on the demo)")
        browser.click(*anchor_center(browser, "shell.session"))
        browser.wait_for("'session.key' in window.metalConsole.anchors()", 10, "the session dialog")
        check("session.remember" in browser.evaluate("window.metalConsole.anchors()"),
              "the browser offers to remember the key (wrapped by a WebCrypto key)")
        browser.click(*anchor_center(browser, "session.key"))
        browser.type_text(key)
        browser.click(*anchor_center(browser, "session.connect"))
        status = browser.wait_for(LOADED, 30, "the list to load from the sandbox")
        check(status["session"] == "API (this server)", f"on the sandbox's API ({status['session']})")
        check(status["servers"]["total"] == SERVERS, f"all {SERVERS} servers of the sandbox ({status['servers']['total']})")
        check(status["lastError"] is None, f"no error ({status['lastError']})")
        check(status["route"] == "#/servers?state=stopped&sort=name", f"the address carried over ({status['route']})")
        check(key not in json.dumps(status) and key not in browser.evaluate("window.location.href"),
              "the key is in neither the status nor the address")

        rows = browser.evaluate("window.metalConsole.rows(50)")
        target = rows[0]
        browser.click(*anchor_center(browser, "servers.row." + target["name"]))
        browser.wait_for("'action.poweron' in window.metalConsole.anchors()", 10, "the Power on button")
        browser.click(*anchor_center(browser, "action.poweron"))
        browser.wait_for("(s => s && (s.state === 'starting' || s.state === 'running'))(window.metalConsole.status().selected)",
                         15, "the server to start")
        request = urllib.request.Request(f"{base_url}/instance/v1/zones/{target['zone']}/servers/{target['id']}",
                                         headers={"X-Auth-Token": key})
        with urllib.request.urlopen(request, timeout=20) as answer:
            state = json.load(answer)["server"]["state"]
        check(state in ("starting", "running"), f"the sandbox has {target['name']} {state}")
        browser.screenshot(os.path.join(args.artifacts, "sandbox_session.png"))

        # Its serial console, over the browser's WebSocket to the sandbox's /tty/{zone}/v2/ws.
        browser.wait_for("(s => s && s.state === 'running')(window.metalConsole.status().selected)",
                         30, "the server to reach running")
        serial_echo(browser, check, "hello-over-websocket")
        browser.screenshot(os.path.join(args.artifacts, "sandbox_serial.png"))

        browser.evaluate("window.metalBeforeReload = true; location.reload()")
        again = browser.wait_for("!window.metalBeforeReload && " + LOADED, 30,
                                 "the list to load again after a reload")
        check(again["servers"]["total"] == SERVERS, "a reload keeps the session for the tab")
    except CdpError as error:
        check(False, str(error))
        try:
            browser.screenshot(os.path.join(args.artifacts, "sandbox_session_failure.png"))
        except Exception:
            pass
    finally:
        browser.close()
        sandbox.terminate()
        sandbox.wait(timeout=10)
    return checks.finish()


if __name__ == "__main__":
    sys.exit(main())
