#!/usr/bin/env bash
# HTML letters to PDF, side by side in one run on the same letters (bench/pdf/README.md):
#   engine    HeadlessChromium: a pool of 2 browsers, PER_CALL letters per print, cut with qpdf
#   single    HeadlessChromium: a pool of 2 browsers, one letter per print
#   ceiling   Chromium alone: the letters as one document per browser, not cut
#   weasyprint  WeasyPrint on 2 processes
#   bench/pdf/run.sh [LETTERS] [RUNS] [PER_CALL] [WEASY]
#     defaults: 1000 letters, 3 runs, 40 letters per print; WeasyPrint prints the first WEASY
#     of the letters (default all: it needs about 8 times Chromium's CPU per page)
#   PDF_BENCH=path/to/pdf-bench uses a pdf-bench built elsewhere.
set -euo pipefail
cd "$(dirname "$0")/../.."
N="${1:-1000}"
RUNS="${2:-3}"
PER_CALL="${3:-40}"
WEASY="${4:-$N}"
OUT=bench/out/pdf
mkdir -p "$OUT"

if [ ! -x bench/.venv/bin/python ]; then
  python3 -m venv bench/.venv
fi
bench/.venv/bin/python -c "import weasyprint" 2>/dev/null || bench/.venv/bin/pip install --quiet weasyprint

if [ -z "${PDF_BENCH:-}" ]; then
  swift build -c release --package-path bench --product pdf-bench >&2
  PDF_BENCH="$(swift build -c release --package-path bench --show-bin-path)/pdf-bench"
fi
BENCH="$PDF_BENCH"
PY=bench/.venv/bin/python

# The project's letters, each with its own case number, made run-safe (README.md).
python3 bench/pdf/letters.py "$N" "$OUT/letters" --run-safe
python3 bench/pdf/letters.py "$WEASY" "$OUT/letters-weasyprint" --run-safe

: > "$OUT/lines.txt"
for run in $(seq 1 "$RUNS"); do
  # The modes take turns, so that the load of the machine weighs on all alike.
  for mode in engine single ceiling weasyprint; do
    echo "run $run $mode, load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
    if [ "$mode" = weasyprint ]; then
      line=$($PY bench/pdf/weasy.py "$OUT/letters-weasyprint" 2)
    else
      line=$("$BENCH" "$mode" "$OUT/letters" --pool 2 --per-call "$PER_CALL")
    fi
    echo "$line load=$(cut -d' ' -f1 /proc/loadavg)" | tee -a "$OUT/lines.txt" >&2
  done
done

python3 bench/pdf/summary.py "$OUT/lines.txt" "$N" "$PER_CALL"
