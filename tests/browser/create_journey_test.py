#!/usr/bin/env python3
"""Browser journey: create a server with the wizard on the offline demo, in headless Chromium.

Clicks "Create server", lets the form load what the zone offers, types a name and tags through
the keyboard, clicks Create, and watches the new server open and walk through its states to
running. Screenshots of the form and of the running server are saved.
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from cdp import Browser, CdpError  # noqa: E402
from checks import Checks  # noqa: E402
from demo_journey_test import anchor_center, start_server  # noqa: E402

NAME = "journey-web-1"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dist", required=True)
    parser.add_argument("--serve", required=True, help="web/serve.py")
    parser.add_argument("--artifacts", required=True)
    args = parser.parse_args()
    os.makedirs(args.artifacts, exist_ok=True)
    checks = Checks()
    check = checks.check

    server, base_url = start_server(args.serve, args.dist)
    browser = Browser(width=1400, height=1000)
    try:
        browser.open_page(f"{base_url}?servers=40&seed=3&speed=20")
        loaded = browser.wait_for("(s => s.ready && s.servers.loaded ? s : null)(window.metalConsole.status())",
                                  30, "the list to load")
        before = loaded["servers"]["total"]

        browser.click(*anchor_center(browser, "servers.create"))
        form = browser.wait_for("(s => s.create && s.create.ready ? s.create : null)(window.metalConsole.status())",
                                15, "the form to load what the zone offers")
        check(browser.evaluate("window.location.hash").startswith("#/servers/new"), "the form has its address")
        check(form["problems"] == ["the server needs a name"], f"only the name is missing ({form['problems']})")
        check(form["type"] != "", f"a type is preselected ({form['type']})")

        browser.click(*anchor_center(browser, "create.name"))
        browser.type_text(NAME)
        browser.click(*anchor_center(browser, "create.tags"))
        browser.type_text("web journey")
        ready = browser.wait_for("(c => c && c.problems.length === 0 ? c : null)(window.metalConsole.status().create)",
                                 10, "the form to be complete")
        check(ready["problems"] == [], "the form is complete")
        browser.screenshot(os.path.join(args.artifacts, "create_form.png"))

        browser.click(*anchor_center(browser, "create.submit"))
        opened = browser.wait_for(
            f"(s => s.selected && s.selected.name === {NAME!r} ? s : null)(window.metalConsole.status())",
            15, "the new server to open")
        check(opened["servers"]["total"] == before + 1, f"the list has one more server ({opened['servers']['total']})")
        check(not browser.evaluate("window.location.hash").startswith("#/servers/new"),
              "the form gave way to the new server's detail")
        running = browser.wait_for(
            "(s => s.selected && s.selected.state === 'running' ? s : null)(window.metalConsole.status())",
            60, "the new server to reach running")
        check(running["selected"]["state"] == "running", f"{NAME} reached running")
        browser.screenshot(os.path.join(args.artifacts, "create_running.png"))
        check(running["lastError"] is None, f"no error along the way ({running['lastError']})")
    except CdpError as error:
        check(False, str(error))
        try:
            browser.screenshot(os.path.join(args.artifacts, "create_failure.png"))
        except Exception:
            pass
    finally:
        browser.close()
        server.kill()
    return checks.finish()


if __name__ == "__main__":
    sys.exit(main())
