#!/usr/bin/env python3
"""How the web console behaves at scale on the offline demo, in headless Chromium.

For each fleet size: time to the first frame with data, time until every zone is loaded, frame
times while loading and once loaded, while the filter changes and while scrolling at full size,
the time from a click to a server's detail and to its metrics charts, the memory used (wasm
heap and JS heap), and a reload of the changed world: saved in the worker, restored from IndexedDB.
Measures and reports; asserts nothing (the machine is shared and noisy: compare runs, medians).
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "browser"))
from cdp import Browser  # noqa: E402


def start_server(root, dist):
    process = subprocess.Popen([sys.executable, os.path.join(root, "web", "serve.py"), "--dir", dist, "--port", "0"],
                               stdout=subprocess.PIPE, text=True, env={**os.environ, "METAL_SERVE_QUIET": "1"})
    line = process.stdout.readline()
    return process, line[line.index("http://"):].strip()


def rounded(value, digits=None):
    """A figure rounded for the report; None (not measured in this run) stays None."""
    return None if value is None else round(value, digits)


def measure_restore(browser, ratio):
    """Changes the world (a power action on the open server: the demo keeps only a world the
    user changed), waits until the worker has saved it, reloads, and reads the page's own record
    of the reload: the first frame with data and every server loaded, from the new navigation."""
    anchors = browser.evaluate("window.metalConsole.anchors()")
    if "tab.overview" in anchors:  # the actions are on the overview
        ox, oy, ow, oh = anchors["tab.overview"]
        browser.click((ox + ow / 2) / ratio, (oy + oh / 2) / ratio)
    powers = ("action.poweroff", "action.poweron", "action.reboot")
    deadline = time.monotonic() + 30  # a server in transition shows no power action yet
    action = None
    while action is None and time.monotonic() < deadline:
        time.sleep(0.2)
        anchors = browser.evaluate("window.metalConsole.anchors()")
        action = next((a for a in powers if a in anchors), None)
    if action is None:
        return {"restore": "no power action on screen"}
    ax, ay, aw, ah = anchors[action]
    browser.click((ax + aw / 2) / ratio, (ay + ah / 2) / ratio)
    time.sleep(0.3)
    anchors = browser.evaluate("window.metalConsole.anchors()")
    if "confirm.ok" in anchors:
        cx, cy, cw, ch = anchors["confirm.ok"]
        browser.click((cx + cw / 2) / ratio, (cy + ch / 2) / ratio)
    started = time.monotonic()
    saved = browser.wait_for("window.metalConsole.status().demo.savedAt", 120, "the demo to save its world")
    save_wait_s = time.monotonic() - started
    browser.evaluate("window.metalOldPage = true; location.reload()")  # marks the page it leaves
    # Loaded, and a frame drawn since (loadedFrameMs is that frame's time; the status can say
    # loaded a moment before).
    again = browser.wait_for("(s => s && s.ready && s.servers.loaded && s.servers.loadedFrameMs !== null ? s : null)"
                             "(!window.metalOldPage && window.metalConsole && window.metalConsole.status())",
                             300, "the reload")
    return {
        "restore_action": action,
        "restore_saved_at": saved,
        "restore_save_wait_s": rounded(save_wait_s, 2),
        "restored": again["demo"]["restored"],
        "restored_first_frame_ms": rounded(again["firstFrameMs"]),
        "restored_all_loaded_ms": rounded(again["servers"]["loadedFrameMs"]),
    }


def measure(base_url, servers, seed):
    browser = Browser()
    try:
        started = time.monotonic()
        browser.open_page(f"{base_url}?servers={servers}&seed={seed}")
        ready = browser.wait_for("(s => s && s.ready ? s : null)(window.metalConsole && window.metalConsole.status())",
                                 120, "first frame")
        loading_frames = []
        while True:
            status = browser.evaluate("window.metalConsole.status()")
            loading_frames.append(status["frameMs"]["p95"])
            if status["servers"]["loaded"]:
                break
            if time.monotonic() - started > 600:
                raise RuntimeError("not loaded after 600 s")
            time.sleep(0.25)
        # The page's own record: performance.now() at the end of the first frame drawn with every
        # server loaded (polling above only finds out up to 0.25 s later).
        loaded_at = browser.evaluate("window.metalConsole.status().servers.loadedFrameMs")
        time.sleep(2.5)  # 120+ idle frames
        idle = browser.evaluate("window.metalConsole.status()")
        # Settled: the seeded transitions are over and the sync has caught up.
        quiet_since = None
        settle_deadline = time.monotonic() + 120
        while time.monotonic() < settle_deadline:
            busy = browser.evaluate("window.metalConsole.status().requestsInFlight")
            quiet_since = (quiet_since or time.monotonic()) if busy == 0 else None
            if quiet_since and time.monotonic() - quiet_since > 4:
                break
            time.sleep(0.1)
        settled_at = browser.evaluate("performance.now()")
        time.sleep(2.5)
        settled = browser.evaluate("window.metalConsole.status()")
        # Filter at full size: type into the box through the real input path, one key per frame.
        anchors = browser.evaluate("window.metalConsole.anchors()")
        x, y, w, h = anchors["servers.filter"]
        browser.click(x + w / 2, y + h / 2)
        browser.type_text("web prod 1")
        time.sleep(2.2)
        filtered = browser.evaluate("window.metalConsole.status()")
        # Clear the filter (Ctrl+A, Backspace is not needed: the clear button), then scroll the
        # full list with the mouse wheel for ~3 s: the frame-time ring then holds scrolling only.
        anchors = browser.evaluate("window.metalConsole.anchors()")
        if "servers.clear_filters" in anchors:
            cx, cy, cw, ch = anchors["servers.clear_filters"]
            browser.click(cx + cw / 2, cy + ch / 2)
        time.sleep(0.5)
        ratio = browser.evaluate("window.devicePixelRatio")
        rows = browser.evaluate("window.metalConsole.rows(20)")
        rx, ry, rw, rh = anchors.get("servers.row." + rows[5]["name"], [x, y + 200, w, h])
        wheel_at = ((rx + rw / 2) / ratio, (ry + rh / 2) / ratio)
        scroll_end = time.monotonic() + 3.0
        while time.monotonic() < scroll_end:
            browser.send("Input.dispatchMouseEvent", {"type": "mouseWheel", "x": wheel_at[0], "y": wheel_at[1],
                                                      "deltaX": 0, "deltaY": 240})
            time.sleep(0.016)
        scrolled = browser.evaluate("window.metalConsole.status()")
        # Open a server (a click on a row) and then its metrics tab: time from the click to the
        # status showing it (polled every few ms: an upper bound).
        rows = browser.evaluate("window.metalConsole.rows(40)")
        anchors = browser.evaluate("window.metalConsole.anchors()")
        on_screen = [r for r in rows if "servers.row." + r["name"] in anchors]
        # A settled server (its power actions shown, for the restore measured last).
        target = next((r for r in on_screen if r["state"] in ("running", "stopped")), on_screen[0])
        tx, ty, tw, th = anchors["servers.row." + target["name"]]

        def timed(x_css, y_css, done_expression):
            """From the mouse press to `done_expression` holding. The button stays down two
            frames (ImGui 1.86 needs to see it down), so ~33 ms of the figure is the click."""
            browser.send("Input.dispatchMouseEvent", {"type": "mouseMoved", "x": x_css, "y": y_css})
            time.sleep(0.1)
            start = browser.evaluate("performance.now()")
            browser.send("Input.dispatchMouseEvent", {"type": "mousePressed", "x": x_css, "y": y_css,
                                                      "button": "left", "clickCount": 1})
            time.sleep(0.033)
            browser.send("Input.dispatchMouseEvent", {"type": "mouseReleased", "x": x_css, "y": y_css,
                                                      "button": "left", "clickCount": 1})
            while not browser.evaluate(done_expression):
                time.sleep(0.002)
            return browser.evaluate("performance.now()") - start

        detail_ms = timed((tx + tw / 2) / ratio, (ty + th / 2) / ratio,
                          f"(s => s.selected && s.selected.id === {target['id']!r})(window.metalConsole.status())"
                          " && 'tab.metrics' in window.metalConsole.anchors()")
        # The console's own measure, to the frame: route change to the server's full object in.
        in_app_detail_ms = browser.evaluate("window.metalConsole.status().openMs.detail")
        mx, my, mw, mh = browser.evaluate("window.metalConsole.anchors()")["tab.metrics"]
        metrics_ms = timed((mx + mw / 2) / ratio, (my + mh / 2) / ratio,
                           "(s => s.charts && s.charts.every(c => c.points > 0))(window.metalConsole.status())")
        in_app_charts_ms = browser.evaluate("window.metalConsole.status().openMs.charts")
        memory = browser.evaluate("window.metalConsole.status().memoryBytes")
        js_heap = browser.evaluate("performance.memory ? performance.memory.usedJSHeapSize : 0")
        restore = measure_restore(browser, ratio)
        return {
            "servers": servers,
            "first_frame_ms": rounded(ready["firstFrameMs"]),
            "all_loaded_ms": rounded(loaded_at),
            "loading_frame_p95_ms_median": rounded(statistics.median(loading_frames), 2),
            "loading_frame_p95_ms_max": rounded(max(loading_frames), 2),
            "idle_frame_avg_ms": rounded(idle["frameMs"]["avg"], 2),
            "idle_frame_p95_ms": rounded(idle["frameMs"]["p95"], 2),
            "settled_after_ms": rounded(settled_at),
            "settled_frame_avg_ms": rounded(settled["frameMs"]["avg"], 2),
            "settled_frame_p95_ms": rounded(settled["frameMs"]["p95"], 2),
            "filter_frame_avg_ms": rounded(filtered["frameMs"]["avg"], 2),
            "filter_frame_p95_ms": rounded(filtered["frameMs"]["p95"], 2),
            "visible_after_filter": filtered["servers"]["visible"],
            "scroll_frame_avg_ms": rounded(scrolled["frameMs"]["avg"], 2),
            "scroll_frame_p95_ms": rounded(scrolled["frameMs"]["p95"], 2),
            "open_detail_ms": rounded(detail_ms, 1),
            "open_metrics_ms": rounded(metrics_ms, 1),
            "in_app_detail_ms": rounded(in_app_detail_ms, 1),
            "in_app_charts_ms": rounded(in_app_charts_ms, 1),
            "wasm_heap_mb": rounded(memory / 1e6, 1),
            "js_heap_mb": rounded(js_heap / 1e6, 1),
            "total": filtered["servers"]["total"],
            **restore,
        }
    finally:
        browser.close()


def main():
    root = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
    parser = argparse.ArgumentParser()
    parser.add_argument("--dist", default=os.path.join(root, "build", "web", "dist"))
    parser.add_argument("--sizes", default="40,10000,100000")
    parser.add_argument("--out", default=os.path.join(root, "build", "bench", "web_scale.json"))
    args = parser.parse_args()
    server, base_url = start_server(root, args.dist)
    results = []
    try:
        for size in [int(s) for s in args.sizes.split(",")]:
            result = measure(base_url, size, 7)
            print(json.dumps(result), flush=True)
            results.append(result)
    finally:
        server.kill()
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w") as out:
        json.dump(results, out, indent=2)
    print(f"written: {args.out}")


if __name__ == "__main__":
    main()
