#!/usr/bin/env python3
"""Browser journey: a deep link, a reload, a bulk power off of 20 servers, and the Back button.

In Debian's headless Chromium on the offline demo. Opens a filtered, grouped, sorted list from
its address, reloads and lands on the same list; ticks one row and shift-clicks the twentieth;
powers the twenty off through the confirmation dialog; watches each reach `stopped` on another
filter; Back returns to the first list. Every step goes through the page's own input path.
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from cdp import Browser, CdpError  # noqa: E402
from checks import Checks  # noqa: E402
from demo_journey_test import anchor_center, start_server  # noqa: E402

SERVERS = 300
SEED = 11
SPEED = 20
DEEP_LINK = "#/servers?state=running&group=zone&sort=name"
LOADED = "(s => s.ready && s.servers.loaded ? s : null)(window.metalConsole.status())"


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
    browser = Browser(width=1280, height=1100)  # twenty rows and their group header on screen
    try:
        browser.open_page(f"{base_url}?servers={SERVERS}&seed={SEED}&speed={SPEED}{DEEP_LINK}")
        status = browser.wait_for(LOADED, 30, "the deep-linked list to load")
        check(status["route"] == DEEP_LINK, f"the deep link is the console's route (got {status['route']})")
        # At 20x a server may stop by itself between the list's refresh and this read (its row
        # then shows "stopping" until the next frame drops it), so the list is read as a frame
        # draws it: the rows and the count from one evaluation, until one agrees.
        listed = browser.wait_for(
            "(s => (r => r.length === s.servers.visible && r.every(x => x.state === 'running') ? r : null)"
            "(window.metalConsole.rows(1000)))(window.metalConsole.status())", 5,
            "a list of running servers only")
        rows = listed if isinstance(listed, list) else []
        check(len(rows) > 0 and all(r["state"] == "running" for r in rows),
              f"the list shows only running servers ({len(rows)})")
        zones = [r["zone"] for r in rows]
        check(zones == sorted(zones), "grouped by zone")

        browser.evaluate("window.metalBeforeReload = true; location.reload()")
        # (The old page answers until the new one replaces it: wait for the new one.)
        again = browser.wait_for("!window.metalBeforeReload && " + LOADED, 30,
                                 "the list to load again after a reload")
        check(again["route"] == DEEP_LINK, f"a reload lands on the same filtered list ({again['route']})")
        check(browser.evaluate("window.location.hash") == DEEP_LINK, "the address is unchanged")

        rows = browser.evaluate("window.metalConsole.rows(1000)")
        check(len(rows) >= 20, f"at least 20 running servers to power off ({len(rows)})")
        first = rows[0]["name"]
        browser.click(*anchor_center(browser, "servers.tick." + first))
        # The demo's world moves on its own (at 20x a server may stop by itself between two
        # clicks), so the twentieth row is read from the list as it is now.
        for _ in range(3):
            rows = browser.evaluate("window.metalConsole.rows(1000)")
            at = next(i for i, r in enumerate(rows) if r["name"] == first)
            browser.shift_click(*anchor_center(browser, "servers.tick." + rows[at + 19]["name"]))
            count = browser.wait_for("window.metalConsole.status().ticked.count", 5, "the range to tick")
            if count == 20:
                break
        targets = [r for r in browser.evaluate("window.metalConsole.rows(1000)") if r["ticked"]]
        check(len(targets) == 20, f"a click and a shift-click ticked twenty servers ({len(targets)})")
        names = [r["name"] for r in rows]
        check([t["name"] for t in targets] == names[at:at + 20], "the twenty between the two clicks")

        browser.click(*anchor_center(browser, "bulk.poweroff"))
        browser.wait_for("'confirm.ok' in window.metalConsole.anchors()", 10, "the confirmation dialog")
        browser.screenshot(os.path.join(args.artifacts, "bulk_confirm.png"))
        browser.click(*anchor_center(browser, "confirm.ok"))
        bulk = browser.wait_for("(s => s.bulk && s.bulk.finished ? s.bulk : null)(window.metalConsole.status())",
                                30, "the bulk power off to go through")
        check(bulk["total"] == 20 and bulk["done"] == 20 and bulk["failed"] == 0,
              f"all twenty powered off: {bulk}")
        browser.screenshot(os.path.join(args.artifacts, "bulk_poweroff.png"))

        # Another list, reached the way a link would: each of the twenty reaches stopped.
        browser.evaluate("location.hash = '#/servers?state=stopped&sort=name'")
        ids = sorted(t["id"] for t in targets)
        stopped = browser.wait_for(
            "(ids => { const rows = window.metalConsole.rows(100000).filter(r => ids.includes(r.id));"
            f" return rows.length === ids.length ? rows : null; }})({ids!r})", 60,
            "the twenty servers to reach stopped")
        check(all(r["state"] == "stopped" for r in stopped), "each of the twenty is stopped")

        browser.evaluate("history.back()")
        back = browser.wait_for(f"(s => s.route === {DEEP_LINK!r} ? s : null)(window.metalConsole.status())",
                                10, "Back to return to the running list")
        check(back["route"] == DEEP_LINK, "Back returns to the filtered list")
        remaining = browser.evaluate("window.metalConsole.rows(1000)")
        check(not set(ids) & {r["id"] for r in remaining}, "the powered-off servers left the running list")
        final = browser.evaluate("window.metalConsole.status()")
        check(final["lastError"] is None, f"no error along the way (got {final['lastError']})")
        print(f"frame ms: avg {final['frameMs']['avg']:.2f}, p95 {final['frameMs']['p95']:.2f}")
    except CdpError as error:
        check(False, str(error))
        try:
            browser.screenshot(os.path.join(args.artifacts, "bulk_failure.png"))
        except Exception:
            pass
    finally:
        browser.close()
        server.kill()
    return checks.finish()


if __name__ == "__main__":
    sys.exit(main())
