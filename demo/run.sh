#!/usr/bin/env bash
# `make demo`: the main job of a Citizen Service Centre on a fresh embedded registry, from
# the samples. Everything it writes is under demo/out/.
#
# The samples were written around 22 November 2026 (children about to turn 15, a passport
# valid until 2030), so the demo fixes "today" to that date; drop POSTDESK_TODAY to use
# the real one.
set -euo pipefail
cd "$(dirname "$0")/.."

postdesk() { .build/debug/postdesk "$@"; }
export POSTDESK_TODAY=2026-11-22
# `make demo-postgres` (demo/postgres.sh) names a PostgreSQL registry instead.
export POSTDESK_DB=${POSTDESK_DEMO_DB:-demo/out/registry.sqlite}
export POSTDESK_TEMPLATES=templates
out=demo/out
rm -rf "$out"
mkdir -p "$out/forms" "$out/letters" "$out/access" "$out/notices"

step() { printf '\n== %s\n' "$*"; }

step "A fresh registry from the CPR extract samples/citizens.csv"
postdesk citizens import samples/citizens.csv --clerk mh --centre 751

step "The application form FD 001a: blank (Danish and English) and pre-filled for Karen Møller"
postdesk exemption form --centre 751 --out "$out/forms/blank-da.html"
postdesk exemption form --centre 751 --lang en --out "$out/forms/blank-en.html"
postdesk exemption form 050531-3216 --clerk mh --out "$out/forms/karen-moller-da.html"

step "Karen Møller (95) applies in person with her passport; granted, with paper copies of 6 months"
postdesk exemption apply 050531-3216 --criterion impairment --criterion no-internet \
  --id passport:2030-06-30 --paper-copies --centre 615 --clerk mh
postdesk exemption decide 1 --grant --clerk mh --out "$out/letters/decision-granted.html"
postdesk citizens show 050531-3216

step "Anders Holm lives abroad; his sister applies with a power of attorney; always granted (Act §5(1))"
postdesk exemption apply 101075-0063 --criterion emigrated --on-behalf "Lise Holm" \
  --authority power-of-attorney --id eu-driving-licence:2031-01-31 --centre 101 --clerk ast
postdesk exemption decide 2 --grant --clerk ast --out "$out/letters/decision-emigrated.html"

step "Bjørn Kjærgaard applies; refused, with the reason stated"
postdesk exemption apply 180464-2761 --criterion language --id passport:2029-02-28 --centre 370 --clerk mh
postdesk exemption decide 3 --refuse "Du har oplyst, at du læser og skriver dansk uden besvær, og at du bruger MitID til netbank. Ingen af de fem kriterier for fritagelse er opfyldt." \
  --clerk mh --out "$out/letters/decision-refused.html"

step "A refusal of the rules changes nothing: a helper must be 15 or older"
if postdesk access grant 120940-1653 120314-6775 --level read --until 2027-11-30 --consent in-person \
  --id passport:2030-01-31 --clerk ast --out "$out/access"; then
  echo "unexpected: the grant went through" >&2; exit 1
fi

step "Poul Andersen gives Signe Lykke read and write access until 30 November 2028"
postdesk access grant 120940-1653 311299-0800 --level read-write --until 2028-11-30 --consent in-person \
  --id passport:2030-01-31 --clerk ast --out "$out/access"
postdesk access list 120940-1653
postdesk access revoke 120940-1653 311299-0800 --clerk ast

step "Notices due tomorrow to custody holders of children who turn 15 in three weeks"
postdesk letterbox notices --date 2026-11-23 --out "$out/notices"

step "A mailing (JSON Lines and MeMo) routed as of its letter dates and printed for the print shop"
postdesk letters print samples/mailings/exempt-citizens.jsonl samples/mailings/memo --out "$out/batch"

step "The audit log is hash-chained and intact"
postdesk audit verify

step "Where everything is"
find "$out" -path "$out/batch" -prune -o -type f -name '*.html' -print | sort | sed 's/^/  /'
echo "  $out/batch/ (print/ with PDF letters and print orders, digital/, held/, undeliverable.csv, rejects.csv, manifest.xml)"
echo "  $POSTDESK_DB (the registry)"

# On a throwaway cluster (make demo-postgres) the registry is gone when the demo ends.
if [ -z "${POSTDESK_DEMO_DB:-}" ]; then
  step "The same desk in a browser"
  echo "  printf 'a-password\\n' | .build/debug/postdesk clerks add mh --centre 751 --db $POSTDESK_DB"
  echo "  .build/debug/postdesk serve --db $POSTDESK_DB --port 8080    # then open http://127.0.0.1:8080"
fi
