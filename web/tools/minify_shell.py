#!/usr/bin/env python3
"""The page's shell (web/shell.html) as the bundle carries it: without its comment lines and
indentation, which are for its readers (-0.46 KB gzip). Whole lines only: a line whose first
characters are // is a comment; nothing inside a line is touched, so strings and URLs are safe.
The shell has no template literals or <pre>, whose lines would keep their indentation."""
import sys

source, target = sys.argv[1], sys.argv[2]
with open(source, encoding="utf-8") as f:
    lines = [line.strip() for line in f.read().split("\n")]
text = "\n".join(line for line in lines if line and not line.startswith("//")) + "\n"
if "`" in text or "<pre" in text:
    sys.exit(f"{source}: a template literal or <pre> would lose its indentation; minify_shell.py cannot take it")
with open(target, "w", encoding="utf-8") as f:
    f.write(text)
