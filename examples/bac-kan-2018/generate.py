#!/usr/bin/env python3
"""Write the Bắc Kạn 2018 example registry (cooperatives.csv, ratings.csv, support.csv).

The figures the 2018 report states are fixed here (see README.md beside this file); everything else is
illustrative and deterministic (random.Random(2018)), so running this again reproduces the same files.

    python3 examples/bac-kan-2018/generate.py [OUTDIR]
"""

from __future__ import annotations

import csv
import random
import sys
from datetime import date, timedelta
from pathlib import Path

rnd = random.Random(2018)

COMMUNES = {
    "Thành phố Bắc Kạn": ["Xuất Hóa", "Nông Thượng", "Dương Quang", "Huyền Tụng", "Sông Cầu", "Đức Xuân"],
    "Ba Bể": [
        "Chợ Rã",
        "Mỹ Phương",
        "Thượng Giáo",
        "Khang Ninh",
        "Nam Mẫu",
        "Hà Hiệu",
        "Địa Linh",
        "Yến Dương",
    ],
    "Bạch Thông": ["Phủ Thông", "Dương Phong", "Quang Thuận", "Cẩm Giàng", "Vi Hương", "Tân Tú", "Sĩ Bình"],
    "Chợ Đồn": ["Bằng Lũng", "Ngọc Phái", "Bằng Phúc", "Đồng Lạc", "Nam Cường", "Yên Thượng", "Đại Sảo"],
    "Chợ Mới": ["Đồng Tâm", "Thanh Vận", "Yên Đĩnh", "Như Cố", "Nông Hạ", "Quảng Chu", "Thanh Mai"],
    "Na Rì": ["Yến Lạc", "Kim Lư", "Lương Thượng", "Côn Minh", "Cư Lễ", "Văn Minh", "Lam Sơn"],
    "Ngân Sơn": ["Nà Phặc", "Vân Tùng", "Bằng Vân", "Thượng Quan", "Đức Vân", "Cốc Đán"],
    "Pác Nặm": ["Bộc Bố", "Bằng Thành", "Nghiên Loan", "Cao Tân", "An Thắng", "Nhạn Môn"],
}
DISTRICTS = list(COMMUNES)
# Weighted towards the larger districts.
DISTRICT_WEIGHTS = [10, 16, 15, 16, 14, 12, 9, 8]
SECTORS = [
    ("agriculture", 70),
    ("industry", 8),
    ("trade-services", 8),
    ("construction", 4),
    ("transport", 4),
    ("environment", 4),
    ("other", 2),
]
PRODUCTS = {
    "agriculture": [
        "chè shan tuyết",
        "gạo nếp vải",
        "miến dong",
        "cam sành",
        "quýt",
        "hồng không hạt",
        "gừng, nghệ",
        "mơ",
        "lợn đen",
        "vịt bầu",
        "rau an toàn",
        "khoai môn",
        "bí xanh",
        "dong riềng",
        "trâu, bò",
        "cá",
        "nấm",
        "chuối",
        "mác mật",
        "trám đen",
    ],
    "industry": ["chế biến gỗ", "đồ mộc", "gạch không nung", "chế biến nông sản"],
    "trade-services": ["vật tư nông nghiệp", "dịch vụ du lịch", "dịch vụ tổng hợp"],
    "construction": ["xây dựng dân dụng"],
    "transport": ["vận tải hành khách", "vận tải hàng hóa"],
    "environment": ["vệ sinh môi trường", "thu gom rác thải"],
    "other": ["dịch vụ điện", "nước sạch"],
}
SURNAMES = ["Hoàng", "Nông", "Lý", "Triệu", "Ma", "Hà", "Đàm", "Lường", "Nguyễn", "Bế", "La", "Lục", "Dương"]
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Thanh", "Ngọc", "Xuân"]
GIVEN = [
    "An",
    "Bằng",
    "Chiến",
    "Dũng",
    "Đông",
    "Hải",
    "Hạnh",
    "Hương",
    "Khánh",
    "Lâm",
    "Lan",
    "Mai",
    "Nam",
    "Phúc",
    "Quân",
    "Sơn",
    "Thắng",
    "Thủy",
    "Tuấn",
    "Vân",
    "Xuân",
    "Yến",
    "Ánh",
    "Ân",
    "Ước",
]
KINDS_OF_COOP = [
    "HTX Nông nghiệp",
    "HTX Dịch vụ Nông nghiệp",
    "HTX Nông lâm nghiệp",
    "HTX Sản xuất và Dịch vụ",
    "HTX Thương mại và Dịch vụ",
    "HTX Chăn nuôi",
    "HTX Chè",
    "HTX Miến dong",
    "HTX Cây ăn quả",
]

