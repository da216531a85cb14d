#!/usr/bin/env python3
"""The browser fixes the web console needs, checked in headless Chromium through real input:
sharp text on a high-DPI screen, the canvas following the window, one wheel notch scrolling a
few rows (not hundreds), and copy reaching the page's clipboard. The glyphs are the browser's own
(web/browser_fonts.cpp): every face drawn at the screen's scale, with ink, and a browser that
alters what a canvas reads back told so on the page."""
import argparse
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from cdp import Browser, CdpError  # noqa: E402
from checks import Checks, check_fonts  # noqa: E402
from demo_journey_test import anchor_center, start_server  # noqa: E402


def visible_rows(browser):
    """Names of the rows drawn, top to bottom."""
    anchors = browser.evaluate("window.metalConsole.anchors()")
    rows = [(rect[1], name[len("servers.row."):]) for name, rect in anchors.items() if name.startswith("servers.row.")]
    return [name for _, name in sorted(rows)]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dist", required=True)
    parser.add_argument("--serve", required=True)
    parser.add_argument("--artifacts", required=True)
    args = parser.parse_args()
    os.makedirs(args.artifacts, exist_ok=True)
    checks = Checks()
    check = checks.check

    server, base_url = start_server(args.serve, args.dist)
    browser = Browser()
    try:
        browser.open_page("about:blank")
        browser.send("Emulation.setDeviceMetricsOverride",
                     {"width": 1280, "height": 800, "deviceScaleFactor": 2, "mobile": False})
        browser.send("Page.navigate", {"url": f"{base_url}?servers=2000&seed=3"})
        status = browser.wait_for("(s => s && s.servers.loaded ? s : null)"
                                  "(window.metalConsole && window.metalConsole.status())", 60, "the demo to load")
        check(status["uiScale"] == 2, f"fonts drawn for a 2x screen (uiScale {status['uiScale']})")
        check_fonts(check, status, 2)
        check(status["viewport"]["width"] == 2560 and status["viewport"]["height"] == 1600,
              f"the canvas has every device pixel of a 1280x800 window at 2x ({status['viewport']})")
        browser.screenshot(os.path.join(args.artifacts, "display_hidpi.png"))

        order = [row["name"] for row in browser.evaluate("window.metalConsole.rows(2000)")]
        before = visible_rows(browser)
        x, y = anchor_center(browser, "servers.row." + before[len(before) // 2])
        browser.send("Input.dispatchMouseEvent", {"type": "mouseMoved", "x": x, "y": y})
        time.sleep(0.1)
        browser.send("Input.dispatchMouseEvent", {"type": "mouseWheel", "x": x, "y": y, "deltaX": 0, "deltaY": 100})
        time.sleep(0.4)
        after = visible_rows(browser)
        moved = order.index(after[0]) - order.index(before[0]) if after and before else 0
        check(1 <= moved <= 12, f"one wheel notch scrolls a few rows down (moved {moved})")

        browser.click(*anchor_center(browser, "servers.row." + after[2]))
        selected = browser.wait_for("window.metalConsole.status().selected", 10, "a server to open")
        browser.wait_for("'copy.id' in window.metalConsole.anchors()", 10, "the server's id")
        browser.click(*anchor_center(browser, "copy.id"))
        copied = browser.wait_for("window.metalClipboard", 5, "the copy")
        check(copied == selected["id"], "clicking the id puts it on the clipboard")
        notices = browser.evaluate("window.metalConsole.status().notifications")
        check(f"Copied {selected['id']}" in notices, "a notice says what was copied")

        browser.send("Emulation.setDeviceMetricsOverride",
                     {"width": 1000, "height": 700, "deviceScaleFactor": 1, "mobile": False})
        resized = browser.wait_for("(s => s.viewport.width === 1000 ? s : null)(window.metalConsole.status())", 10,
                                   "the canvas to follow the window")
        check(resized["viewport"]["height"] == 700 and resized["uiScale"] == 1,
              f"after the resize the canvas is 1000x700 at 1x ({resized['viewport']}, scale {resized['uiScale']})")
        browser.screenshot(os.path.join(args.artifacts, "display_resized.png"))

        # A bad address is explained, and the console still starts on what it understood.
        browser.send("Page.navigate", {"url": f"{base_url}?servers=lots&seed=4#/servers?state=asleep&q=web"})
        bad = browser.wait_for("(s => s && s.ready && s.servers.loaded ? s : null)"
                               "(window.metalConsole && window.metalConsole.status())", 60, "the demo to load")
        notices = " | ".join(bad["notifications"])
        check('servers must be a whole number from 0 to 200000, not "lots"' in notices,
              f"a bad demo size is explained ({notices})")
        check('state: no server state is called "asleep"' in notices, "a bad state in the hash is explained")
        check(bad["servers"]["total"] == 40, f"the demo started with its default size ({bad['servers']['total']})")
        check("q=web" in bad["route"], f"the rest of the address was kept ({bad['route']})")

        # Idle, the console draws a few frames a second; input brings it back at once.
        time.sleep(3)
        before_idle = browser.evaluate("window.metalConsole.status().frameMs.drawn")
        time.sleep(2)
        idle = browser.evaluate("window.metalConsole.status().frameMs.drawn") - before_idle
        check(idle <= 16, f"idle for 2 s, {idle} frames drawn (a few a second, not 120)")
        # A user moving the mouse (a move every 80 ms for half a second) is answered every frame:
        # several times the idle rate (a drawn frame costs ~40 ms in headless software WebGL).
        x, y = anchor_center(browser, "servers.filter")
        before_input = browser.evaluate("window.metalConsole.status().frameMs.drawn")
        started = time.monotonic()
        for step in range(7):
            browser.send("Input.dispatchMouseEvent", {"type": "mouseMoved", "x": x + 3 * step, "y": y})
            time.sleep(0.08)
        busy = browser.evaluate("window.metalConsole.status().frameMs.drawn") - before_input
        seconds = time.monotonic() - started
        check(busy >= max(8, 3 * idle / 2 * seconds),
              f"moving the mouse draws at full rate again ({busy} frames in {seconds:.2f} s)")

        # A browser that whitens what a page reads back from a canvas (Tor Browser's protection
        # against fingerprinting) would turn every glyph into a block: the page says why instead.
        browser.send("Page.addScriptToEvaluateOnNewDocument", {"source": """
            for (const type of [self.OffscreenCanvasRenderingContext2D, self.CanvasRenderingContext2D]) {
              const read = type.prototype.getImageData;
              type.prototype.getImageData = function (...area) {
                const image = read.apply(this, area);
                image.data.fill(255);
                return image;
              };
            }"""})
        browser.send("Page.navigate", {"url": f"{base_url}?servers=40&seed=5"})
        said = browser.wait_for("(b => b && getComputedStyle(b).display !== 'none' && b.innerText.includes('cannot draw its text')"
                                " ? b.innerText : null)(document.getElementById('boot'))", 30,
                                "the page to say it cannot draw text")
        check("Allow this site to read its canvas" in said, f"a whitened canvas is explained: {said!r}")
    except CdpError as error:
        check(False, str(error))
    finally:
        browser.close()
        server.kill()
    return checks.finish()


if __name__ == "__main__":
    sys.exit(main())
