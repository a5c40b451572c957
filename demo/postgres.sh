#!/usr/bin/env bash
# `make demo-postgres`: the same demo as `make demo` (demo/run.sh), on a registry in a
# throwaway PostgreSQL cluster instead of the embedded SQLite file: initdb and pg_ctl in a new
# folder under /tmp, a Unix socket only, stopped and removed when the demo ends however it
# ends. At the end the registry is copied back into a SQLite file (`postdesk registry copy`),
# whose audit log verifies as the original's does.
set -euo pipefail
cd "$(dirname "$0")/.."

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "PostgreSQL's server is not installed (no /usr/lib/postgresql/*/bin/initdb); run 'make demo-postgres' (it installs postgresql)" >&2
  exit 1
fi
dir=$(mktemp -d /tmp/pdpg-XXXXXX)
as_server=()
if [ "$(id -u)" = 0 ]; then
  # The server refuses to run as root: it runs as Debian's postgres user.
  chown postgres:postgres "$dir"
  as_server=(runuser -u postgres --)
fi
stop() {
  "${as_server[@]}" "$bin/pg_ctl" stop -D "$dir/data" -m fast >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT
"${as_server[@]}" "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
printf "listen_addresses = ''\nunix_socket_directories = '%s'\n" "$dir" >>"$dir/data/postgresql.conf"
"${as_server[@]}" "$bin/pg_ctl" start -w -D "$dir/data" -l "$dir/log" >/dev/null
"${as_server[@]}" "$bin/createdb" -h "$dir" -U postgres postdesk

url="postgresql://postgres@/postdesk?host=$dir"
echo "A throwaway PostgreSQL cluster in $dir; the registry is $url"
POSTDESK_DEMO_DB="$url" bash demo/run.sh

printf '\n== %s\n' "The registry copied back into a SQLite file, and its audit log checked"
rm -f demo/out/registry-copy.sqlite
.build/debug/postdesk registry copy "$url" demo/out/registry-copy.sqlite
.build/debug/postdesk audit verify --db demo/out/registry-copy.sqlite
echo "(the cluster is stopped and removed now; demo/out/registry-copy.sqlite stays: open it in the web desk with"
echo " .build/debug/postdesk serve --db demo/out/registry-copy.sqlite --port 8080)"