# The four new-model cooperatives and Tân Thành's food-safety certificate are named in the report.
NAMED = [
    (
        "4700186529",
        "HTX Nông nghiệp Tân Thành",
        "Thành phố Bắc Kạn",
        "Xuất Hóa",
        "agriculture",
        date(2012, 3, 15),
        "gừng, nghệ, chuối, khoai lang, mít, măng, mác mật; tinh bột nghệ",
    ),
    (
        "4700264180",
        "HTX Thương mại và Dịch vụ Nông nghiệp Dương Phong",
        "Bạch Thông",
        "Dương Phong",
        "trade-services",
        date(2015, 9, 8),
        "gạo, miến dong, vật tư nông nghiệp",
    ),
    (
        "4700257731",
        "HTX Chè Mỹ Phương",
        "Ba Bể",
        "Mỹ Phương",
        "agriculture",
        date(2014, 11, 20),
        "chè shan tuyết",
    ),
    (
        "4700271106",
        "HTX Hợp Thành Thanh Vận",
        "Chợ Mới",
        "Thanh Vận",
        "agriculture",
        date(2016, 5, 4),
        "gạo nếp, rau an toàn",
    ),
]


def person() -> str:
    return f"{rnd.choice(SURNAMES)} {rnd.choice(MIDDLE)} {rnd.choice(GIVEN)}"


def day_in(year: int) -> date:
    return date(year, 1, 1) + timedelta(days=rnd.randrange(365))


def place() -> tuple[str, str]:
    district = rnd.choices(DISTRICTS, DISTRICT_WEIGHTS)[0]
    return district, rnd.choice(COMMUNES[district])


