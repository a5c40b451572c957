#!/usr/bin/env bash
# The citizen pages a build serves, for comparing two builds byte for byte: every sample citizen
# (samples/citizens.csv, with accesses given and held, an exemption and a pending application
# added), in Danish and in English, fetched as a clerk's browser does and written to
# OUT/LANG/NN.html with the session's random tokens (references, CSRF) replaced by "TOKEN".
#
#   bash bench/web/pages.sh BIN OUT      # then: diff -r OUT-before OUT-after
#
# A change to the citizen page's speed must leave these files identical.
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=$1
OUT=$2
WORK=$(mktemp -d "${TMPDIR:-/tmp}/postdesk-pages.XXXXXX")
SERVER=
trap '[ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null; wait 2>/dev/null; rm -rf "$WORK"' EXIT
export POSTDESK_TODAY=2026-11-22 POSTDESK_NOW=2026-11-22T09:00:00Z POSTDESK_TEMPLATES=templates
export POSTDESK_DB=$WORK/registry.sqlite
"$BIN" citizens import samples/citizens.csv --clerk mh --centre 751 >/dev/null
printf 'bench-password-mh\n' | "$BIN" clerks add mh --centre 751 >/dev/null
"$BIN" access grant 140382-3518 020780-2743 --level read --until 2027-06-30 --consent in-person \
  --id passport:2030-01-31 --clerk mh --out "$WORK/letters" >/dev/null
"$BIN" access grant 120940-1653 140382-3518 --level read-write --until 2027-01-31 --consent in-person \
  --id passport:2030-01-31 --clerk mh --out "$WORK/letters" >/dev/null
"$BIN" exemption apply 050531-3216 --criterion no-internet --criterion impairment --id passport:2030-01-31 \
  --centre 751 --clerk mh >/dev/null
"$BIN" exemption decide 1 --grant --clerk mh --centre 615 --out "$WORK/decision.html" >/dev/null
"$BIN" exemption apply 311299-0800 --criterion no-internet --id passport:2030-01-31 --centre 751 --clerk mh >/dev/null
documents=()
"$BIN" serve --help 2>/dev/null | grep -q -- '--documents' && documents=(--documents "$WORK/documents")
"$BIN" serve --port 0 "${documents[@]}" >"$WORK/serve.log" 2>&1 &
SERVER=$!
for _ in $(seq 200); do
  grep -q '^PostDesk web desk on ' "$WORK/serve.log" && break
  sleep 0.1
done
BASE=$(sed -n 's/^PostDesk web desk on //p' "$WORK/serve.log" | head -1)
rm -rf "$OUT"
for lang in da en; do
  mkdir -p "$OUT/$lang"
  cut -d, -f1 samples/citizens.csv | tail -n +2 \
    | python3 bench/web/references.py "$BASE" mh bench-password-mh 1 "$lang" >"$WORK/references-$lang.txt"
  n=0
  while read -r cookie reference; do
    n=$((n + 1))
    curl -sf -b "postdesk_session=$cookie" "$BASE/citizens/$reference" \
      | sed -E 's/[0-9a-f]{24,64}/TOKEN/g' >"$OUT/$lang/$(printf %02d $n).html"
  done <"$WORK/references-$lang.txt"
done
echo "$(find "$OUT" -name '*.html' | wc -l) pages in $OUT"
