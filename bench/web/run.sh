#!/usr/bin/env bash
# The web desk under load: wrk drives the citizen lookup page (GET /citizens/REF
# with a signed-in clerk's session cookie) over loopback, then two clerks act on the same
# citizen at once and the registry must hold every action exactly once.
#
#   bash bench/web/run.sh                              # 30 s, 50 connections, 2 wrk threads
#   DURATION=10s CONNECTIONS=20 ROUNDS=10 bash bench/web/run.sh
#
# Then bench/web/flood.sh (its own environment: FLOOD, LOOKUP, HEADERS, BODIES, HOLD).
# Environment: DURATION (30s), CONNECTIONS (50), THREADS (2), ROUNDS (50: grants per clerk in
# the two-clerk check), OUT (bench/out/web), POSTDESK_BIN (a release postdesk already built). Bar: >= 2,000 lookups/s with p99 <= 50 ms on
# the 2-core machine, no answer other than 200, nothing lost between the two clerks.
# Needs wrk and curl (`make bench` installs them).
set -euo pipefail
cd "$(dirname "$0")/../.."

DURATION=${DURATION:-30s}
CONNECTIONS=${CONNECTIONS:-50}
THREADS=${THREADS:-2}
ROUNDS=${ROUNDS:-50}
OUT=${OUT:-bench/out/web}
export POSTDESK_TODAY=2026-11-22 POSTDESK_NOW=2026-11-22T09:00:00Z POSTDESK_TEMPLATES=templates
for tool in wrk curl; do
  command -v "$tool" >/dev/null || { echo "bench/web needs $tool: run make bench, or apt-get install $tool" >&2; exit 1; }
done

if [ -n "${POSTDESK_BIN:-}" ]; then
  BIN=$POSTDESK_BIN
else
  swift build -c release --product postdesk >/dev/null
  BIN=$(swift build -c release --show-bin-path)/postdesk
fi
rm -rf "$OUT"
mkdir -p "$OUT"
DB=$OUT/registry.sqlite
export POSTDESK_DB=$DB
"$BIN" citizens import samples/citizens.csv --clerk mh --centre 751 >/dev/null
printf 'bench-password-mh\n' | "$BIN" clerks add mh --centre 751 >/dev/null
printf 'bench-password-ast\n' | "$BIN" clerks add ast --centre 101 >/dev/null

"$BIN" serve --port 0 >"$OUT/serve.log" 2>&1 &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true' EXIT
for _ in $(seq 100); do
  grep -q '^PostDesk web desk on ' "$OUT/serve.log" && break
  kill -0 "$SERVER" 2>/dev/null || { cat "$OUT/serve.log" >&2; exit 1; }
  sleep 0.1
done
BASE=$(sed -n 's/^PostDesk web desk on //p' "$OUT/serve.log" | head -1)
[ -n "$BASE" ] || { echo "postdesk serve did not start" >&2; exit 1; }

# The csrf token of the form on the page at $2, for the session in cookie jar $1.
csrf() {
  curl -sf -b "$1" -c "$1" "$BASE$2" | grep -o '<input[^>]*name="csrf"[^>]*>' | head -1 \
    | sed 's/.*value="\([^"]*\)".*/\1/'
}

# Signs clerk $2 (password $3) in with cookie jar $1.
sign_in() {
  local token status
  token=$(csrf "$1" /sign-in)
  status=$(curl -s -o /dev/null -w '%{http_code}' -b "$1" -c "$1" --data-urlencode "clerk=$2" \
    --data-urlencode "password=$3" --data-urlencode "csrf=$token" "$BASE/sign-in")
  [ "$status" = 303 ] || { echo "sign-in of $2 answered $status" >&2; exit 1; }
}

# The opaque page of citizen $2 in the session of jar $1 (the CPR number goes in the body).
citizen_page() {
  local token
  token=$(csrf "$1" /citizens)
  curl -s -o /dev/null -w '%{redirect_url}' -b "$1" -c "$1" --data-urlencode "cpr=$2" \
    --data-urlencode "csrf=$token" "$BASE/citizens"
}