def sector() -> str:
    return rnd.choices([s for s, _ in SECTORS], [w for _, w in SECTORS])[0]


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent
    organisations: list[dict[str, object]] = []
    used_names: set[str] = set()
    serial = iter(range(4700100000, 4700999999, 1_733))

    def new_coop(founded: date, dissolved: date | None = None) -> dict[str, object]:
        district, commune = place()
        kind_name = rnd.choice(KINDS_OF_COOP)
        name = f"{kind_name} {commune}"
        n = 2
        while name in used_names:
            name = f"{kind_name} {commune} {n}"
            n += 1
        used_names.add(name)
        sec = (
            sector()
            if not kind_name.endswith(("Chè", "Miến dong", "Cây ăn quả", "Chăn nuôi"))
            else "agriculture"
        )
        members = rnd.randint(7, 60)
        return {
            "code": f"{next(serial):010d}",
            "name": name,
            "kind": "cooperative",
            "district": district,
            "commune": commune,
            "sector": sec,
            "founded": founded,
            "dissolved": dissolved,
            "members": members,
            "capital_vnd": rnd.randint(5, 300) * 10_000_000,
            "representative": person(),
            "phone": f"0209{rnd.randrange(10**6):06d}",
            "products": rnd.choice(PRODUCTS[sec]),
        }

    # Cooperatives: 120 active at the end of 2017 (4 of them named), 29 founded in 2018, 6 dissolved earlier.
    for code, name, district, commune, sec, founded, products in NAMED:
        used_names.add(name)
        organisations.append(
            {
                "code": code,
                "name": name,
                "kind": "cooperative",
                "district": district,
                "commune": commune,
                "sector": sec,
                "founded": founded,
                "dissolved": None,
                "members": rnd.randint(9, 40),
                "capital_vnd": rnd.randint(50, 300) * 10_000_000,
                "representative": person(),
                "phone": f"0209{rnd.randrange(10**6):06d}",
                "products": products,
            }
        )
    for _ in range(116):
        year = rnd.choices(range(1996, 2018), [3] * 2 + [2] * 8 + [3] * 4 + [5] * 4 + [8] * 4)[0]
        organisations.append(new_coop(day_in(year)))
    for _ in range(29):
        organisations.append(new_coop(day_in(2018)))
    for _ in range(6):
        founded = day_in(rnd.randrange(1997, 2011))
        organisations.append(new_coop(founded, day_in(rnd.randrange(2014, 2018))))

    # Cooperative groups: 62 active at the end of 2017, 2 founded in 2018, 3 dissolved earlier.
    def new_group(number: int, founded: date, dissolved: date | None = None) -> dict[str, object]:
        district, commune = place()
        sec = rnd.choice(["agriculture", "agriculture", "agriculture", "industry", "trade-services"])
        name = f"Tổ hợp tác {rnd.choice(PRODUCTS[sec]).split(',')[0]} {commune}"
        # Numbered, not redrawn: a redraw would shift every later random choice and the figures with it.
        base, n = name, 2
        while name in used_names:
            name, n = f"{base} số {n}", n + 1
        used_names.add(name)
        return {
            "code": f"THT-{number:04d}",
            "name": name,
            "kind": "group",
            "district": district,
            "commune": commune,
            "sector": sec,
            "founded": founded,
            "dissolved": dissolved,
            "members": rnd.randint(2, 25),
            "capital_vnd": None,
            "representative": person(),
            "phone": "",
            "products": rnd.choice(PRODUCTS[sec]),
        }

    for i in range(62):
        organisations.append(new_group(i + 1, day_in(rnd.randrange(2008, 2018))))
    for i in range(2):
        organisations.append(new_group(63 + i, day_in(2018)))
    for i in range(3):
        organisations.append(
            new_group(65 + i, day_in(rnd.randrange(2008, 2013)), day_in(rnd.randrange(2015, 2018)))
        )

    coops = [o for o in organisations if o["kind"] == "cooperative"]
    active_2018 = [o for o in coops if o["dissolved"] is None]
    active_2017 = [o for o in active_2018 if o["founded"].year <= 2017]  # type: ignore[attr-defined]
    named_codes = [n[0] for n in NAMED]
    by_code = {o["code"]: o for o in organisations}

    # Ratings: 2018 for the 149 (43 effective = 10 good + 33 fair, 94 average, 12 weak); 2017 for the 120.
    def grades(total: dict[str, int], first: dict[str, str]) -> list[tuple[dict[str, object], str]]:
        pool = [g for g, n in total.items() for _ in range(n)]
        for grade in first.values():
            pool.remove(grade)
        rest = [
            o for o in (active_2018 if sum(total.values()) == 149 else active_2017) if o["code"] not in first
        ]
        rnd.shuffle(pool)
        return [(by_code[c], g) for c, g in first.items()] + list(zip(rest, pool, strict=True))

    score_range = {"good": (80, 96), "fair": (65, 80), "average": (50, 65), "weak": (30, 50)}
    ratings = []
    firsts = {named_codes[0]: "good", named_codes[1]: "fair", named_codes[2]: "fair", named_codes[3]: "fair"}
    for year, total in (
        (2017, {"good": 7, "fair": 27, "average": 72, "weak": 14}),
        (2018, {"good": 10, "fair": 33, "average": 94, "weak": 12}),
    ):
        for org, grade in grades(total, firsts):
            score = rnd.randrange(*score_range[grade]) if rnd.random() < 0.7 else None
            ratings.append({"code": org["code"], "year": year, "grade": grade, "score": score, "note": ""})

    # Support. 2018 figures follow the report; 2017's are illustrative.
    support = []
    ref = iter(range(101, 10_000))

    def add(code: str, program: str, when: date, amount: int, quantity: int, unit: str, note: str) -> None:
        support.append(
            {
                "code": code,
                "program": program,
                "date": when,
                "amount_vnd": amount,
                "quantity": quantity,
                "unit": unit,
                "reference": f"{next(ref)}/QĐ-SKHĐT-{when.year}",
                "note": note,
            }
        )

    def eligible(year: int) -> list[dict[str, object]]:
        return [o for o in (active_2018 if year == 2018 else active_2017) if o["founded"].year < year]  # type: ignore[attr-defined]

    for year, classes, copies, hr, fairs, credit_count, credit_total in (
        (2017, 6, 500, 0, 10, 12, 1_150_000_000),
        (2018, 8, 600, 45, 14, 17, 1_620_000_000),
    ):
        for i in range(classes):
            add(
                "",
                "outreach",
                date(year, 3 + i, 10 + i),
                12_000_000,
                1,
                "lớp",
                "Tuyên truyền Luật Hợp tác xã 2012 và các văn bản về kinh tế tập thể",
            )
        add("", "bulletin", date(year, 11, 5), 30_000_000, copies, "cuốn", "Bản tin Kinh tế tập thể")
        for org in rnd.sample(eligible(year), hr):
            add(
                str(org["code"]),
                "human-resources",
                date(year, 7, 1),
                18_000_000,
                1,
                "người",
                "Hỗ trợ trí thức trẻ về làm việc tại hợp tác xã",
            )
        for org in rnd.sample(eligible(year), fairs):
            add(
                str(org["code"]),
                "trade-promotion",
                date(year, 9, 20),
                rnd.randint(5, 15) * 1_000_000,
                1,
                "hội chợ",
                "Hội chợ do Liên minh Hợp tác xã Việt Nam tổ chức",
            )
        borrowers = rnd.sample(eligible(year), credit_count)
        amounts = [rnd.randint(6, 14) * 10_000_000 for _ in borrowers[:-1]]
        amounts.append(credit_total - sum(amounts))
        assert amounts[-1] > 0, "the credit total must be reachable"
        for org, amount in zip(borrowers, amounts, strict=True):
            add(
                str(org["code"]),
                "credit",
                day_in(year),
                amount,
                1,
                "khoản vay",
                "Quỹ hỗ trợ phát triển hợp tác xã",
            )
    for code in named_codes:
        add(
            code,
            "new-model",
            date(2018, 8, 15),
            300_000_000,
            1,
            "mô hình",
            "Mô hình HTX kiểu mới gắn với chuỗi giá trị",
        )
    add(
        named_codes[0],
        "certification",
        date(2018, 10, 2),
        0,
        1,
        "giấy chứng nhận",
        "Cơ sở đủ điều kiện an toàn thực phẩm trong chế biến nông lâm sản",
    )

    write(
        out / "cooperatives.csv",
        [
            "code",
            "name",
            "kind",
            "district",
            "commune",
            "sector",
            "founded",
            "dissolved",
            "members",
            "capital_vnd",
            "representative",
            "phone",
            "products",
        ],
        organisations,
    )
    write(out / "ratings.csv", ["code", "year", "grade", "score", "note"], ratings)
    write(
        out / "support.csv",
        ["code", "program", "date", "amount_vnd", "quantity", "unit", "reference", "note"],
        support,
    )
    write(out / "figures.csv", FIGURE_COLUMNS, yearly_figures(organisations))


