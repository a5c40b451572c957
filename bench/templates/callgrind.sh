#!/usr/bin/env bash
# Instructions per letter of the engine's two render paths, counted by callgrind. Unlike
# letters/s they do not move with the machine's load, so variants can be compared exactly on
# a shared machine (they are not a speed: retain/release and cache misses cost more per
# instruction than a scan does).
#   bench/templates/callgrind.sh [N]     (default 3,000 letters; needs valgrind)
set -euo pipefail
cd "$(dirname "$0")/../.."
N="${1:-3000}"
OUT=bench/out/templates/callgrind
mkdir -p "$OUT"
command -v valgrind >/dev/null || { echo "callgrind.sh: valgrind is not installed (apt-get install valgrind)" >&2; exit 1; }

if [ ! -x bench/.venv/bin/python ]; then
  python3 -m venv bench/.venv
fi
bench/.venv/bin/python -c "import jinja2, chameleon" 2>/dev/null \
  || bench/.venv/bin/pip install --quiet jinja2 chameleon

swift build -c release --package-path bench --product templates-bench >&2
BENCH="$(swift build -c release --package-path bench --show-bin-path)/templates-bench"
bench/.venv/bin/python bench/templates/peers.py generate "$N" "$OUT/records.json"

# Template.render(value:mode:) runs once per letter on each path; Template.render(_:mode:)
# (Codable, including the encoding) once per letter on the Codable path.
VALUE='$s12XMLTemplates8TemplateV6render5value4modeSSAA0B5ValueO_AA10OutputModeOtAA0B5ErrorVYKF'
CODABLE='$s12XMLTemplates8TemplateV6render_4modeSSx_AA10OutputModeOtAA0B5ErrorVYKSERzlF'
count() {
  valgrind --tool=callgrind --callgrind-out-file="$OUT/$1.callgrind" --toggle-collect="$2" \
    "$BENCH" bench/templates/letter.xhtml "$OUT/records.json" 1 "$OUT" 2>"$OUT/$1.log" >/dev/null
  grep -o 'Collected : [0-9]*' "$OUT/$1.log" | grep -o '[0-9]*$'
}
value=$(count value "$VALUE")
codable=$(count codable "$CODABLE")
echo "$N letters; instructions per letter (callgrind; profiles in $OUT)"
echo "render(value:)  value tree         $((value / (2 * N)))"
echo "render(_:)      Codable struct     $((codable / N))"
