#!/usr/bin/env bash
# The web desk under a flood of sign-in forms and under slow clients, over 127.0.0.1 only,
# bounded in count and time: resident memory and lookup throughput before and after the
# flood, then how many slow clients stay connected and whether a good client is served
# beside them, with the normal open-file limit and under a limit of 256 descriptors.
#
#   POSTDESK_BIN=.build/release/postdesk bash bench/web/flood.sh
#
# Environment: FLOOD (30s: each half of wrk's GET /sign-in flood), LOOKUP (10s: each lookup measurement),
# HEADERS (2000) and BODIES (200) slow clients held HOLD (45) seconds, OUT (bench/out/web-flood).
# Needs wrk, curl and python3.
set -euo pipefail
cd "$(dirname "$0")/../.."

FLOOD=${FLOOD:-30s}
LOOKUP=${LOOKUP:-10s}
HEADERS=${HEADERS:-2000}
BODIES=${BODIES:-200}
HOLD=${HOLD:-45}
OUT=${OUT:-bench/out/web-flood}
export POSTDESK_TODAY=2026-11-22 POSTDESK_NOW=2026-11-22T09:00:00Z POSTDESK_TEMPLATES=templates
for tool in wrk curl python3; do
  command -v "$tool" >/dev/null || { echo "bench/web/flood.sh needs $tool" >&2; exit 1; }
done
if [ -n "${POSTDESK_BIN:-}" ]; then
  BIN=$POSTDESK_BIN
else
  swift build -c release --product postdesk >/dev/null
  BIN=$(swift build -c release --show-bin-path)/postdesk
fi
rm -rf "$OUT"
mkdir -p "$OUT"
export POSTDESK_DB=$OUT/registry.sqlite
"$BIN" citizens import samples/citizens.csv --clerk mh --centre 751 >/dev/null
printf 'bench-password-mh\n' | "$BIN" clerks add mh --centre 751 >/dev/null

SERVER=
stop_server() { [ -z "$SERVER" ] || { kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; }; SERVER=; }
trap stop_server EXIT
# Starts the desk with open-file limit $1; sets SERVER and BASE.
start_server() {
  (ulimit -n "$1" && exec "$BIN" serve --port 0) >"$OUT/serve.log" 2>&1 &
  SERVER=$!
  for _ in $(seq 100); do
    grep -q '^PostDesk web desk on ' "$OUT/serve.log" && break
    kill -0 "$SERVER" 2>/dev/null || { cat "$OUT/serve.log" >&2; exit 1; }
    sleep 0.1
  done
  BASE=$(sed -n 's/^PostDesk web desk on //p' "$OUT/serve.log" | head -1)
  [ -n "$BASE" ] || { echo "postdesk serve did not start" >&2; exit 1; }
}
rss() { awk '/^VmRSS/ { printf "%.0f MB", $2 / 1024 }' "/proc/$SERVER/status"; }
# Runs wrk for $1 on URL $2 with extra arguments; prints "requests/s requests non-200".
drive() {
  local duration=$1 url=$2
  shift 2
  wrk -t2 -c50 -d"$duration" -s bench/web/lookup.lua "$@" "$url" >"$OUT/wrk.txt"
  local result
  result=$(grep '^RESULT ' "$OUT/wrk.txt")
  eval "${result#RESULT }"
  echo "$rps $requests $non200"
}
csrf() {
  curl -sf -b "$1" -c "$1" "$BASE$2" | grep -o '<input[^>]*name="csrf"[^>]*>' | head -1 \
    | sed 's/.*value="\([^"]*\)".*/\1/'
}

start_server "$(ulimit -n)"
JAR=$OUT/mh.cookies
token=$(csrf "$JAR" /sign-in)
curl -s -o /dev/null -b "$JAR" -c "$JAR" --data-urlencode clerk=mh --data-urlencode password=bench-password-mh \
  --data-urlencode "csrf=$token" "$BASE/sign-in"
token=$(csrf "$JAR" /citizens)
PAGE=$(curl -s -o /dev/null -w '%{redirect_url}' -b "$JAR" -c "$JAR" --data-urlencode cpr=050531-3216 \
  --data-urlencode "csrf=$token" "$BASE/citizens")
SESSION=$(awk '$6 == "postdesk_session" { print $7 }' "$JAR")
case "$PAGE" in "$BASE"/citizens/*) ;; *) echo "no citizen page: '$PAGE'" >&2; exit 1 ;; esac

echo "machine: $(nproc) cores; load before: $(uptime | sed 's/.*load average: //')"
echo "resident at start: $(rss)"
read -r rps requests non200 < <(drive "$LOOKUP" "$PAGE" -H "Cookie: postdesk_session=$SESSION")
echo "lookups before the flood: $rps/s ($requests, non-200 $non200)"
# The flood in two halves: a store whose cost grows with its size shows in the second.
read -r rps requests non200 < <(drive "$FLOOD" "$BASE/sign-in")
echo "flood of GET /sign-in, first half: $rps/s, $requests forms shown (non-200 $non200); resident: $(rss)"
read -r rps requests non200 < <(drive "$FLOOD" "$BASE/sign-in")
echo "flood of GET /sign-in, second half: $rps/s, $requests forms shown (non-200 $non200); resident: $(rss)"
read -r rps requests non200 < <(drive "$LOOKUP" "$PAGE" -H "Cookie: postdesk_session=$SESSION")
echo "lookups after the flood: $rps/s ($requests, non-200 $non200)"
echo "load after: $(uptime | sed 's/.*load average: //')"

echo
echo "slow clients, open-file limit $(ulimit -n):"
python3 bench/web/slow_clients.py "${BASE##*:}" --headers "$HEADERS" --bodies "$BODIES" --hold "$HOLD" | sed 's/^/  /'
echo "  resident after: $(rss)"
stop_server

echo
echo "slow clients, open-file limit 256 (300 unfinished heads):"
start_server 256
python3 bench/web/slow_clients.py "${BASE##*:}" --headers 300 --bodies 0 --hold "$HOLD" | sed 's/^/  /'
