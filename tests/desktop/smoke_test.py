#!/usr/bin/env python3
"""Desktop smoke test: metal-console in a real X window (Xvfb) renders the server list on the
offline demo and exits cleanly. Asserts on what the app reports; saves a screenshot as evidence."""
import argparse
import json
import os
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from checks import Checks, check_fonts  # noqa: E402


def start_xvfb():
    read_fd, write_fd = os.pipe()
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
                            pass_fds=(write_fd,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_fd)
    number = b""
    with os.fdopen(read_fd, "rb") as pipe:
        while not number.endswith(b"\n"):
            chunk = pipe.read(1)
            if not chunk:
                raise RuntimeError("Xvfb did not start")
            number += chunk
    return xvfb, ":" + number.decode().strip()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--app", required=True)
    parser.add_argument("--artifacts", required=True)
    args = parser.parse_args()
    os.makedirs(args.artifacts, exist_ok=True)
    checks = Checks()
    check = checks.check

    xvfb, display = start_xvfb()
    env = {**os.environ, "DISPLAY": display}
    try:
        app = subprocess.Popen([args.app, "--servers", "40", "--seed", "5", "--frames", "240", "--print-status"],
                               env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        time.sleep(1.5)  # well inside the 240 frames: the window is up and drawn
        screenshot = os.path.join(args.artifacts, "desktop_smoke.png")
        if shutil.which("import"):
            subprocess.run(["import", "-display", display, "-window", "root", screenshot], check=False,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            out, err = app.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            app.kill()
            out, err = app.communicate()
        check(app.returncode == 0, f"the app exited cleanly (code {app.returncode}) {err.strip()[:300]}")
        lines = [line for line in out.splitlines() if line.startswith("{")]
        check(len(lines) == 1, "the app printed its status as one JSON line")
        if lines:
            status = json.loads(lines[0])
            check(status["ready"] is True, "a frame showing servers was drawn")
            check(status["servers"]["total"] == 40, f"40 servers loaded (got {status['servers']['total']})")
            check(status["servers"]["visible"] == 40, "all of them in the list")
            check(status["lastError"] is None, f"no error (got {status['lastError']})")
            check_fonts(check, status, status["uiScale"])
            print(f"first frame with data: {status['firstFrameMs']:.0f} ms after start; "
                  f"frame {status['frameMs']['avg']:.2f} ms avg, {status['frameMs']['p95']:.2f} ms p95")
        if os.path.exists(screenshot) and shutil.which("identify"):
            colors = subprocess.run(["identify", "-format", "%k", screenshot], capture_output=True, text=True).stdout
            check(colors.isdigit() and int(colors) > 50, f"the window shows a drawn console ({colors} colors)")
            print(f"screenshot: {screenshot}")
    finally:
        xvfb.terminate()
        xvfb.wait(timeout=10)

    return checks.finish()


if __name__ == "__main__":
    sys.exit(main())
