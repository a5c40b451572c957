/*
 * compact-probe: SQLite alone, random look-ups by CPR key, CPU time a look-up and peak RSS.
 * Compares the citizen row as RecipientLookup reads it with a compact table of routing facts
 * keyed by the CPR number as rowid (see RESULTS.md, "Fifth look"). Not part of the package.
 *
 *   cp bench/out/registry/registry.sqlite /tmp/probe.sqlite
 *   sqlite3 /tmp/probe.sqlite < bench/registry/compact-probe.sql
 *   cc -O2 -o /tmp/compact-probe bench/registry/compact-probe.c -lsqlite3
 *   /tmp/compact-probe /tmp/probe.sqlite compact 2000000 'PRAGMA mmap_size=2147418112'
 *   /tmp/compact-probe /tmp/probe.sqlite full 2000000 'PRAGMA mmap_size=0; PRAGMA cache_size=-65536'
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include <sys/resource.h>
static double cpu(void) { struct rusage u; getrusage(RUSAGE_SELF, &u);
  return u.ru_utime.tv_sec + u.ru_utime.tv_usec / 1e6 + u.ru_stime.tv_sec + u.ru_stime.tv_usec / 1e6; }
int main(int argc, char **argv) {
  const char *mode = argv[2]; long n = atol(argv[3]);
  sqlite3 *db; sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READONLY, 0);
  sqlite3_exec(db, argv[4], 0, 0, 0);  /* pragmas */
  sqlite3_stmt *k; sqlite3_prepare_v2(db, "SELECT cpr FROM route_facts", -1, &k, 0);
  long cap = 5100000, count = 0; long long *keys = malloc(cap * 8);
  while (sqlite3_step(k) == SQLITE_ROW) keys[count++] = sqlite3_column_int64(k, 0);
  sqlite3_finalize(k);
  const char *sql = strcmp(mode, "compact") == 0
    ? "SELECT valid_from, kind, status, status_date, municipality, custody_1, custody_2 FROM route_facts WHERE cpr = ?1"
    : "SELECT cpr, name, address_kind, co_name, street, building, floor, door, postcode, city, foreign_lines, country, status, status_date, language, municipality, custody_1, custody_2 FROM citizen WHERE cpr = ?1 AND valid_from <= ?2 AND (valid_to IS NULL OR valid_to > ?2) ORDER BY valid_from DESC LIMIT 1";
  sqlite3_stmt *s; sqlite3_prepare_v2(db, sql, -1, &s, 0);
  sqlite3_exec(db, "BEGIN", 0, 0, 0);
  sqlite3_bind_text(s, 2, "2026-11-22", 10, SQLITE_STATIC);
  unsigned long long x = 42, sum = 0; int cols = sqlite3_column_count(s);
  double t0 = cpu();
  for (long i = 0; i < n; i++) {
    x = x * 6364136223846793005ULL + 1442695040888963407ULL;
    sqlite3_bind_int64(s, 1, keys[(x >> 20) % count]);
    if (sqlite3_step(s) == SQLITE_ROW) for (int c = 0; c < cols; c++) {
      if (sqlite3_column_type(s, c) == SQLITE_TEXT) sum += sqlite3_column_bytes(s, c); else sum += sqlite3_column_int64(s, c); }
    sqlite3_reset(s);
  }
  double t = cpu() - t0;
  struct rusage u; getrusage(RUSAGE_SELF, &u);
  printf("%s [%s]: %.2f us CPU a lookup, max RSS %ld MB (%llu)\n", mode, argv[4], t * 1e6 / n, u.ru_maxrss / 1024, sum);
}
