#!/usr/bin/env python3
"""Browser journey on the offline demo, in Debian's headless Chromium.

Loads the built bundle from a static server, waits for the console's first frame with data,
checks the servers listed, opens a stopped server with a real click, powers it on with a real
click, and watches it reach `running`. Saves a screenshot. Reports the first-frame time.
"""
import argparse
import json
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from cdp import Browser, CdpError  # noqa: E402
from checks import Checks  # noqa: E402

SERVERS = 40
SEED = 7
SPEED = 20  # simulated seconds per real second: a power-on takes a few real seconds


def start_server(serve_py, dist):
    process = subprocess.Popen([sys.executable, serve_py, "--dir", dist, "--port", "0"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "METAL_SERVE_QUIET": "1"})
    line = process.stdout.readline().strip()
    if "http://" not in line:
        process.kill()
        raise RuntimeError(f"static server did not start: {line} {process.stderr.read()}")
    return process, line[line.index("http://"):]


def anchor_center(browser, name):
    """The centre of a named control, in CSS pixels (anchors are in device pixels)."""
    anchors = browser.evaluate("window.metalConsole.anchors()")
    if name not in anchors:
        raise CdpError(f"control {name!r} is not on screen (visible: {sorted(anchors)[:12]}...)")
    x, y, w, h = anchors[name]
    ratio = browser.evaluate("window.devicePixelRatio")
    return (x + w / 2) / ratio, (y + h / 2) / ratio


