#!/usr/bin/env python3
"""The static bundle stays within its budgets, every file gzip -9: what a customer connecting to an
API downloads (the console: every file but the demo's), and what the offline demo's first visit
downloads (the console and the simulated cloud's worker, the files named sim*). A byte count, not
a timing: the same build always gives the same answer."""
import argparse
import gzip
import os
import sys

parser = argparse.ArgumentParser()
parser.add_argument("--dist", required=True)
parser.add_argument("--budget-kb", type=float, default=330.0, help="the console alone")
parser.add_argument("--demo-budget-kb", type=float, default=520.0, help="the console and the demo's worker")
args = parser.parse_args()

console_raw = console_gzip = demo_raw = demo_gzip = 0
for name in sorted(os.listdir(args.dist)):
    path = os.path.join(args.dist, name)
    if not os.path.isfile(path):
        continue
    with open(path, "rb") as f:
        data = f.read()
    packed = len(gzip.compress(data, 9))
    demo_only = name.startswith("sim")
    if demo_only:
        demo_raw += len(data)
        demo_gzip += packed
    else:
        console_raw += len(data)
        console_gzip += packed
    print(f"{name:18s} {len(data):9,d} B  {packed:9,d} B gzip{'  (demo only)' if demo_only else ''}")
print(f"{'console':18s} {console_raw:9,d} B  {console_gzip:9,d} B gzip  "
      f"(budget {args.budget_kb:.0f} KB = {int(args.budget_kb * 1000):,d} B)")
print(f"{'console + demo':18s} {console_raw + demo_raw:9,d} B  {console_gzip + demo_gzip:9,d} B gzip  "
      f"(budget {args.demo_budget_kb:.0f} KB = {int(args.demo_budget_kb * 1000):,d} B)")
checks = [
    0 < console_gzip <= args.budget_kb * 1000 and os.path.exists(os.path.join(args.dist, "index.html")),
    0 < demo_gzip and console_gzip + demo_gzip <= args.demo_budget_kb * 1000
    and os.path.exists(os.path.join(args.dist, "sim_worker.wasm")),
]
print(f"{sum(checks)} passed, {len(checks) - sum(checks)} failed")
sys.exit(0 if all(checks) else 1)
