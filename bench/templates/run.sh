#!/usr/bin/env bash
# The template engine against Jinja2 (autoescape) and Chameleon: letters/s, single-threaded.
#   bench/templates/run.sh [N] [RUNS]     (defaults: 20000 letters, 5 runs; median reported)
set -euo pipefail
cd "$(dirname "$0")/../.."
N="${1:-20000}"
RUNS="${2:-5}"
OUT=bench/out/templates
mkdir -p "$OUT"

if [ ! -x bench/.venv/bin/python ]; then
  python3 -m venv bench/.venv
fi
bench/.venv/bin/python -c "import jinja2, chameleon" 2>/dev/null \
  || bench/.venv/bin/pip install --quiet jinja2 chameleon

swift build -c release --package-path bench --product templates-bench >&2
BENCH="$(swift build -c release --package-path bench --show-bin-path)/templates-bench"

PY=bench/.venv/bin/python
$PY bench/templates/peers.py generate "$N" "$OUT/records.json"
{
  "$BENCH" bench/templates/letter.xhtml "$OUT/records.json" "$RUNS" "$OUT"
  $PY bench/templates/peers.py run "$OUT/records.json" "$RUNS" "$OUT"
} > "$OUT/rates.tsv"

$PY bench/templates/peers.py compare "$OUT/swift-codable.html" "$OUT/swift-values.html" "$OUT/jinja2.html" \
  "$OUT/chameleon.html"

$PY - "$OUT/rates.tsv" "$N" "$RUNS" <<'PY'
import os, statistics, subprocess, sys
rows = []
for line in open(sys.argv[1], encoding="utf-8"):
    label, wall, cpu = line.rstrip("\n").split("\t")
    median = lambda rates: statistics.median(float(r) for r in rates.split(","))
    rows.append((label, median(wall), median(cpu)))
peer_wall = max(wall for label, wall, cpu in rows if not label.startswith("XMLTemplates"))
peer_cpu = max(cpu for label, wall, cpu in rows if not label.startswith("XMLTemplates"))
model = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
nproc = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
load = " ".join(f"{x:.2f}" for x in os.getloadavg())
print(f"\n{sys.argv[2]} letters, median of {sys.argv[3]} runs, single-threaded")
print(f"machine: nproc={nproc}, CPU: {model}, load average during run: {load}")
print("wall = letters per second of elapsed time; cpu = per second of the rendering thread's CPU time")
print("(the machine is shared, so wall time also counts other processes; ratios are to the faster peer)")
print(f"{'engine':<31}{'letters/s wall':>15}{'ratio':>8}{'letters/s cpu':>15}{'ratio':>8}")
for label, wall, cpu in rows:
    print(f"{label:<31}{wall:>15,.0f}{wall / peer_wall:>7.2f}x{cpu:>15,.0f}{cpu / peer_cpu:>7.2f}x")
PY
