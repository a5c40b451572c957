#!/usr/bin/env bash
# `make bench`: every benchmark of the project, one after the other, each printing its own
# table with the machine it ran on. Pass names to run only some: bench/run.sh templates
set -euo pipefail
cd "$(dirname "$0")/.."
all=(templates registry batch batch-pdf pdf web)
chosen=("${@:-${all[@]}}")
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(free -g | awk '/Mem:/{print $2}') GiB"
for b in "${chosen[@]}"; do
  echo
  echo "== bench/$b =="
  case "$b" in
    batch-pdf) bash bench/batch/pdf.sh ;;
    *) bash "bench/$b/run.sh" ;;
  esac
done
