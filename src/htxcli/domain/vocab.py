"""The registry's vocabularies: canonical English keys, Vietnamese labels and accepted aliases."""

from __future__ import annotations

import re
from dataclasses import dataclass

from htxcli.domain import messages
from htxcli.domain.errors import InvalidValue
from htxcli.domain.i18n import current
from htxcli.domain.text import fold


@dataclass(frozen=True)
class Vocabulary:
    field: str
    labels: dict[str, str]  # key -> Vietnamese label shown to clerks
    aliases: dict[str, str]  # folded alias -> key

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(self.labels)

    def parse(self, value: str) -> str:
        """Map a key, a Vietnamese name or an abbreviation (any case, any diacritics, any of the ways an
        office joins words: commas, hyphens, slashes, "và") to its key."""
        key = self.aliases.get(term_key(value))
        if key is None:
            choices = ", ".join(self.spoken(key) for key in self.keys)
            raise InvalidValue(self.field, value, messages.NOT_IN_VOCABULARY.format(choices=choices))
        return key

    def label(self, key: str | None) -> str:
        return self.labels.get(key, key or "") if key else ""

    def spoken(self, key: str) -> str:
        """The word for a key inside a sentence: in Vietnamese the clerk's own word ('khá', 'tín dụng';
        abbreviations such as HTX as they are), in English the key a script would type ('fair')."""
        if current() == "en" or key not in self.labels:
            return key
        label = self.labels[key]
        return label if label[:2].isupper() else label[:1].lower() + label[1:]


_JOINERS = re.compile(r"[,;/&+.()]|\bva\b")


def term_key(value: str) -> str:
    """A term as matched against a vocabulary: folded (accents, case, hyphens), and the words that join
    its parts in an office's sheets ignored ("Thương mại, dịch vụ", "Thương mại - dịch vụ" and
    "thương mại và dịch vụ" are one term)."""
    return " ".join(_JOINERS.sub(" ", fold(value)).split())


def _vocabulary(field: str, entries: dict[str, tuple[str, ...]]) -> Vocabulary:
    labels = {key: names[0] for key, names in entries.items()}
    aliases: dict[str, str] = {}
    for key, names in entries.items():
        for name in (key, *names):
            aliases[term_key(name)] = key
    return Vocabulary(field, labels, aliases)


KINDS = _vocabulary(
    "kind",
    {
        "cooperative": (
            "Hợp tác xã",
            "HTX",
            # An office's sheets say the sector in the kind: see IMPLIED_SECTORS.
            "HTX nông nghiệp",
            "hợp tác xã nông nghiệp",
            "HTX phi nông nghiệp",
            "hợp tác xã phi nông nghiệp",
        ),
        "group": ("Tổ hợp tác", "THT"),
        "union": ("Liên hiệp HTX", "liên hiệp hợp tác xã", "LHTX", "LH HTX"),
        "credit-fund": ("Quỹ tín dụng nhân dân", "QTDND", "quỹ tín dụng"),
    },
)

SECTORS = _vocabulary(
    "sector",
    {
        # The wordings offices use (term_key ignores their commas, hyphens and "và"): fisheries and
        # forestry are agriculture, as the reports' nông, lâm, thủy sản.
        "agriculture": (
            "Nông nghiệp",
            "nông lâm nghiệp",
            "nông - lâm - thủy sản",
            "nông lâm thủy sản",
            "nông lâm ngư nghiệp",
            "lâm nghiệp",
            "thủy sản",
            "nuôi trồng thủy sản",
            "ngư nghiệp",
            "trồng trọt",
            "chăn nuôi",
            "trồng trọt chăn nuôi",
        ),
        "industry": (
            "Công nghiệp",
            "công nghiệp - tiểu thủ công nghiệp",
            "tiểu thủ công nghiệp",
            "CN-TTCN",
            "công nghiệp TTCN",
            "TTCN",
            "thủ công nghiệp",
            "tiểu thủ công nghiệp - làng nghề",
            "làng nghề",
        ),
        "construction": ("Xây dựng",),
        "trade-services": (
            "Thương mại - dịch vụ",
            "thương mại",
            "dịch vụ",
            "TM-DV",
            "dịch vụ thương mại",
            "thương mại dịch vụ tổng hợp",
            "dịch vụ tổng hợp",
        ),
        "transport": ("Vận tải", "giao thông vận tải", "dịch vụ vận tải"),
        "environment": ("Môi trường", "vệ sinh môi trường"),
        "credit": ("Tín dụng", "quỹ tín dụng"),
        "other": ("Khác",),
    },
)