MH=$OUT/mh.cookies
AST=$OUT/ast.cookies
sign_in "$MH" mh bench-password-mh
sign_in "$AST" ast bench-password-ast
PAGE=$(citizen_page "$MH" 050531-3216)
case "$PAGE" in "$BASE"/citizens/*) ;; *) echo "no citizen page: '$PAGE'" >&2; exit 1 ;; esac
SESSION=$(awk '$6 == "postdesk_session" { print $7 }' "$MH")
curl -sf -b "$MH" "$PAGE" | grep -q 'Karen Møller' || { echo "the citizen page does not show the citizen" >&2; exit 1; }

echo "load before: $(uptime | sed 's/.*load average/load average/')"
echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION GET /citizens/REF (Karen Møller, 40-citizen registry)"
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$SERVER/stat"; }
ticks_before=$(cpu_ticks)
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s bench/web/lookup.lua \
  -H "Cookie: postdesk_session=$SESSION" "$PAGE" >"$OUT/wrk.txt"
ticks=$(($(cpu_ticks) - ticks_before))
echo "load after:  $(uptime | sed 's/.*load average/load average/')"
result=$(grep '^RESULT ' "$OUT/wrk.txt")
eval "${result#RESULT }"
printf '| lookups/s | p50 ms | p90 ms | p99 ms | max ms | requests | non-200 | socket errors |\n'
printf '|---:|---:|---:|---:|---:|---:|---:|---:|\n'
printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' "$rps" "$p50_ms" "$p90_ms" "$p99_ms" "$max_ms" "$requests" \
  "$non200" "$socket_errors"
verdict=met
awk -v r="$rps" -v p="$p99_ms" 'BEGIN { exit !(r >= 2000 && p <= 50) }' || verdict="NOT met"
[ "$non200" = 0 ] && [ "$socket_errors" = 0 ] || verdict="NOT met"
awk -v t="$ticks" -v n="$requests" -v hz="$(getconf CLK_TCK)" 'BEGIN {
  ms = t * 1000 / hz / n
  printf "server CPU: %.3f ms a lookup (user+system), so at most %.0f lookups/s on 2 idle cores\n", ms, 2000 / ms }'
echo "bar (>= 2,000/s, p99 <= 50 ms, all 200): $verdict"

# Two clerks at once on the same owner: mh grants Signe Lykke, ast grants Mette Jensen, each
# ROUNDS times with a new expiry, both loops at the same time. Every grant is a change, so the
# audit log must hold exactly ROUNDS access entries from each clerk, and the registry each
# helper's last expiry.
echo
echo "two clerks at once: $ROUNDS grants each on the same owner (120940-XXXX)"
grants() { # jar helper clerk-tag
  local page token status i until
  page=$(citizen_page "$1" 120940-1653)
  token=$(csrf "$1" "${page#"$BASE"}/access")
  for i in $(seq "$ROUNDS"); do
    until=$(date -u -d "2027-01-01 +$i day" +%F)
    status=$(curl -s -o "$OUT/grant-$3.html" -w '%{http_code}' -b "$1" --data-urlencode "helper=$2" \
      --data-urlencode level=read --data-urlencode "until=$until" --data-urlencode consent=in-person \
      --data-urlencode id1Kind=passport --data-urlencode id1Expires=2030-01-31 --data-urlencode "csrf=$token" \
      "$page/access/grant")
    echo "$status" >>"$OUT/grant-$3.status"
  done
}
start=$(date +%s.%N)
grants "$MH" 311299-0800 mh &
first=$!
grants "$AST" 140382-3518 ast &
second=$!
wait "$first" "$second"
elapsed=$(awk -v now="$(date +%s.%N)" -v start="$start" 'BEGIN { printf "%.1f", now - start }')
ok_mh=$(grep -c '^200$' "$OUT/grant-mh.status" || true)
ok_ast=$(grep -c '^200$' "$OUT/grant-ast.status" || true)
count_audit() { # clerk
  python3 -c 'import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute(
  "SELECT count(*) FROM audit WHERE clerk = ? AND action LIKE ?", (sys.argv[2], "access.%")).fetchone()[0])' "$DB" "$1"
}
audit_mh=$(count_audit mh)
audit_ast=$(count_audit ast)
last=$(date -u -d "2027-01-01 +$ROUNDS day" +%F)
listed=$("$BIN" access list 120940-1653)
verify=$("$BIN" audit verify)
echo "  answers 200: mh $ok_mh/$ROUNDS, ast $ok_ast/$ROUNDS in ${elapsed} s"
echo "  audit entries: mh $audit_mh, ast $audit_ast (expected $ROUNDS each)"
echo "$listed" | sed 's/^/  /'
echo "  $verify"
lost=none
[ "$ok_mh" = "$ROUNDS" ] && [ "$ok_ast" = "$ROUNDS" ] || lost="an answer was not 200"
[ "$audit_mh" = "$ROUNDS" ] && [ "$audit_ast" = "$ROUNDS" ] || lost="the audit log does not hold every grant once"
echo "$listed" | grep -q "Signe Lykke  read  2026-11-22 to $last" || lost="Signe Lykke's last expiry is missing"
echo "$listed" | grep -q "Mette Jensen  read  2026-11-22 to $last" || lost="Mette Jensen's last expiry is missing"
case "$verify" in "audit log intact: "*) ;; *) lost="the audit chain does not verify" ;; esac
echo "nothing lost between the two clerks: $([ "$lost" = none ] && echo yes || echo "NO ($lost)")"

# The flood of sign-in forms and the slow clients (bench/web/flood.sh), on a desk of their own.
kill "$SERVER" 2>/dev/null || true
wait "$SERVER" 2>/dev/null || true
echo
echo "flood and slow clients (bench/web/flood.sh):"
POSTDESK_BIN=$BIN bash bench/web/flood.sh
