#!/usr/bin/env python3
"""metal-sandbox under load (issue-4 budget): GET /servers, 100 per page, 64 connections, against
the same server handing out the same bytes as a static file. wrk (Debian) drives both, one after
the other, in the same run; repeated, medians reported. Measures; asserts nothing."""
import argparse
import json
import os
import re
import statistics
import subprocess
import tempfile
import time
import urllib.request


def wrk(url, key, seconds, connections, threads):
    args = ["wrk", "-t%d" % threads, "-c%d" % connections, "-d%ds" % seconds, "--latency"]
    if key:
        args += ["-H", "X-Auth-Token: " + key]
    out = subprocess.run(args + [url], capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))

    def ms(label):
        m = re.search(r"\s%s%%\s+([\d.]+)(us|ms|s)\b" % label, out)
        value, unit = float(m.group(1)), m.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {"rps": rps, "p50_ms": ms("50"), "p99_ms": ms("99"),
            "non_2xx": int(errors.group(1)) if errors else 0}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sandbox", default="build/native/bin/metal-sandbox")
    parser.add_argument("--servers", type=int, default=10000)
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--threads", type=int, default=1, help="the sandbox's network threads")
    parser.add_argument("--wrk-threads", type=int, default=2,
                        help="wrk's threads (this machine has 2 cores for both sides)")
    parser.add_argument("--out", default="build/bench/sandbox_bench.json")
    args = parser.parse_args()
    web = tempfile.mkdtemp(prefix="sandbox-bench-")
    sandbox = subprocess.Popen([args.sandbox, "--listen", "127.0.0.1:0", "--servers", str(args.servers),
                                "--serve-web", web, "--threads", str(args.threads)],
                               stdout=subprocess.PIPE, text=True)
    try:
        key, base = None, None
        for line in sandbox.stdout:
            if line.startswith("key ") and key is None:
                key = line.split()[1]
            if line.startswith("listening on "):
                base = line.split()[-1]
                break
        target = "/instance/v1/zones/fr-par-1/servers?per_page=100"
        request = urllib.request.Request(base + target, headers={"X-Auth-Token": key})
        body = urllib.request.urlopen(request).read()
        with open(os.path.join(web, "page.json"), "wb") as f:
            f.write(body)
        rss_kb = int(open("/proc/%d/status" % sandbox.pid).read().split("VmRSS:")[1].split()[0])
        api_runs, static_runs = [], []
        for _ in range(args.runs):
            api_runs.append(wrk(base + target, key, args.seconds, args.connections, args.wrk_threads))
            static_runs.append(wrk(base + "/page.json", None, args.seconds, args.connections,
                                   args.wrk_threads))
        med = lambda runs, k: statistics.median(r[k] for r in runs)
        result = {
            "servers": args.servers, "page_bytes": len(body), "connections": args.connections,
            "sandbox_threads": args.threads, "wrk_threads": args.wrk_threads,
            "api_rps": med(api_runs, "rps"), "api_p50_ms": med(api_runs, "p50_ms"),
            "api_p99_ms": med(api_runs, "p99_ms"),
            "static_rps": med(static_runs, "rps"), "static_p99_ms": med(static_runs, "p99_ms"),
            "ratio": med(api_runs, "rps") / med(static_runs, "rps"),
            "api_non_2xx": sum(r["non_2xx"] for r in api_runs),
            "sandbox_rss_mb": rss_kb / 1024,
            "runs": {"api": api_runs, "static": static_runs},
        }
        os.makedirs(os.path.dirname(args.out), exist_ok=True)
        with open(args.out, "w") as f:
            json.dump(result, f, indent=1)
        print(json.dumps({k: v for k, v in result.items() if k != "runs"}))
    finally:
        sandbox.terminate()
        sandbox.wait(timeout=10)


if __name__ == "__main__":
    main()
