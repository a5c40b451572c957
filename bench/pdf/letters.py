"""Writes COUNT letters (HTML) into OUT, cycling through the project's rendered letters.

Each letter gets its own case number, so that no two are alike. With --run-safe, the
layout's sheet of rules that tie a letter to its place in a document is dropped
(`page-numbers`: the following pages' margin and the page counter), as the batch's data
`printRun` does: those letters print in runs of many per call (see bench/pdf/README.md);
without it every letter prints alone.
"""
import argparse
import pathlib
import re

parser = argparse.ArgumentParser()
parser.add_argument("count", type=int)
parser.add_argument("out")
parser.add_argument("--run-safe", action="store_true")
parser.add_argument("--source", default="Tests/PostDeskCommandTests/Golden")
args = parser.parse_args()

# The end-to-end tests' golden letters: one of each kind the desk writes.
LETTERS = ["access.new.owner.da.html", "decision.granted.da.html", "decision.refused.en.html",
           "notice.sofie.ase.da.html"]
sources = [pathlib.Path(args.source) / name for name in LETTERS]
texts = [p.read_text(encoding="utf-8") for p in sources]
if args.run_safe:
    texts = [re.sub(r'<style id="page-numbers">.*?</style>', "", t, flags=re.S) for t in texts]
out = pathlib.Path(args.out)
out.mkdir(parents=True, exist_ok=True)
for old in out.glob("*.html"):
    old.unlink()
for number in range(1, args.count + 1):
    text = texts[(number - 1) % len(texts)]
    text = re.sub(r"(FD|BS|AD|LB)-2026-\d{6}", lambda m: f"{m.group(1)}-2026-{number:06d}", text)
    (out / f"{number:06d}.html").write_text(text, encoding="utf-8")
