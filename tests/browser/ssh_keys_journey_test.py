#!/usr/bin/env python3
"""Browser journey: the SSH keys page on the offline demo, in headless Chromium.

Opens the page from the navigation, adds a key (a broken one first: refused in the form before
anything is sent, then a real one typed over it), renames it in place, deletes it
through the confirmation, and checks the address, Back, a reload of a deep link and the palette.
The demo's world survives the reload (saved by its worker in IndexedDB); "Reset demo" brings the
seeded world back; a saved world that cannot be read is reported and set aside, never a blank page.
"""
import argparse
import json
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


def saved_world_key(browser):
    """The name the demo's world is kept under (the page's list of saved worlds)."""
    return browser.evaluate("(JSON.parse(localStorage.getItem('metal.demo.saved') || '[]'))[0] || null")


def saved_world_names(browser):
    """The names in the demo's IndexedDB store, read from the page."""
    return browser.evaluate("""new Promise(resolve => {
        const open = indexedDB.open('metal-console-demo', 1);
        open.onsuccess = () => {
          const request = open.result.transaction('worlds').objectStore('worlds').getAllKeys();
          request.onsuccess = () => { resolve(request.result); open.result.close(); };
        };
        open.onerror = () => resolve(null);
      })""")


def reload_console(browser, what):
    """Reloads and waits for the new page's console (the old page's window is marked, so its
    status, still answering for a moment, is not taken for the new one's)."""
    browser.evaluate("window.metalOldPage = true; window.location.reload()")
    return browser.wait_for(f"(s => s && s.ready && s.servers.loaded ? s : null)"
                            f"(!window.metalOldPage && window.metalConsole && {STATUS})", 30, what)


def demo_persistence(browser, check, seeded_keys):
    """Reset demo, a reload after it, and a saved world that cannot be read."""
    key = saved_world_key(browser)
    check(key is not None, f"the page lists the saved world ({key})")
    browser.evaluate("window.location.hash = '#/ssh-keys'")
    browser.wait_for(f"(s => s.page === 'ssh-keys' && s.sshKeys.loaded)({STATUS})", 10, "the SSH keys")
    browser.click(*anchor_center(browser, "shell.reset_demo"))
    browser.wait_for("'confirm.ok' in window.metalConsole.anchors()", 5, "the reset's confirmation")
    browser.click(*anchor_center(browser, "confirm.ok"))
    reset = browser.wait_for(f"(s => s.servers.loaded && !s.demo.restored && s.sshKeys.loaded ? s : null)"
                             f"({STATUS})", 30, "the seeded world after Reset demo")
    check(reset["sshKeys"]["total"] == seeded_keys and reset["page"] == "ssh-keys",
          f"the seeded keys, on the same page ({reset['sshKeys']['total']}, {reset['page']})")
    check(reset["demo"]["savedAt"] is None, f"the reset world has no saved copy ({reset['demo']})")
    after_reset = reload_console(browser, "a reload after the reset")
    check(not after_reset["demo"]["restored"], "a reload after the reset starts the seeded world")
    check(saved_world_key(browser) is None, "the page no longer lists a saved world")

    # A saved copy that cannot be read (damaged, or from a newer console): reported, set aside.
    browser.evaluate(f"""new Promise(resolve => {{
        const open = indexedDB.open('metal-console-demo', 1);
        open.onsuccess = () => {{
          const t = open.result.transaction('worlds', 'readwrite');
          t.objectStore('worlds').put({{bytes: new Uint8Array([0x89, 77, 87, 79, 82, 76, 68, 10, 7]).buffer,
                                        savedAt: Date.now()}}, {json.dumps(key)});
          t.oncomplete = () => {{ open.result.close(); resolve(true); }};
        }};
      }})""")
    browser.evaluate(f"localStorage.setItem('metal.demo.saved', JSON.stringify([{json.dumps(key)}]))")
    damaged = reload_console(browser, "a reload with a damaged saved world")
    notices = " ".join(damaged["notifications"]) + " " + (damaged["lastError"] or "")
    check("could not be read" in notices and "set aside" in notices,
          f"the damaged copy is reported ({notices.strip()[:160]})")
    check(not damaged["demo"]["restored"] and damaged["servers"]["total"] > 0,
          "the console runs on a fresh demo, not a blank page")
    names = saved_world_names(browser) or []
    check(any(n.startswith(key + "/unreadable/") for n in names),
          f"the damaged copy is kept aside under another name ({names})")


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
        renamed_at = browser.evaluate("Date.now()")  # the rename leaves with the Enter below
        browser.press_enter()
        browser.wait_for(f"{STATUS}.sshKeys.visible.includes('journey renamed')", 15, "the new name")
        check(True, "renamed in place")

        # A deep link with a filter survives a reload; Back returns to the unfiltered list.
        browser.evaluate("window.location.hash = '#/ssh-keys?q=renamed'")
        filtered = browser.wait_for(f"(s => s.route === '#/ssh-keys?q=renamed' ? s : null)({STATUS})",
                                    10, "the filtered list")
        check(filtered["sshKeys"]["visible"] == ["journey renamed"],
              f"the filter keeps only the key ({filtered['sshKeys']['visible']})")
        # The worker saves at most once a second, once the writes are answered: the reload comes
        # once it has stored a copy made after the rename was sent.
        browser.wait_for(f"Date.parse({STATUS}.demo.savedAt) >= {renamed_at}", 10, "the demo to save the rename")
        browser.evaluate("window.metalOldPage = true; window.location.reload()")
        reloaded = browser.wait_for(
            f"(s => s.page === 'ssh-keys' && s.sshKeys.loaded ? s : null)"
            f"(!window.metalOldPage && window.metalConsole && {STATUS})", 30, "the reload")
        check(reloaded["route"] == "#/ssh-keys?q=renamed", f"the reload kept the address ({reloaded['route']})")
        check(reloaded["demo"]["restored"] and reloaded["demo"]["savedAt"],
              f"the demo came back from its saved copy ({reloaded['demo']})")
        check(reloaded["sshKeys"]["visible"] == ["journey renamed"],
              f"the key added and renamed before the reload is still there ({reloaded['sshKeys']['visible']})")

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
        demo_persistence(browser, check, before)
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
