#!/usr/bin/env python3
"""The desktop app at scale: metal-console on a 100,000-server offline demo in a real X window
(Xvfb), scrolled with the mouse wheel through X (xdotool). Reports the time to the first frame with
data and until every zone is loaded, the frame CPU time (average, p95) idle and while scrolling,
and the resident memory. Measures and reports; asserts nothing."""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "desktop"))
from smoke_test import start_xvfb  # noqa: E402


def report(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def wait(path, predicate, timeout):
    deadline = time.time() + timeout
    while time.time() < deadline:
        r = report(path)
        if r and predicate(r):
            return r
        time.sleep(0.1)
    raise RuntimeError("timed out")


def main():
    root = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
    parser = argparse.ArgumentParser()
    parser.add_argument("--app", default=os.path.join(root, "build", "native", "bin", "metal-console"))
    parser.add_argument("--servers", type=int, default=100000)
    parser.add_argument("--out", default=os.path.join(root, "build", "bench", "desktop_scale.json"))
    args = parser.parse_args()
    xvfb, display = start_xvfb()
    workdir = tempfile.mkdtemp(prefix="metal-bench-")
    path = os.path.join(workdir, "report.json")
    env = {**os.environ, "DISPLAY": display}
    app = subprocess.Popen([args.app, "--servers", str(args.servers), "--seed", "7", "--report", path],
                           env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        first = wait(path, lambda r: r["status"]["ready"], 120)["status"]
        loaded = wait(path, lambda r: r["status"].get("servers", {}).get("loaded"), 600)["status"]
        loaded_at = time.time()
        time.sleep(3)
        idle = report(path)["status"]
        anchors = report(path)["anchors"]
        rows = report(path)["rows"]
        x, y, w, h = anchors["servers.row." + rows[5]["name"]]
        subprocess.run(["xdotool", "mousemove", str(int(x + w / 2)), str(int(y + h / 2))], env=env, check=True)
        end = time.time() + 3
        while time.time() < end:  # wheel down, one notch at a time
            subprocess.run(["xdotool", "click", "5"], env=env, check=True)
        scrolled = report(path)["status"]
        result = {
            "servers": args.servers,
            "first_frame_ms": round(first["firstFrameMs"]),
            "loaded": loaded["servers"]["total"],
            # The first frame drawn with every server loaded, from process start (the report's
            # own clock: the file is only written a few times a second).
            "all_loaded_ms": round(report(path)["status"]["servers"]["loadedFrameMs"]),
            "idle_frame_avg_ms": round(idle["frameMs"]["avg"], 2),
            "idle_frame_p95_ms": round(idle["frameMs"]["p95"], 2),
            "scroll_frame_avg_ms": round(scrolled["frameMs"]["avg"], 2),
            "scroll_frame_p95_ms": round(scrolled["frameMs"]["p95"], 2),
            "resident_mb": round(scrolled["memoryBytes"] / 1e6, 1),
        }
        print(json.dumps(result), flush=True)
        os.makedirs(os.path.dirname(args.out), exist_ok=True)
        with open(args.out, "w") as out:
            json.dump(result, out, indent=2)
    finally:
        app.terminate()
        app.wait(timeout=20)
        xvfb.terminate()
    return 0


if __name__ == "__main__":
    sys.exit(main())
