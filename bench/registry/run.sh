#!/usr/bin/env bash
# The registry's scale benchmark: a synthetic CPR extract of 5,000,000 citizens imported,
# 5 % of them exempted, then channel decisions for random CPR numbers as of one date.
#
#   bash bench/registry/run.sh              # full size
#   ROWS=100000 bash bench/registry/run.sh  # a quick look
#
# Environment: ROWS (5000000), IMPORT_RUNS (3), ROUTE_DECISIONS (1000000), ROUTE_RUNS (5),
# ROUTE_MODES ("mapped bounded": how the lookup reads the file; bounded:MB sets the cache),
# OUT (bench/out/registry), LIBRARY_RUNS (3: the hand-written paths beside the libraries they
# stand in for; 0 leaves them out). Bars: import <= 90 s, decisions >= 100,000/s on one core,
# peak memory <= 300 MB.
set -euo pipefail
cd "$(dirname "$0")/../.."

ROWS=${ROWS:-5000000}
IMPORT_RUNS=${IMPORT_RUNS:-3}
ROUTE_DECISIONS=${ROUTE_DECISIONS:-1000000}
ROUTE_RUNS=${ROUTE_RUNS:-5}
ROUTE_MODES=${ROUTE_MODES:-mapped bounded}
LIBRARY_RUNS=${LIBRARY_RUNS:-3}
OUT=${OUT:-bench/out/registry}
TODAY=2026-11-22
export POSTDESK_TODAY=$TODAY POSTDESK_NOW=2026-11-22T09:30:00Z

if [ ! -x /usr/bin/time ]; then
  echo "Installing GNU time (to measure peak memory)"
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time
  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time; fi
fi

swift build -c release --product postdesk >/dev/null
swift build -c release --package-path bench --product registry-bench >/dev/null
BIN=$(swift build -c release --show-bin-path)
# The benchmark programs are built by their own package (bench/Package.swift).
BENCH_BIN=$(swift build -c release --package-path bench --show-bin-path)
mkdir -p "$OUT"
CSV=$OUT/citizens-$ROWS.csv
DB=$OUT/registry.sqlite

# Runs a command under /usr/bin/time -v; prints "wall_seconds user_seconds peak_kb".
measure() {
  local log=$OUT/time.log
  /usr/bin/time -v -o "$log" "$@" >"$OUT/last.out"
  awk -F': ' '
    /Elapsed \(wall clock\)/ { n = split($2, p, ":"); w = 0; for (i = 1; i <= n; i++) w = w * 60 + p[i] }
    /User time/ { u = $2 }
    /Maximum resident set size/ { m = $2 }
    END { printf "%.2f %.2f %d\n", w, u, m }' "$log"
}
median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
mb() { awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }

if [ ! -s "$CSV" ]; then
  echo "Generating $ROWS citizens into $CSV"
  read -r gen_wall _ _ < <(measure "$BENCH_BIN/registry-bench" generate "$ROWS" "$CSV" "$TODAY")
  echo "  $(cat "$OUT/last.out") in ${gen_wall} s"
fi
csv_mb=$(du -m "$CSV" | cut -f1)

: >"$OUT/import.txt"
for run in $(seq 1 "$IMPORT_RUNS"); do
  rm -f "$DB" "$DB-wal" "$DB-shm"
  read -r wall user peak < <(measure "$BIN/postdesk" citizens import "$CSV" --db "$DB")
  echo "import run $run: $wall s wall, $user s user, peak $(mb "$peak") MB: $(cat "$OUT/last.out")"
  echo "$wall $user $peak" >>"$OUT/import.txt"
done
import_wall=$(cut -d' ' -f1 "$OUT/import.txt" | median)
import_user=$(cut -d' ' -f2 "$OUT/import.txt" | median)
import_peak=$(cut -d' ' -f3 "$OUT/import.txt" | sort -n | tail -1)
size_import=$(du -m "$DB" | cut -f1)