GRADES = _vocabulary(
    "grade",
    {
        # An office's shorthand too: T, K, TB, Y.
        "good": ("Tốt", "T"),
        "fair": ("Khá", "K"),
        "average": ("Trung bình", "TB"),
        "weak": ("Yếu", "kém", "Y"),
        "unrated": ("Chưa xếp loại",),
    },
)

PROGRAMS = _vocabulary(
    "program",
    {
        "outreach": ("Tuyên truyền", "tập huấn", "bồi dưỡng", "tuyên truyền, tập huấn"),
        # Spelled out: a printed report defines no abbreviation (Decree 30); "KTTT" is still read.
        "bulletin": ("Bản tin kinh tế tập thể", "bản tin", "bản tin KTTT"),
        "human-resources": ("Nguồn nhân lực", "hỗ trợ nguồn nhân lực", "nhân lực"),
        "trade-promotion": ("Xúc tiến thương mại", "hội chợ"),
        "credit": ("Tín dụng", "vay vốn", "quỹ hỗ trợ phát triển HTX"),
        "new-model": ("HTX kiểu mới", "kiểu mới", "HTX kiểu mới gắn với chuỗi giá trị", "chuỗi giá trị"),
        "infrastructure": ("Kết cấu hạ tầng", "hạ tầng"),
        "certification": ("Chứng nhận", "ATTP", "OCOP", "chứng nhận ATTP, OCOP"),
        "other": ("Khác",),
    },
)

# A kind that says the sector (an office's "HTX nông nghiệp" / "HTX phi nông nghiệp", the split its
# reports use): the sector it implies where the row gives none. A non-agricultural cooperative whose
# trade is not said is "other" (khác): never counted as agriculture.
IMPLIED_SECTORS = {
    fold(name): sector
    for name, sector in (
        ("HTX nông nghiệp", "agriculture"),
        ("hợp tác xã nông nghiệp", "agriculture"),
        ("HTX phi nông nghiệp", "other"),
        ("hợp tác xã phi nông nghiệp", "other"),
    )
}


def implied_sector(kind: str | None) -> str | None:
    """The sector a kind's words imply (IMPLIED_SECTORS), or None."""
    return IMPLIED_SECTORS.get(fold(kind)) if kind else None


# An organisation's legal status over time (Decree 92/2024/NĐ-CP Art. 27): `htx status CODE STATUS`.
LEGAL_STATUSES = _vocabulary(
    "status",
    {
        "operating": ("Đang hoạt động", "hoạt động", "hoạt động trở lại", "tiếp tục kinh doanh"),
        "suspended": ("Tạm ngừng kinh doanh", "tạm ngừng", "tạm ngừng hoạt động"),
        "being-dissolved": ("Đang giải thể", "đang làm thủ tục giải thể"),
        "dissolved": ("Giải thể", "đã giải thể", "chấm dứt"),
        "bankrupt": ("Phá sản",),
        "revoked": ("Bị thu hồi giấy chứng nhận", "thu hồi giấy chứng nhận", "thu hồi"),
    },
)
# What a plan sets a target for (htx plan set): domain/plans.py says how each is measured.
INDICATORS = _vocabulary(
    "indicator",
    {
        "new-cooperatives": (
            "HTX thành lập mới",
            "thành lập mới HTX",
            "HTX mới",
            "thành lập mới",
            "hợp tác xã thành lập mới",
            "thành lập mới hợp tác xã",
        ),
        "new-groups": ("THT thành lập mới", "tổ hợp tác thành lập mới", "THT mới"),
        "new-unions": ("LHTX thành lập mới", "liên hiệp HTX thành lập mới", "LHTX mới"),
        "new-credit-funds": ("QTDND thành lập mới", "quỹ tín dụng nhân dân thành lập mới", "QTDND mới"),
        "operating-cooperatives": ("HTX đang hoạt động", "HTX hoạt động", "đang hoạt động"),
        "dissolved-cooperatives": ("HTX giải thể", "giải thể HTX", "giải thể"),
        "new-model": ("Mô hình HTX kiểu mới", "HTX kiểu mới", "kiểu mới", "mô hình kiểu mới"),
        "good-fair-share": (  # a comma in the name would read as two indicators in a list of them
            "Tỷ lệ HTX tốt và khá",
            "tỷ lệ HTX khá, tốt",
            "tỷ lệ khá tốt",
            "HTX khá tốt",
            "khá, tốt",
            "khá tốt",
            "tốt và khá",
        ),
        "new-members": ("Thành viên mới", "thành viên tăng mới"),
        "average-revenue": ("Doanh thu bình quân", "doanh thu bình quân HTX"),
        "average-profit": ("Lợi nhuận bình quân", "lợi nhuận bình quân HTX"),
        "average-income": ("Thu nhập bình quân", "thu nhập bình quân lao động"),
        "high-tech": ("HTX ứng dụng công nghệ cao", "ứng dụng công nghệ cao", "công nghệ cao"),
        "value-chain": ("HTX liên kết chuỗi giá trị", "liên kết chuỗi giá trị", "chuỗi giá trị"),
        "ocop-products": ("Sản phẩm OCOP", "OCOP"),
    },
)

