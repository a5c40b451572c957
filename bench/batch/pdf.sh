#!/usr/bin/env bash
# The PDF batch, side by side in one run on the same decision letters (bench/batch/RESULTS.md):
#   postdesk    `postdesk letters print` end to end: route, render, print to PDF in headless
#               Chromium (one browser, a page per lane), cut, write the print orders and the folder
#   weasyprint  WeasyPrint (PyPI) printing the same letters' HTML (`--format html`) on 2 processes
#   ceiling     Chromium alone: the same HTML letters as one document per browser, 2 browsers
# Memory is the whole process tree (PostDesk and its browsers), sampled: PSS and RSS summed.
#
#   bash bench/batch/pdf.sh                            # 25,000 letters
#   LETTERS="25000 256000" bash bench/batch/pdf.sh     # and the national size
#
# Environment: LETTERS ("25000"), CITIZENS (300000: the PDF batch's speed does not depend on the
# registry's size, the HTML batch's benchmark covers 5,000,000), WEASY (1000: WeasyPrint prints
# this many of the letters; at ~2 pages/s all 25,000 would take hours), CEILING (2000: Chromium
# alone prints this many, as 2 documents), OUT (bench/out/batch-pdf).
# Bars: postdesk >= 3x weasyprint's pages/s and >= 70 % of the ceiling's; peak PSS of PostDesk
# and its browsers <= 800 MB and the same (+-15 %) at every size.
set -euo pipefail
cd "$(dirname "$0")/../.."

LETTERS=${LETTERS:-25000}
CITIZENS=${CITIZENS:-300000}
WEASY=${WEASY:-1000}
CEILING=${CEILING:-2000}
OUT=${OUT:-bench/out/batch-pdf}
export POSTDESK_TODAY=2026-01-01 POSTDESK_NOW=2026-01-01T09:00:00Z

max=0
for n in $LETTERS; do [ "$n" -gt "$max" ] && max=$n; done
swift build -c release --product postdesk >/dev/null
swift build -c release --package-path bench --product pdf-bench >/dev/null
BIN=$(swift build -c release --show-bin-path)
# The benchmark programs are built by their own package (bench/Package.swift).
BENCH_BIN=$(swift build -c release --package-path bench --show-bin-path)
if [ ! -x bench/.venv/bin/python ]; then python3 -m venv bench/.venv; fi
bench/.venv/bin/python -c "import weasyprint" 2>/dev/null || bench/.venv/bin/pip install --quiet weasyprint
mkdir -p "$OUT"
DB=$OUT/registry-$CITIZENS.sqlite
MAILING=$OUT/mailing-$CITIZENS-$max.jsonl
if [ ! -s "$MAILING" ] || [ ! -s "$DB" ]; then
  rm -f "$DB" "$DB-wal" "$DB-shm"
  head -2 samples/citizens.csv >"$OUT/one.csv"
  "$BIN/postdesk" citizens import "$OUT/one.csv" --db "$DB" >/dev/null
  echo "Generating $CITIZENS citizens, $max exempt, and the mailing" >&2
  python3 bench/batch/make_registry.py "$DB" "$CITIZENS" "$max" "$MAILING"
fi

load() { cut -d' ' -f1-3 /proc/loadavg; }
rows=()
first=$(echo "$LETTERS" | cut -d' ' -f1)
head -n "$first" "$MAILING" >"$OUT/mailing-$first.jsonl"

# The same letters as HTML, for WeasyPrint and the ceiling.
rm -rf "$OUT/html" "$OUT/weasy" "$OUT/ceiling"
"$BIN/postdesk" letters print "$OUT/mailing-$first.jsonl" --out "$OUT/html" --format html --db "$DB" \
  --templates templates --quiet
mkdir -p "$OUT/weasy" "$OUT/ceiling"
find "$OUT/html/print" -name '*.html' | sort >"$OUT/html-letters.txt"
sed -n "1,${WEASY}p" "$OUT/html-letters.txt" | while read -r f; do ln -s "$PWD/$f" "$OUT/weasy/"; done
sed -n "1,${CEILING}p" "$OUT/html-letters.txt" | while read -r f; do ln -s "$PWD/$f" "$OUT/ceiling/"; done

for n in $LETTERS; do
  head -n "$n" "$MAILING" >"$OUT/mailing-$n.jsonl"
  run=$OUT/pdf-$n-$(date +%s)
  echo "postdesk $n letters, load $(load)" >&2
  line=$(python3 bench/batch/treemem.py -- "$BIN/postdesk" letters print "$OUT/mailing-$n.jsonl" --out "$run" \
    --db "$DB" --templates templates --quiet)
  grep -q 'paper="'"$n"'"' "$run/manifest.xml" || { echo "pdf-$n: not every letter printed" >&2; exit 1; }
  read -r files pages < <(python3 bench/batch/pages.py "$run/print")
  eval "$(echo "$line" | tr ' ' '\n' | sed 's/-/_/; s/^/m_/')"
  rows+=("postdesk letters=$n pdfs=$files pages=$pages wall=${m_wall}s pages/s=$(awk -v p="$pages" -v w="$m_wall" 'BEGIN { printf "%.1f", p / w }') cpu=${m_cpu}s peak-pss=${m_peak_pss}MB peak-rss=${m_peak_rss}MB load=$(load)")
  echo "${rows[-1]}" >&2
  [ "${KEEP:-0}" = 1 ] || rm -rf "$run"
done

echo "weasyprint $WEASY letters, load $(load)" >&2
rows+=("$(bench/.venv/bin/python bench/pdf/weasy.py "$OUT/weasy" 2) load=$(load)")
echo "${rows[-1]}" >&2
echo "ceiling $CEILING letters, load $(load)" >&2
rows+=("$("$BENCH_BIN/pdf-bench" ceiling "$OUT/ceiling" --pool 2) load=$(load)")
echo "${rows[-1]}" >&2

cpu=$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)
echo
echo "PDF batch benchmark: decision letters to exempt citizens, registry of $CITIZENS citizens"
echo "Machine: $(nproc) cores, $cpu, $(free -g | awk '/Mem:/{print $2}') GiB"
echo
for row in "${rows[@]}"; do echo "$row"; done
python3 - "${rows[@]}" <<'PY'
import re, sys
rates = {}
for row in sys.argv[1:]:
    mode = row.split()[0]
    rate = float(re.search(r"pages/s=([0-9.]+)", row).group(1))
    rates.setdefault(mode, []).append(rate)
p, w, c = rates["postdesk"][0], rates["weasyprint"][0], rates["ceiling"][0]
print(f"\npostdesk / weasyprint: {p / w:.1f}x (bar 3x); postdesk / ceiling: {100 * p / c:.0f} % (bar 70 %)")
PY