FIGURE_COLUMNS = [
    "code",
    "year",
    "members",
    "associate_members",
    "new_members",
    "workers",
    "member_workers",
    "seasonal_workers",
    "capital_vnd",
    "assets_vnd",
    "revenue_vnd",
    "profit_vnd",
    "tax_vnd",
    "income_vnd_per_year",
    "ocop_3",
    "ocop_4",
    "ocop_5",
    "high_tech",
    "value_chain",
    "note",
]


def yearly_figures(organisations: list[dict[str, object]]) -> list[dict[str, object]]:
    """What the organisations active in 2017 and 2018 reported for each year (figures.csv), by a
    generator of its own so that the other files stay as they were. Magnitudes of a poor mountain
    province in 2018: revenue a few hundred triệu to a few tỷ đồng per cooperative (the national average
    was 2,8 tỷ in 2024), profit a few percent of it, sometimes a loss, an income of 2,5-5 triệu đồng a
    month; cooperative groups an order of magnitude smaller. About four cooperatives in five report,
    half of the groups, and some leave fields empty (not reported); OCOP stars only from 2018, when the
    programme began. Illustrative, like everything not in the article."""
    gen = random.Random("figures-2018")
    rows: list[dict[str, object]] = []
    by_code = sorted(organisations, key=lambda o: str(o["code"]))
    last: dict[str, dict[str, object]] = {}
    for year in (2017, 2018):
        for org in by_code:
            founded, dissolved = org["founded"], org["dissolved"]
            assert isinstance(founded, date)
            if founded.year > year or (isinstance(dissolved, date) and dissolved.year < year):
                continue
            group = org["kind"] == "group"
            if gen.random() > (0.5 if group else 0.8):
                continue  # did not report this year
            before = last.get(str(org["code"]))
            members = int(str(org["members"])) + (gen.randint(-1, 3) if before else 0)
            if before and isinstance(before["revenue_vnd"], int):
                revenue = int(before["revenue_vnd"] * gen.uniform(0.9, 1.25)) // 1_000_000 * 1_000_000
            else:
                revenue = gen.randint(40, 400 if group else 3000) * 1_000_000
                if not group and gen.random() < 0.7:
                    revenue = gen.randint(300, 2000) * 1_000_000
            workers = max(2, round(members * gen.uniform(0.3, 0.8)))
            margin = gen.uniform(-0.03, 0.12)
            capital = org["capital_vnd"]
            row: dict[str, object] = {
                "code": org["code"],
                "year": year,
                "members": members,
                "associate_members": gen.randint(0, 15) if not group and gen.random() < 0.5 else None,
                "new_members": gen.randint(0, 4),
                "workers": workers,
                "member_workers": min(workers, members, max(1, round(workers * gen.uniform(0.6, 1)))),
                "seasonal_workers": gen.randint(0, 30) if gen.random() < 0.6 else None,
                "capital_vnd": capital,
                "assets_vnd": (
                    int(int(str(capital)) * gen.uniform(1.1, 2.5)) // 1_000_000 * 1_000_000
                    if capital and gen.random() < 0.7
                    else None
                ),
                "revenue_vnd": revenue if gen.random() < 0.95 else None,
                "profit_vnd": int(revenue * margin) // 1_000_000 * 1_000_000,
                "tax_vnd": int(revenue * gen.uniform(0, 0.02)) // 100_000 * 100_000 if not group else None,
                "income_vnd_per_year": gen.randint(30, 60) * 1_000_000 if gen.random() < 0.85 else None,
                "ocop_3": (gen.choice([0] * 8 + [1, 2]) if not group else 0) if year >= 2018 else None,
                "ocop_4": (1 if not group and gen.random() < 0.03 else 0) if year >= 2018 else None,
                "ocop_5": 0 if year >= 2018 else None,
                "high_tech": ("yes" if gen.random() < 0.08 else "no") if not group else None,
                "value_chain": ("yes" if gen.random() < 0.25 else "no") if gen.random() < 0.9 else None,
                "note": None,
            }
            if not isinstance(row["revenue_vnd"], int):
                row["profit_vnd"] = None
            if before:  # a year later, much as the year before: no swing a clerk would query
                for name in (
                    "associate_members",
                    "seasonal_workers",
                    "profit_vnd",
                    "tax_vnd",
                    "income_vnd_per_year",
                ):
                    was = before[name]
                    if isinstance(was, int) and row[name] is not None:
                        row[name] = (
                            round(was * gen.uniform(0.9, 1.2) / 100_000) * 100_000 if was > 1000 else was
                        )
            last[str(org["code"])] = row
            rows.append(row)
    rows.sort(key=lambda r: (str(r["code"]), int(str(r["year"]))))
    return rows


def write(path: Path, columns: list[str], rows: list[dict[str, object]]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(columns)
        for row in rows:
            w.writerow(
                [
                    "" if row[c] is None else row[c].isoformat() if isinstance(row[c], date) else row[c]
                    for c in columns
                ]
            )


if __name__ == "__main__":
    main()