# The statuses that end a life: from their date the organisation is no longer registered, and
# organisation.dissolved holds that date. A revoked certificate can be restored, so it ends nothing.
ENDING_STATUSES = ("dissolved", "bankrupt")
# The statuses under which a registered organisation is not operating (counted apart by the report).
IDLE_STATUSES = ("suspended", "being-dissolved", "revoked")

# htx dissolve --reason: why a life ended. `bankrupt` records the status bankrupt, the others dissolved.
REASONS = _vocabulary(
    "reason",
    {
        "voluntary": ("Tự nguyện", "giải thể tự nguyện"),
        "bankrupt": ("Phá sản",),
        "revoked": ("Bị thu hồi giấy chứng nhận", "thu hồi giấy chứng nhận", "thu hồi"),
        "merged": ("Hợp nhất, sáp nhập", "hợp nhất", "sáp nhập", "chia, tách"),
    },
)

# list --status: whether an organisation has a dissolution date recorded (active, dissolved, all), or
# its legal status today. `active` and `dissolved` keep their words ('hoạt động' is active here).
STATUSES = _vocabulary(
    "status",
    {
        # One word, one meaning: registered (not ended) is "hiện có (còn đăng ký)"; "đang hoạt động"
        # is operating only, as the report's legal status table says.
        "active": ("Hiện có (còn đăng ký)", "hiện có", "còn đăng ký"),
        "dissolved": ("Đã giải thể", "giải thể"),
        "all": ("Tất cả",),
        "operating": ("Đang hoạt động", "hoạt động", "hoạt động bình thường", "đang kinh doanh"),
        "suspended": ("Tạm ngừng kinh doanh", "tạm ngừng"),
        "being-dissolved": ("Đang giải thể", "đang làm thủ tục giải thể"),
        "bankrupt": ("Phá sản",),
        "revoked": ("Bị thu hồi giấy chứng nhận", "thu hồi giấy chứng nhận", "thu hồi"),
    },
)

# The abbreviations clerks write, for narrow table columns.
KIND_ABBREVIATIONS = {"cooperative": "HTX", "group": "THT", "union": "LHTX", "credit-fund": "QTDND"}

# Circular 01/2020/TT-BKHĐT: the grade a 100-point score earns.
SCORE_BANDS = ((80, "good"), (65, "fair"), (50, "average"), (0, "weak"))

# The three bands provincial reports print, from the four grades.
BANDS = {"effective": ("good", "fair"), "average": ("average",), "weak": ("weak",)}
BAND_LABELS = {"effective": "Hiệu quả (tốt + khá)", "average": "Trung bình", "weak": "Yếu"}
RATED_GRADES = ("good", "fair", "average", "weak")
# The kinds rated each year under Circular 01/2020/TT-BKHĐT: cooperatives and their unions. Groups are
# not rated; people's credit funds are, under the State Bank's rules. The report's `not_rated` counts
# the organisations of these kinds still awaiting the year's rating.
RATED_KINDS = ("cooperative", "union")


def grade_for_score(score: int) -> str:
    for floor, grade in SCORE_BANDS:
        if score >= floor:
            return grade
    return "weak"


# The contract's columns that hold a vocabulary's key: `export --headers vi` writes its Vietnamese label
# (Hợp tác xã, Nông nghiệp, Khá, Tín dụng), which import reads back as the key.
VOCABULARY_COLUMNS = {"kind": KINDS, "sector": SECTORS, "grade": GRADES, "program": PROGRAMS}


def with_labels(row: dict[str, object]) -> dict[str, object]:
    """A contract row with each vocabulary key as its Vietnamese label."""
    out = dict(row)
    for column, vocabulary in VOCABULARY_COLUMNS.items():
        value = out.get(column)
        if isinstance(value, str) and value in vocabulary.labels:
            out[column] = vocabulary.labels[value]
    return out
