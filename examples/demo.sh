#!/usr/bin/env bash
# The Quick start's main job: load the Bắc Kạn 2018 example registry into a fresh database, then a short
# clerk's session on top of it (register, rate, record support) and a look at the result.
set -euo pipefail
db=${1:-build/demo.db}
mkdir -p "$(dirname "$db")"
rm -f "$db" "$db"-wal "$db"-shm
export HTX_DB=$db
htx=.venv/bin/htx
example=examples/bac-kan-2018

for table in cooperatives ratings support; do
  $htx import "$table" "$example/$table.csv"
done

$htx add "Hợp tác xã Nông nghiệp Bản Cuôn" --code 4700990011 --kind HTX --district "Chợ Đồn" \
  --commune "Ngọc Phái" --sector "nông nghiệp" --founded 02/01/2019 --members 9 --capital "350 triệu" \
  --products "gạo bao thai, miến dong"
$htx rate 4700186529 2019 --score 84
$htx support add "vay vốn" --to 4700990011 --date 12/06/2019 --amount "1,2 tỷ" --reference "QĐ-DEMO-1"
echo
$htx list --district "ba be" --status active
$htx show 4700186529
$htx support list --year 2018 --program credit
