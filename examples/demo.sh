#!/usr/bin/env bash
# A short scripted session on a fresh demo database: register, rate, record support, list.
set -euo pipefail
db=${1:-build/demo.db}
mkdir -p "$(dirname "$db")"
rm -f "$db" "$db"-wal "$db"-shm
export HTX_DB=$db
htx=.venv/bin/htx

$htx add "Hợp tác xã Nông nghiệp Tân Thành" --code 4700512345 --kind HTX --district "Thành phố Bắc Kạn" \
  --commune "Xuất Hóa" --sector "nông nghiệp" --founded 15/03/2012 --members 12 --capital "1,5 tỷ" \
  --products "gừng, nghệ, chuối, khoai lang"
$htx add "Hợp tác xã Chè Mỹ Phương" --code 4700284512 --kind HTX --district "Ba Bể" --sector "nông nghiệp" \
  --founded 20/04/2015 --members 9
$htx add "Tổ hợp tác Ăn Quả Đồng Lạc" --code THT-0107 --kind THT --district "Chợ Đồn" --founded 09/01/2018
$htx rate 4700512345 2018 khá
$htx rate 4700284512 2018 --score 64
$htx support add "vay vốn" --to 4700512345 --date 12/06/2018 --amount "350 triệu" --reference "QĐ-112/2018"
$htx support add "tuyên truyền" --date 10/05/2018 --quantity 8 --unit lớp --note "Luật Hợp tác xã 2012"
echo
$htx list
$htx search "tan thanh"
$htx support list --year 2018
