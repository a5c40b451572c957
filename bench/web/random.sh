#!/usr/bin/env bash
# The citizen page for random citizens of a big registry, two builds side by side: an older
# build (by default dea7ddf, the last before the Danish desk) and this tree, both in release
# mode, each on a registry of its own imported from the same synthetic CPR extract, run in
# alternating rounds (which build goes first swaps every round). Each round starts the build's
# desk, looks LOOKUPS random citizens up the way a clerk's browser does (references.py: the
# CPR number posted to the find form, the opaque /citizens/REF kept per session), warms it up,
# then drives `wrk` (random.lua: every request a random citizen with its session's cookie) and
# reads the server's CPU time (utime+stime in /proc/PID/stat) before and after.
#
#   bash bench/web/random.sh                         # 1,000,000 citizens, 3,000 looked up, 5 rounds
#   ROUNDS=3 DURATION=15s bash bench/web/random.sh
#
# Environment: CITIZENS (1000000), LOOKUPS (3000), ROUNDS (5), DURATION (20s), WARMUP (3s),
# CONNECTIONS (50), THREADS (2), SESSIONS (10: a session keeps at most 500 references),
# LANGUAGE (the new build's page language, da or en; the old build speaks English only),
# OLD_REF (dea7ddf), OLD_TREE (/tmp/postdesk-old: a `git worktree` of OLD_REF, made and built
# here when missing), NEW_TREE (this tree), OUT (bench/out/web-random). NEW_BIN/OLD_BIN name
# release binaries already built (else each tree is built with `swift build -c release`).
# Bar (issue 25): the new build at least the old one's lookups/s at no more than its p99, and
# <= 0.25 ms of server CPU a lookup, medians of the same run. Needs wrk, python3.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD

CITIZENS=${CITIZENS:-1000000}
LOOKUPS=${LOOKUPS:-3000}
ROUNDS=${ROUNDS:-5}
DURATION=${DURATION:-20s}
WARMUP=${WARMUP:-3s}
CONNECTIONS=${CONNECTIONS:-50}
THREADS=${THREADS:-2}
SESSIONS=${SESSIONS:-10}
LANGUAGE=${LANGUAGE:-}
OLD_REF=${OLD_REF:-dea7ddf}
OLD_TREE=${OLD_TREE:-/tmp/postdesk-old}
NEW_TREE=${NEW_TREE:-$ROOT}
OUT=${OUT:-$ROOT/bench/out/web-random}
TODAY=2026-11-22
export POSTDESK_TODAY=$TODAY POSTDESK_NOW=2026-11-22T09:00:00Z
for tool in wrk python3; do
  command -v "$tool" >/dev/null || { echo "bench/web needs $tool: run make bench, or apt-get install $tool" >&2; exit 1; }
done
# The extract and the list of citizens hold CPR numbers (synthetic ones): not for others to read.
umask 077
mkdir -p "$OUT"

if [ -z "${OLD_BIN:-}" ]; then
  [ -d "$OLD_TREE" ] || git worktree add --detach "$OLD_TREE" "$OLD_REF" >/dev/null
  (cd "$OLD_TREE" && swift build -c release --product postdesk >/dev/null)
  OLD_BIN=$OLD_TREE/.build/release/postdesk
fi
if [ -z "${NEW_BIN:-}" ]; then
  (cd "$NEW_TREE" && swift build -c release --product postdesk >/dev/null)
  NEW_BIN=$NEW_TREE/.build/release/postdesk
fi

CSV=$OUT/citizens-$CITIZENS.csv
[ -s "$CSV" ] || python3 bench/web/make_citizens.py "$CSV" "$CITIZENS" "$TODAY"
# LOOKUPS citizens picked at random (a fixed seed), the same for both builds.
CPRS=$OUT/cprs-$LOOKUPS.txt
[ -s "$CPRS" ] || python3 -c '
import random, sys
rows = [line.split(",", 1)[0] for line in open(sys.argv[1], encoding="utf-8")][1:]
print("\n".join(random.Random(25).sample(rows, int(sys.argv[2]))))' "$CSV" "$LOOKUPS" >"$CPRS"

# A registry for each build, imported by the build itself (each reads its own schema).
prepare() { # name bin
  local db=$OUT/$1/registry.sqlite
  [ -s "$db" ] && return
  mkdir -p "$OUT/$1"
  echo "importing $CITIZENS citizens with the $1 build"
  POSTDESK_DB=$db "$2" citizens import "$CSV" --clerk mh --centre 751 | tail -1
  printf 'bench-password-mh\n' | POSTDESK_DB=$db "$2" clerks add mh --centre 751 >/dev/null
}
prepare old "$OLD_BIN"
prepare new "$NEW_BIN"