def serial_echo(browser, check, word):
    """Opens the serial tab of the open server, waits for the login prompt after the boot log, logs
    in through the keyboard and sees `word` echoed by the server's shell."""
    browser.click(*anchor_center(browser, "tab.serial"))
    serial = browser.wait_for(
        "(s => s.serial && s.serial.link === 'connected' && s.serial.screen.some(l => l.endsWith(' login:'))"
        " ? s.serial : null)(window.metalConsole.status())", 20, "the serial console's login prompt")
    check(any(line.startswith("[") and "Linux version" in line for line in serial["screen"]),
          "the boot log is on the screen")
    browser.click(*anchor_center(browser, "serial.terminal"))
    browser.type_text("root")
    browser.press_enter()
    browser.wait_for("window.metalConsole.status().serial.screen.some(l => l === 'Password:')", 10,
                     "the password prompt")
    browser.type_text("hunter2")
    browser.press_enter()
    browser.wait_for("window.metalConsole.status().serial.title.startsWith('root@')", 10, "the shell")
    browser.type_text("echo " + word)
    browser.press_enter()
    screen = browser.wait_for(
        f"(s => s.screen.includes({word!r}) ? s.screen : null)(window.metalConsole.status().serial)",
        10, "the echo")
    check(any(line.endswith("# echo " + word) for line in screen), "the typed command is echoed")
    check(not any("hunter2" in line for line in screen), "the password was not echoed")


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
    browser = Browser()
    try:
        browser.open_page(f"{base_url}?servers={SERVERS}&seed={SEED}&speed={SPEED}")
        status = browser.wait_for("(() => { const s = window.metalConsole && window.metalConsole.status();"
                                  " return s && s.ready ? s : null; })()", 30, "the first frame with data")
        print(f"first frame with data: {status['firstFrameMs']:.0f} ms from navigation", flush=True)
        check(status["servers"]["total"] > 0, f"the first frame shows servers ({status['servers']['total']})")
        loaded = browser.wait_for("(s => s.servers.loaded ? s : null)(window.metalConsole.status())", 30,
                                  "every zone to load")
        check(loaded["servers"]["total"] == SERVERS, f"all {SERVERS} servers listed (got {loaded['servers']['total']})")
        check(loaded["servers"]["visible"] == SERVERS, f"all {SERVERS} visible without a filter")
        check(status["lastError"] is None, f"no error on load (got {status['lastError']})")
        check(status["route"] == "#/servers", f"route is #/servers (got {status['route']})")

        rows = browser.evaluate("window.metalConsole.rows(100)")
        stopped = [row for row in rows if row["state"] == "stopped"]
        check(len(stopped) > 0, "the demo has stopped servers to power on")
        target = stopped[0]

        # Narrow the list the way a user would: click the filter box and type the name.
        browser.click(*anchor_center(browser, "servers.filter"))
        browser.type_text(target["name"])
        browser.wait_for(f"window.metalConsole.status().servers.visible === 1", 10, "the filter to apply")
        check(f"q={target['name']}" in browser.evaluate("window.metalConsole.status().route"),
              "the filter is in the URL")

        browser.click(*anchor_center(browser, "servers.row." + target["name"]))
        selected = browser.wait_for("window.metalConsole.status().selected", 10, "the server to open")
        check(selected["id"] == target["id"], f"clicking the row opened {target['name']}")
        check(browser.evaluate("window.location.hash").startswith(f"#/servers/{target['zone']}/{target['id']}"),
              "the open server is in the URL")

        browser.wait_for("'action.poweron' in window.metalConsole.anchors()", 10, "the Power on button")
        browser.click(*anchor_center(browser, "action.poweron"))
        browser.wait_for("(s => s && s.state === 'starting')(window.metalConsole.status().selected)", 10,
                         "the server to start")
        check(True, f"{target['name']} is starting after the click")
        final = browser.wait_for("(s => s && s.state === 'running' ? s : null)(window.metalConsole.status().selected)",
                                 60, "the server to reach running")
        check(final["state"] == "running", f"{target['name']} reached running ({final['stateDetail']})")
        screenshot = os.path.join(args.artifacts, "demo_poweron.png")
        browser.screenshot(screenshot)
        print(f"screenshot: {screenshot}", flush=True)

        # Its serial console: the boot log streams to a login prompt; typing goes to the server and
        # comes back, through the same frames the sandbox's websocket carries.
        serial_echo(browser, check, "hello-from-chromium")
        check(browser.evaluate("window.location.hash").startswith(
            f"#/servers/{target['zone']}/{target['id']}/serial"), "the serial tab is in the URL")
        serial_shot = os.path.join(args.artifacts, "demo_serial.png")
        browser.screenshot(serial_shot)
        print(f"screenshot: {serial_shot}", flush=True)

        # Its metrics: three charts drawn from the Prometheus API, through a click on the tab.
        browser.click(*anchor_center(browser, "tab.metrics"))
        charts = browser.wait_for(
            "(s => s.charts && s.charts.length === 3 && s.charts.every(c => c.points > 0) ? s.charts : null)"
            "(window.metalConsole.status())", 15, "the metrics charts to be drawn")
        check([c["lines"] for c in charts] == [1, 2, 2], f"CPU, network in/out, disk read/write ({charts})")
        check(browser.evaluate("window.location.hash").startswith(
            f"#/servers/{target['zone']}/{target['id']}/metrics"), "the metrics tab is in the URL")
        browser.click(*anchor_center(browser, "metrics.range.7d"))
        browser.wait_for("window.location.hash.includes('range=7d')", 10, "the 7-day range")
        check(True, "the chart range is in the URL")
        metrics_shot = os.path.join(args.artifacts, "demo_metrics.png")
        browser.screenshot(metrics_shot)
        print(f"screenshot: {metrics_shot}", flush=True)

        # Back walks the route back: the serial tab (a range replaces, a tab adds), the overview,
        # then the list.
        browser.evaluate("history.back()")
        browser.wait_for("window.metalConsole.status().tab === 'serial'", 10, "Back to the serial console")
        browser.evaluate("history.back()")
        browser.wait_for("window.metalConsole.status().tab === 'overview'", 10, "Back to the overview")
        browser.evaluate("history.back()")
        browser.wait_for("window.metalConsole.status().selected === null", 10, "Back to close the server")
        check(True, "Back walked back through the tab and the server")

        # The fleet's monitoring: the busiest servers by CPU and the fleet's chart; a click on the
        # busiest opens its charts.
        browser.click(*anchor_center(browser, "nav.monitoring"))
        fleet = browser.wait_for(
            "(f => f && f.busiest.length === 10 && f.chartPoints > 0 ? f : null)(window.metalConsole.status().fleet)",
            15, "the busiest servers and the fleet's chart")
        cores = [server["cores"] for server in fleet["busiest"]]
        check(cores == sorted(cores, reverse=True) and cores[0] > 0, f"ranked by CPU, busiest first ({cores[:3]}...)")
        check(browser.evaluate("window.location.hash") == "#/monitoring", "the monitoring page has its address")
        monitoring_shot = os.path.join(args.artifacts, "demo_monitoring.png")
        browser.screenshot(monitoring_shot)
        print(f"screenshot: {monitoring_shot}", flush=True)
        busiest = fleet["busiest"][0]
        browser.click(*anchor_center(browser, "monitoring.server." + busiest["name"]))
        opened = browser.wait_for("(s => s.selected && s.tab === 'metrics' ? s : null)(window.metalConsole.status())",
                                  10, "the busiest server's charts")
        check(opened["selected"]["id"] == busiest["id"], f"a click opened {busiest['name']} on its charts")

        final_status = browser.evaluate("window.metalConsole.status()")
        check(final_status["lastError"] is None, f"no error along the way (got {final_status['lastError']})")
        with open(os.path.join(args.artifacts, "demo_status.json"), "w") as out:
            json.dump({"first": status, "final": final_status}, out, indent=2)
        print(f"frame ms: avg {final_status['frameMs']['avg']:.2f}, p95 {final_status['frameMs']['p95']:.2f}")
    except CdpError as error:
        check(False, str(error))
        try:
            browser.screenshot(os.path.join(args.artifacts, "demo_failure.png"))
        except Exception:
            pass
    finally:
        browser.close()
        server.kill()

    return checks.finish()


if __name__ == "__main__":
    sys.exit(main())
