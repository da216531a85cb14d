#!/usr/bin/env python3
"""Browser journey: the SSH keys page on the offline demo, in headless Chromium.

Opens the page from the navigation, adds a key (a broken one first: refused in the form before
anything is sent, then a real one typed over it), renames it in place, deletes it
through the confirmation, and checks the address, Back, a reload of a deep link and the palette.
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from cdp import Browser, CdpError  # noqa: E402
from checks import Checks  # noqa: E402
from demo_journey_test import anchor_center, start_server  # noqa: E402

# A real key (ssh-keygen -t ed25519 -C journey@laptop).
KEY = ("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIObU91m9/lGFIKoDvbI5VdoU3AE0FvzXTtT1KApy5TOr "
       "journey@laptop")
STATUS = "window.metalConsole.status()"


def keys_status(browser):
    return browser.evaluate(f"{STATUS}.sshKeys")


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
    browser = Browser(width=1400, height=900)
    try:
        browser.open_page(f"{base_url}?servers=40&seed=5")
        browser.wait_for(f"(s => s.ready && s.servers.loaded ? s : null)({STATUS})", 30, "the console")

        browser.click(*anchor_center(browser, "nav.ssh-keys"))
        listed = browser.wait_for(f"(s => s.page === 'ssh-keys' && s.sshKeys.loaded ? s : null)({STATUS})",
                                  15, "the SSH keys page")
        check(browser.evaluate("window.location.hash") == "#/ssh-keys", "the page has its address")
        before = listed["sshKeys"]["total"]
        check(before >= 1, f"the demo organization has keys ({before})")

        browser.click(*anchor_center(browser, "ssh_keys.add"))
        browser.wait_for(f"{STATUS}.page === 'ssh-key-new'", 10, "the add form")
        check(browser.evaluate("window.location.hash") == "#/ssh-keys/new", "the form has its address")

        # A key cut short while copying: the form says so, and Add sends nothing.
        browser.click(*anchor_center(browser, "ssh_keys.form.key"))
        browser.type_text("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAA")
        problem = browser.wait_for(f"(f => f && f.publicKey ? f.publicKey : null)({STATUS}.sshKeys.form)",
                                   10, "the key's problem")
        check("cut short" in problem or "damaged" in problem or "base64" in problem,
              f"the broken key is explained ({problem})")
        in_flight = browser.evaluate(f"{STATUS}.requestsInFlight")
        browser.click(*anchor_center(browser, "ssh_keys.form.submit"))
        check(keys_status(browser)["total"] == before and not keys_status(browser)["adding"],
              f"nothing was sent (requests in flight {in_flight})")

        # The real key, typed over the broken one (select all first).
        browser.click(*anchor_center(browser, "ssh_keys.form.key"))
        browser.press_ctrl("a")
        browser.type_text(KEY)
        browser.wait_for(f"(f => f && f.publicKey === '' ? f : null)({STATUS}.sshKeys.form)", 10,
                         "the typed key to be accepted")
        browser.click(*anchor_center(browser, "ssh_keys.form.name"))
        browser.type_text("journey key")
        browser.screenshot(os.path.join(args.artifacts, "ssh_keys_form.png"))
        browser.click(*anchor_center(browser, "ssh_keys.form.submit"))
        added = browser.wait_for(
            f"(s => s.page === 'ssh-keys' && s.sshKeys.total === {before + 1} ? s : null)({STATUS})",
            15, "the key to be added and the form to close")
        check("journey key" in added["sshKeys"]["visible"], "the new key is listed")
        check(added["notifications"][-1] == "SSH key journey key added", "a notice says so")

        # Rename in place: the name becomes a text field, Enter saves.
        browser.wait_for("'ssh_keys.rename.journey key' in window.metalConsole.anchors()", 5,
                         "the new key's row")
        browser.click(*anchor_center(browser, "ssh_keys.rename.journey key"))
        browser.wait_for("'ssh_keys.rename_text' in window.metalConsole.anchors()", 5, "the name field")
        browser.type_text("journey renamed")
        browser.press_enter()
        browser.wait_for(f"{STATUS}.sshKeys.visible.includes('journey renamed')", 15, "the new name")
        check(True, "renamed in place")

        # A deep link with a filter survives a reload; Back returns to the unfiltered list.
        browser.evaluate("window.location.hash = '#/ssh-keys?q=renamed'")
        filtered = browser.wait_for(f"(s => s.route === '#/ssh-keys?q=renamed' ? s : null)({STATUS})",
                                    10, "the filtered list")
        check(filtered["sshKeys"]["visible"] == ["journey renamed"],
              f"the filter keeps only the key ({filtered['sshKeys']['visible']})")
        browser.evaluate("window.location.reload()")
        reloaded = browser.wait_for(
            f"(s => s.page === 'ssh-keys' && s.sshKeys.loaded ? s : null)({STATUS})", 30, "the reload")
        check(reloaded["route"] == "#/ssh-keys?q=renamed", f"the reload kept the address ({reloaded['route']})")

        # Delete, through the confirmation.
        browser.wait_for("'ssh_keys.delete.journey renamed' in window.metalConsole.anchors()", 10,
                         "the key's row")
        browser.click(*anchor_center(browser, "ssh_keys.delete.journey renamed"))
        browser.wait_for("'confirm.ok' in window.metalConsole.anchors()", 5, "the confirmation")
        browser.screenshot(os.path.join(args.artifacts, "ssh_keys_delete.png"))
        browser.click(*anchor_center(browser, "confirm.ok"))
        gone = browser.wait_for(f"(k => k.visible.length === 0 ? k : null)({STATUS}.sshKeys)", 15,
                                "the key to be deleted")
        check(gone["total"] >= 1 and "journey renamed" not in gone["visible"], "the key is gone")

        # The palette reaches the page and its command from anywhere.
        browser.click(*anchor_center(browser, "nav.servers"))
        browser.wait_for(f"{STATUS}.page === 'servers'", 10, "the servers")
        browser.press_ctrl("k")
        browser.wait_for("'palette.input' in window.metalConsole.anchors()", 5, "the palette")
        browser.type_text("add an ssh")
        browser.press_enter()
        browser.wait_for(f"{STATUS}.page === 'ssh-key-new'", 10, "the palette's command")
        check(True, "the palette opens the form from the servers page")
        status = browser.evaluate(STATUS)
        check(status["lastError"] is None, f"no error along the way ({status['lastError']})")
    except CdpError as error:
        check(False, str(error))
        try:
            browser.screenshot(os.path.join(args.artifacts, "ssh_keys_failure.png"))
        except Exception:
            pass
    finally:
        browser.close()
        server.kill()
    return checks.finish()


if __name__ == "__main__":
    sys.exit(main())
