#!/usr/bin/env bash
# The Quick start's main job: load the Bắc Kạn 2018 example registry into a fresh database and print the
# province's 2018 report from it.
set -euo pipefail
db=${1:-build/demo.db}
mkdir -p "$(dirname "$db")"
rm -f "$db" "$db"-wal "$db"-shm
export HTX_DB=$db
htx=.venv/bin/htx
example=examples/bac-kan-2018

for table in cooperatives ratings support figures; do
  $htx import "$table" "$example/$table.csv"
done
echo >&2
$htx report 2018
# The next command to try, in no language: the report's own messages speak the clerk's.
echo >&2 "HTX_DB=$db $htx report 2018 --compare"