# 6 % of those aged 15 or more is about 5 % of everyone.
read -r exempt_wall _ exempt_peak < <(measure "$BENCH_BIN/registry-bench" exempt "$DB" "$CSV" "$TODAY" 0.06)
exempt_line=$(cat "$OUT/last.out")
echo "$exempt_line"
size_exempt=$(du -m "$DB" | cut -f1)

# Both ways of reading the file: mapped (the pages touched count in RSS) and bounded
# (SQLite's own cache, 64 MB or bounded:MB, read with pread: RSS stays within it).
declare -A route_rate route_cpu_rate route_peak
for memory in $ROUTE_MODES; do
  read -r _ _ peak < <(
    measure "$BENCH_BIN/registry-bench" route "$DB" "$CSV" "$TODAY" "$ROUTE_DECISIONS" "$ROUTE_RUNS" "$memory")
  line=$(cat "$OUT/last.out")
  echo "route ($memory): $line"
  route_rate[$memory]=$(sed -n 's/.*median \([0-9]*\) .*/\1/p' <<<"$line")
  route_cpu_rate[$memory]=$(sed -n 's/.*per CPU second \([0-9]*\);.*/\1/p' <<<"$line")
  route_peak[$memory]=$peak
done

read -r verify_wall _ verify_peak < <(measure "$BIN/postdesk" audit verify --db "$DB")
echo "$(cat "$OUT/last.out")"

# What is hand-written for speed, beside the library it stands in for, in one run: the
# extract's CSV reader against yaslab/CSV.swift, the routing row read through SQLite's C API
# against GRDB's Row (Sources/Registry/BenchmarkReads.swift).
if [ "$LIBRARY_RUNS" -gt 0 ]; then
  csv_line=$("$BENCH_BIN/registry-bench" csv "$CSV" "$LIBRARY_RUNS" | tail -1)
  rows_line=$("$BENCH_BIN/registry-bench" rows "$DB" "$CSV" "$ROUTE_DECISIONS" "$LIBRARY_RUNS")
  echo "$csv_line"
  echo "$rows_line"
fi

cpu=$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)
echo
echo "Registry benchmark: $ROWS citizens, as of $TODAY"
echo "Machine: $(nproc) cores, $cpu; load average $(cut -d' ' -f1-3 /proc/loadavg) at the end"
echo
printf '| %-44s | %-22s | %-12s | %-10s |\n' "measure" "result" "bar" "peak RSS"
printf '|%s|%s|%s|%s|\n' "$(printf -- '-%.0s' {1..46})" "$(printf -- '-%.0s' {1..24})" \
  "$(printf -- '-%.0s' {1..14})" "$(printf -- '-%.0s' {1..12})"
printf '| %-44s | %-22s | %-12s | %-10s |\n' "import from CSV ($csv_mb MB), median of $IMPORT_RUNS" \
  "$import_wall s wall ($import_user s CPU)" "<= 90 s" "$(mb "$import_peak") MB"
printf '| %-44s | %-22s | %-12s | %-10s |\n' "registry file after import" "$size_import MB" "" ""
printf '| %-44s | %-22s | %-12s | %-10s |\n' "exempt 5 % (audited API, one transaction)" "$exempt_wall s" "" \
  "$(mb "$exempt_peak") MB"
printf '| %-44s | %-22s | %-12s | %-10s |\n' "registry file with exemptions + audit" "$size_exempt MB" "" ""
for memory in $ROUTE_MODES; do
  printf '| %-44s | %-22s | %-12s | %-10s |\n' "decisions/s, one core, $memory, median of $ROUTE_RUNS" \
    "${route_rate[$memory]} (${route_cpu_rate[$memory]}/CPU s)" ">= 100,000" "$(mb "${route_peak[$memory]}") MB"
done
printf '| %-44s | %-22s | %-12s | %-10s |\n' "audit verify (whole chain)" "$verify_wall s" "" "$(mb "$verify_peak") MB"
if [ "$LIBRARY_RUNS" -gt 0 ]; then
  echo
  echo "Hand-written beside the library: $csv_line"
  echo "Hand-written beside the library: $rows_line"
fi