RESULTS=$OUT/rounds.txt
: >"$RESULTS"
load() { cut -d' ' -f1 /proc/loadavg; }

# One measured run of build $1 (binary $2, templates $3) in round $4.
run() {
  local name=$1 bin=$2 templates=$3 round=$4 log=$OUT/$1/serve.log server base language="" documents=()
  [ "$name" = new ] && language=$LANGUAGE
  # Builds before issue 25's documents-as-values kept letters in a folder; later ones in the
  # registry, and refuse --documents.
  "$bin" serve --help 2>/dev/null | grep -q -- '--documents' && documents=(--documents "$OUT/$name/documents")
  POSTDESK_DB=$OUT/$name/registry.sqlite POSTDESK_TEMPLATES=$templates \
    "$bin" serve --port 0 "${documents[@]}" >"$log" 2>&1 &
  server=$!
  # Opening a big registry on a loaded machine can take a while.
  for _ in $(seq 1200); do
    grep -q '^PostDesk web desk on ' "$log" && break
    kill -0 "$server" 2>/dev/null || { cat "$log" >&2; exit 1; }
    sleep 0.1
  done
  base=$(sed -n 's/^PostDesk web desk on //p' "$log" | head -1)
  [ -n "$base" ] || { kill "$server"; echo "the $name desk did not start within 120 s" >&2; exit 1; }
  python3 bench/web/references.py "$base" mh bench-password-mh "$SESSIONS" "$language" <"$CPRS" \
    >"$OUT/$name/references.txt"
  export REFERENCES=$OUT/$name/references.txt
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -s bench/web/random.lua "$base/" >/dev/null
  local before after ticks load_before
  load_before=$(load)
  before=$(awk '{ print $14 + $15 }' "/proc/$server/stat")
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s bench/web/random.lua "$base/" >"$OUT/$name/wrk.txt"
  after=$(awk '{ print $14 + $15 }' "/proc/$server/stat")
  kill "$server"
  wait "$server" 2>/dev/null || true
  local result
  result=$(grep '^RESULT ' "$OUT/$name/wrk.txt")
  eval "${result#RESULT }"
  ticks=$((after - before))
  # shellcheck disable=SC2154 # set by the eval of wrk's RESULT line
  awk -v b="$name" -v r="$round" -v rps="$rps" -v p99="$p99_ms" -v t="$ticks" -v n="$requests" \
    -v hz="$(getconf CLK_TCK)" -v bad="$non200" -v err="$socket_errors" -v l1="$load_before" -v l2="$(load)" \
    'BEGIN { printf "%s %s %s %.3f %s %s %s %s %s\n", b, r, rps, t * 1000 / hz / n, p99, bad, err, l1, l2 }' \
    >>"$RESULTS"
  tail -1 "$RESULTS"
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(load)"
echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION, $LOOKUPS random citizens of $CITIZENS, $ROUNDS rounds"
echo "build round lookups/s cpu_ms p99_ms non200 socket_errors load_before load_after"
for round in $(seq "$ROUNDS"); do
  if [ $((round % 2)) = 1 ]; then order="old new"; else order="new old"; fi
  for name in $order; do
    if [ "$name" = old ]; then run old "$OLD_BIN" "$OLD_TREE/templates" "$round"
    else run new "$NEW_BIN" "$NEW_TREE/templates" "$round"; fi
  done
done

# Medians per build, the ratios and the verdict.
python3 - "$RESULTS" <<'EOF'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
median = {}
for build in ("old", "new"):
    mine = [r for r in rows if r[0] == build]
    median[build] = [statistics.median(float(r[i]) for r in mine) for i in (2, 3, 4)]
    bad = sum(int(r[5]) + int(r[6]) for r in mine)
    print(f"median {build}: {median[build][0]:.0f} lookups/s, {median[build][1]:.3f} ms CPU a lookup, "
          f"p99 {median[build][2]:.1f} ms; non-200 or socket errors: {bad}")
old, new = median["old"], median["new"]
print(f"new/old: lookups/s x{new[0] / old[0]:.2f}, CPU a lookup x{new[1] / old[1]:.2f}, p99 x{new[2] / old[2]:.2f}")
met = new[0] >= old[0] and new[2] <= old[2] and new[1] <= 0.25
print("bar (new >= old lookups/s, p99 <= old's, <= 0.25 ms CPU):", "met" if met else "NOT met")
EOF
