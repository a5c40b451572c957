#!/usr/bin/env bash
# The batch printer's benchmark: a mailing of decision letters to exempt citizens,
# every one printed as HTML (`--format html`; the PDF batch is bench/batch/pdf.sh), against a
# synthetic registry; 25,000 and 256,000 letters by default.
#
#   bash bench/batch/run.sh                                   # 5,000,000 citizens
#   CITIZENS=300000 LETTERS="25000" bash bench/batch/run.sh   # a quick look
#
# Environment: CITIZENS (5000000), LETTERS ("25000 256000"), EXEMPT (256000, the mailing's
# length), OUT (bench/out/batch),
# KEEP=1 keeps the batch folders. Bars: 256,000 letters <= 60 s, peak memory <= 250 MB and
# the same (±10 %) at both sizes. The floor: `cat` writing the same bytes (page cache only),
# and `cat` followed by `sync` (the bytes on disk, as the batch's checkpoints put them).
set -euo pipefail
cd "$(dirname "$0")/../.."

CITIZENS=${CITIZENS:-5000000}
LETTERS=${LETTERS:-25000 256000}
EXEMPT=${EXEMPT:-256000}
OUT=${OUT:-bench/out/batch}
export POSTDESK_TODAY=2026-01-01 POSTDESK_NOW=2026-01-01T09:00:00Z

swift build -c release --product postdesk >/dev/null
BIN=$(swift build -c release --show-bin-path)
mkdir -p "$OUT"
DB=$OUT/registry-$CITIZENS.sqlite
MAILING=$OUT/mailing-$CITIZENS-$EXEMPT.jsonl

if [ ! -s "$MAILING" ] || [ ! -s "$DB" ]; then
  rm -f "$DB" "$DB-wal" "$DB-shm"
  head -2 samples/citizens.csv >"$OUT/one.csv"
  "$BIN/postdesk" citizens import "$OUT/one.csv" --db "$DB" >/dev/null
  echo "Generating $CITIZENS citizens, $EXEMPT exempt, and the mailing"
  python3 bench/batch/make_registry.py "$DB" "$CITIZENS" "$EXEMPT" "$MAILING"
fi

measure() {
  /usr/bin/time -v -o "$OUT/time.log" "$@" >/dev/null 2>"$OUT/stderr.log"
  awk -F': ' '
    /Elapsed \(wall clock\)/ { n = split($2, p, ":"); w = 0; for (i = 1; i <= n; i++) w = w * 60 + p[i] }
    /User time/ { u = $2 } /System time/ { s = $2 }
    /Maximum resident set size/ { m = $2 }
    END { printf "%.2f %.2f %d\n", w, u + s, m }' "$OUT/time.log"
}

rows=()
done_runs=()
for n in $LETTERS; do
  head -n "$n" "$MAILING" >"$OUT/mailing-$n.jsonl"
  # A fresh folder, and nothing deleted just before: ext4 skips recently deleted inodes when
  # it allocates new ones, which would charge an earlier run's clean-up to this one.
  run=$OUT/batch-$n-$(date +%s)
  sync
  read -r wall cpu peak < <(measure "$BIN/postdesk" letters print "$OUT/mailing-$n.jsonl" --out "$run" --format html \
    --db "$DB" --templates templates --quiet)
  grep -q 'paper="'"$n"'"' "$run/manifest.xml" || { echo "batch-$n: not every letter printed"; exit 1; }
  bytes=$(du -sb "$run" | cut -f1)
  files=$(find "$run" -type f | wc -l)
  sync
  cat_start=$(date +%s.%N)
  find "$run" -type f -print0 | xargs -0 cat >"$OUT/cat.bin"
  cat_end=$(date +%s.%N)
  sync
  sync_end=$(date +%s.%N)
  done_runs+=("$run")
  rate=$(awk -v n="$n" -v w="$wall" 'BEGIN { printf "%.0f", n / w }')
  cat_s=$(awk -v a="$cat_start" -v b="$cat_end" 'BEGIN { printf "%.1f", b - a }')
  sync_s=$(awk -v a="$cat_start" -v b="$sync_end" 'BEGIN { printf "%.1f", b - a }')
  rows+=("$(printf '| %8d | %8.1f s | %7.1f s | %8s | %6d MB | %7d MB | %6d | %6s s | %7s s |' "$n" "$wall" "$cpu" \
    "$rate" "$((peak / 1024))" "$((bytes / 1048576))" "$files" "$cat_s" "$sync_s")")
done

rm -f "$OUT/cat.bin"
[ "${KEEP:-0}" = 1 ] || rm -rf "${done_runs[@]}"
cpu=$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)
echo
echo "Batch benchmark: decision letters to exempt citizens, registry of $CITIZENS citizens"
echo "Machine: $(nproc) cores, $cpu, $(free -g | awk '/Mem:/{print $2}') GiB; load $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| letters  | wall       | CPU       | letters/s | peak RSS | output     | files  | cat      | cat+sync  |"
echo "|----------|------------|-----------|-----------|----------|------------|--------|----------|-----------|"
for row in "${rows[@]}"; do echo "$row"; done
