#!/usr/bin/env python3
"""The static bundle stays within its budget: every file of build/web/dist, gzip -9, together.
A byte count, not a timing: the same build always gives the same answer."""
import argparse
import gzip
import os
import sys

parser = argparse.ArgumentParser()
parser.add_argument("--dist", required=True)
parser.add_argument("--budget-kb", type=float, default=450.0)
args = parser.parse_args()

total_raw = total_gzip = 0
for name in sorted(os.listdir(args.dist)):
    path = os.path.join(args.dist, name)
    with open(path, "rb") as f:
        data = f.read()
    packed = len(gzip.compress(data, 9))
    total_raw += len(data)
    total_gzip += packed
    print(f"{name:16s} {len(data):9,d} B  {packed:9,d} B gzip")
print(f"{'total':16s} {total_raw:9,d} B  {total_gzip:9,d} B gzip  (budget {args.budget_kb:.0f} KB = {int(args.budget_kb * 1000):,d} B)")
ok = 0 < total_gzip <= args.budget_kb * 1000 and os.path.exists(os.path.join(args.dist, "index.html"))
print(f"{int(ok)} passed, {int(not ok)} failed")
sys.exit(0 if ok else 1)
