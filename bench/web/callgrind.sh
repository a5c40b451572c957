#!/usr/bin/env bash
# Instructions per citizen page, counted by callgrind over the whole server (every thread: HTTP,
# session, registry reads, summary, rendering). Unlike lookups/s and CPU time they do not move
# with the machine's load, so a change can be compared with the build before it exactly on a
# shared machine (they are not a speed: a cache miss costs more than an instruction).
#
#   bash bench/web/callgrind.sh BIN [N] [LANG]     # N pages (default 400), LANG da (default) or en
#   KEEP=FILE bash bench/web/callgrind.sh ...       # keeps the profile (callgrind_annotate FILE)
#   TEMPLATES=/tmp/postdesk-old/templates bash bench/web/callgrind.sh OLD_BIN 400 ""   # an older build
#
# The registry is pages.sh's: the 40 sample citizens, with accesses given and held, an
# exemption and a pending application. The desk is started under callgrind, the 40 citizens
# looked up once (references.py) and their pages fetched twice over as warm-up; then the
# counters are zeroed, N pages fetched over one kept-alive connection (the 40 in turn), and the
# counters dumped: the total divided by N is the figure. Needs valgrind, curl, python3.
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=$1
N=${2:-400}
LANG_=${3-da}
command -v valgrind >/dev/null || { echo "callgrind.sh: valgrind is not installed (apt-get install valgrind)" >&2; exit 1; }
WORK=$(mktemp -d "${TMPDIR:-/tmp}/postdesk-callgrind.XXXXXX")
SERVER=
trap '[ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null; wait 2>/dev/null; rm -rf "$WORK"' EXIT
export POSTDESK_TODAY=2026-11-22 POSTDESK_NOW=2026-11-22T09:00:00Z POSTDESK_TEMPLATES=${TEMPLATES:-templates}
export POSTDESK_DB=$WORK/registry.sqlite
mkdir -p "$WORK/letters"
"$BIN" citizens import samples/citizens.csv --clerk mh --centre 751 >/dev/null
printf 'bench-password-mh\n' | "$BIN" clerks add mh --centre 751 >/dev/null
# Accesses, an exemption and a pending application (an older build that words these commands
# otherwise shows its pages without them, and says so).
{
  "$BIN" access grant 140382-3518 020780-2743 --level read --until 2027-06-30 --consent in-person \
    --id passport:2030-01-31 --clerk mh --out "$WORK/letters" >/dev/null
  "$BIN" access grant 120940-1653 140382-3518 --level read-write --until 2027-01-31 --consent in-person \
    --id passport:2030-01-31 --clerk mh --out "$WORK/letters" >/dev/null
  "$BIN" exemption apply 050531-3216 --criterion no-internet --criterion impairment --id passport:2030-01-31 \
    --centre 751 --clerk mh >/dev/null
  "$BIN" exemption decide 1 --grant --clerk mh --centre 615 --out "$WORK/decision.html" >/dev/null
  "$BIN" exemption apply 311299-0800 --criterion no-internet --id passport:2030-01-31 --centre 751 --clerk mh >/dev/null
} || echo "callgrind.sh: this build refused part of the sample's accesses and applications" >&2
# valgrind 3.19 (Debian 12) writes into sigsuspend's mask argument, which libdispatch keeps in
# read-only memory (its signal thread, run when an async main hands the main thread over): the
# desk then dies under valgrind at once. This shim passes the kernel a copy.
cat >"$WORK/sigsuspend.c" <<'C'
#define _GNU_SOURCE
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>
int sigsuspend(const sigset_t *mask) { sigset_t copy = *mask; return syscall(SYS_rt_sigsuspend, &copy, 8); }
C
"$(command -v cc || command -v clang)" -shared -fPIC -O2 "$WORK/sigsuspend.c" -o "$WORK/sigsuspend.so"
LD_PRELOAD=$WORK/sigsuspend.so valgrind --tool=callgrind --callgrind-out-file="$WORK/callgrind.out" \
  "$BIN" serve --port 0 >"$WORK/serve.log" 2>"$WORK/valgrind.log" &
SERVER=$!
for _ in $(seq 1200); do
  grep -q '^PostDesk web desk on ' "$WORK/serve.log" && break
  kill -0 "$SERVER" 2>/dev/null || { cat "$WORK/serve.log" "$WORK/valgrind.log" >&2; exit 1; }
  sleep 0.1
done
BASE=$(sed -n 's/^PostDesk web desk on //p' "$WORK/serve.log" | head -1)
cut -d, -f1 samples/citizens.csv | tail -n +2 \
  | python3 bench/web/references.py "$BASE" mh bench-password-mh 1 "$LANG_" >"$WORK/references.txt"
COOKIE=$(head -1 "$WORK/references.txt" | cut -d' ' -f1)
urls() { # count
  local i=0
  while [ "$i" -lt "$1" ]; do
    while read -r _ reference && [ "$i" -lt "$1" ]; do
      echo "url = \"$BASE/citizens/$reference\""
      echo "output = /dev/null"
      i=$((i + 1))
    done <"$WORK/references.txt"
  done
}
urls 80 >"$WORK/warm.curl"
urls "$N" >"$WORK/measure.curl"
curl -sf -b "postdesk_session=$COOKIE" -K "$WORK/warm.curl"
callgrind_control -z "$SERVER" >/dev/null
curl -sf -b "postdesk_session=$COOKIE" -K "$WORK/measure.curl"
callgrind_control -d "$SERVER" >/dev/null
total=0
for dump in "$WORK"/callgrind.out*; do
  [ -s "$dump" ] || continue
  grep -q '^totals:' "$dump" || continue
  # The dump after the zeroing holds the N pages; its "totals:" line counts every thread.
  [ "$dump" = "$WORK/callgrind.out" ] && continue
  count=$(sed -n 's/^totals: *\([0-9]*\).*/\1/p' "$dump")
  total=$((total + count))
  [ -n "${KEEP:-}" ] && cp "$dump" "$KEEP"
done
echo "$N pages ($LANG_): $((total / N)) instructions a page"
