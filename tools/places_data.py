"""Write src/htxcli/data/places.json.gz, the official administrative units htx bundles.

Source: the `vietnamadminunits` package (MIT License, Copyright (c) 2025 Tran Ngoc Minh Hieu;
https://github.com/tranngocminhhieu/vietnamadminunits), whose data was collected from the General
Statistics Office's list (danhmuchanhchinh.gso.gov.vn) and the Ministry's merger map
(sapnhap.bando.com.vn). It is a tool for this script only, never a dependency of htx:

    pip download --no-deps vietnamadminunits==1.0.4 -d /tmp/vau
    python tools/places_data.py /tmp/vau/vietnamadminunits-1.0.4-py3-none-any.whl

It writes the package's MIT permission notice beside the data, as src/htxcli/data/places-LICENSE.txt.

The file holds both schemes with their official codes: the 34 provinces and 3,321 communes in force
since 01/07/2025, the 63 provinces, 696 districts and 10,035 communes before, and for every old commune
the new ones it went into (several when it was split). Names are stored without their type word
("Thượng Minh", type "Xã"), as a clerk writes them in the registry.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sqlite3
import sys
import tempfile
import zipfile
from pathlib import Path

VERSION = "1.0.4"
TARGET = Path(__file__).resolve().parents[1] / "src" / "htxcli" / "data" / "places.json.gz"
# The MIT licence asks for its notice in every copy of the data: written beside it from the wheel's own.
LICENSE = TARGET.with_name("places-LICENSE.txt")
LICENSE_PREAMBLE = (
    f"places.json.gz, in this folder, is derived from the data of vietnamadminunits {VERSION}\n"
    "(https://github.com/tranngocminhhieu/vietnamadminunits) by tools/places_data.py.\n"
    "That package is distributed under the following licence, whose notice is kept here as it requires:\n\n"
)
SOURCE = (
    f"vietnamadminunits {VERSION} (https://github.com/tranngocminhhieu/vietnamadminunits), "
    "MIT License, Copyright (c) 2025 Tran Ngoc Minh Hieu; "
    "from danhmuchanhchinh.gso.gov.vn and sapnhap.bando.com.vn"
)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("wheel", type=Path, help=f"vietnamadminunits-{VERSION}-py3-none-any.whl")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, zipfile.ZipFile(args.wheel) as wheel:
        wheel.extractall(tmp)
        meta = (Path(tmp) / f"vietnamadminunits-{VERSION}.dist-info" / "METADATA").read_text()
        if f"Version: {VERSION}" not in meta or "MIT License" not in meta:
            sys.exit(f"not vietnamadminunits {VERSION} under the MIT License: {args.wheel}")
        notice = (Path(tmp) / f"vietnamadminunits-{VERSION}.dist-info" / "licenses" / "LICENSE").read_text()
        data = Path(tmp) / "vietnamadminunits" / "data"
        places = build(
            sqlite3.connect(data / "dataset.db"), json.loads((data / "converter_2025.json").read_text())
        )
    LICENSE.write_text(LICENSE_PREAMBLE + notice, encoding="utf-8")
    TARGET.write_bytes(
        gzip.compress(json.dumps(places, ensure_ascii=False, separators=(",", ":")).encode(), mtime=0)
    )
    print(
        f"{TARGET}: {TARGET.stat().st_size:,} bytes; {len(places['provinces'])} provinces, "
        f"{len(places['communes'])} communes; before 2025: {len(places['legacy_provinces'])} provinces, "
        f"{len(places['legacy_districts'])} districts, {len(places['legacy_communes'])} communes"
    )


TYPES = ("Thành phố", "Thị trấn", "Thị xã", "Đặc khu", "Phường", "Huyện", "Quận", "Tỉnh", "Xã")


def _split(full: str) -> tuple[str, str]:
    """(type word, name): the name's own prefix decides, as the source's type column is wrong for a few
    units ("Phường Việt Hòa" typed Xã)."""
    kind = next(t for t in TYPES if full.lower().startswith(t.lower() + " "))  # a few read "Thị Xã"
    return kind, full[len(kind) + 1 :]


def build(db: sqlite3.Connection, converter: dict) -> dict:
    new_rows = db.execute(
        "SELECT provinceKey, provinceCode, province, wardKey, wardCode, ward"
        " FROM admin_units ORDER BY wardCode"
    ).fetchall()
    old_rows = db.execute(
        "SELECT provinceKey, provinceCode, province, districtKey, districtCode, district,"
        " wardKey, wardCode, ward FROM admin_units_legacy ORDER BY districtCode, wardCode"
    ).fetchall()
    provinces: dict[str, list[str]] = {}
    communes = []
    new_code = {}
    for pkey, pcode, province, wkey, wcode, ward in new_rows:
        provinces[pcode] = [pcode, *_split(province)]
        communes.append([wcode, pcode, *_split(ward)])
        new_code[(pkey, wkey)] = wcode
    successors: dict[str, set[str]] = {}
    for pkey, wards in converter["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for wkey, olds in wards.items():
            for old in olds:
                successors.setdefault(old, set()).add(new_code[(pkey, wkey)])
    for pkey, olds in converter["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old, news in olds.items():
            for new in news:
                successors.setdefault(old, set()).add(new_code[(pkey, new["newWardKey"])])
    legacy_provinces: dict[str, list[str]] = {}
    districts: dict[str, list] = {}
    legacy_communes = []
    for pkey, pcode, province, dkey, dcode, district, wkey, wcode, ward in old_rows:
        legacy_provinces[pcode] = [pcode, *_split(province)]
        went = sorted(successors[f"{pkey}_{dkey}_{wkey or ''}"])
        if dcode not in districts:
            # A district without communes (the island districts) goes into new units itself.
            districts[dcode] = [dcode, pcode, *_split(district), [] if wkey else went]
        if wkey:
            legacy_communes.append([wcode, dcode, *_split(ward), went])
    return {
        "source": SOURCE,
        "licence": "MIT",
        "provinces": sorted(provinces.values()),
        "communes": communes,
        "legacy_provinces": sorted(legacy_provinces.values()),
        "legacy_districts": list(districts.values()),
        "legacy_communes": legacy_communes,
    }


if __name__ == "__main__":
    main()
