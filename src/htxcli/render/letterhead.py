"""What heads and signs a report document (Decree 30/2020, Appendix I): the issuing office under the
body it answers to, the signer, and "Nơi nhận"; from the registry's settings in force (an issued
report keeps those of its day). And the lines that head and cite it: its number, its date line, the
line under each appendix sheet's title."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from htxcli.domain import messages

# Where the clerk writes the issuing office by hand when --office is not given.
OFFICE_PLACEHOLDER = "…………………………"


@dataclass(frozen=True)
class Letterhead:
    """What heads and signs a document (Decree 30/2020, Appendix I), from the registry's settings in
    force (htx settings; an issued report keeps those of its day): the issuing office and the body it
    answers to, the province of the date line, the signer's title and name."""

    office: str | None = None
    parent: str | None = None
    province: str | None = None
    signer_title: str | None = None
    signer: str | None = None
    recipients: str | None = None

    @classmethod
    def of(cls, settings: Mapping[str, str | None], office: str | None = None) -> Letterhead:
        """From the settings (domain/settings.py's keys); `office` (--office) before the setting's."""
        from htxcli.domain import settings as keys

        return cls(
            office if office is not None else settings.get(keys.OFFICE),
            settings.get(keys.PARENT_BODY),
            settings.get(keys.PROVINCE),
            settings.get(keys.SIGNER_TITLE),
            settings.get(keys.SIGNER),
            settings.get(keys.RECIPIENTS),
        )

    def office_lines(self) -> list[str]:
        """The body the office answers to, then the office, upper case as Decree 30 writes them: the
        parent as typed in the office ('UBND TỈNH THÁI NGUYÊN / SỞ TÀI CHÍNH'), else the parent-body
        setting, else for a department (Sở) the province's people's committee; a dotted line to fill in
        without an office."""
        if self.office is None or not self.office.strip():
            return [OFFICE_PLACEHOLDER]
        lines = _lines(self.office)
        parent = self.parent or (_committee(self.province) if lines[0].startswith("SỞ ") else None)
        return lines if len(lines) > 1 or parent is None else [*_lines(parent), *lines]

    def given(self) -> bool:
        return self.office is not None and bool(self.office.strip())

    def signature_lines(self) -> list[str]:
        """The signer's title: as set ('KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC' on two lines), else the head of
        the office."""
        return _lines(self.signer_title) if self.signer_title else [messages.DOCUMENT_SIGNATURE]

    def recipient_lines(self) -> list[str]:
        """Under "Nơi nhận:", Decree 30's way: each addressee set (separated by ';' or a line break) on a
        line "- UBND tỉnh;", then the office's own copy, "- Lưu: VT.". With none set, the body the
        office reports to: "- UBND tỉnh Thái Nguyên (b/c);" (the parent-body setting, else for a
        department the province's people's committee)."""
        named = [p.strip(" -;.") for p in (self.recipients or "").replace("\n", ";").split(";")]
        named = [name for name in named if name]
        if not named and self.given():
            parent = self.parent or (
                _committee(self.province) if _lines(self.office or "")[0].startswith("SỞ ") else None
            )
            if parent:
                named = [messages.DOCUMENT_REPORTS_TO.format(body=parent.replace(" / ", ", "))]
        return [*(f"- {name};" for name in named), messages.DOCUMENT_FILED]


def _lines(text: str) -> list[str]:
    """A setting's lines (a line break, or ' / ', separates them), upper case."""
    parts = [p.strip() for p in text.replace(" / ", "\n").splitlines()]
    return [p.upper() for p in parts if p]


def _committee(province: str | None) -> str | None:
    """ "UBND tỉnh Thái Nguyên" (UBND thành phố Hà Nội): the people's committee of the province."""
    if not province:
        return None
    from htxcli.domain.reform import LEGACY_SCHEME, NEW_SCHEME
    from htxcli.domain.units import gazetteer

    g = gazetteer()
    for scheme in (NEW_SCHEME, LEGACY_SCHEME):
        found = g.provinces_named(province, scheme)
        if len(found) == 1:
            name = found[0].full_name  # "Tỉnh Thái Nguyên": its type word lower case within a name
            return messages.DOCUMENT_COMMITTEE.format(province=name[:1].lower() + name[1:])
    return None


def number_line(number: str | None, office: str | None = None) -> str:
    """ "Số: 768/BC-STC" for a report issued with that number; else dotted for the clerk to fill in
    (report_number)."""
    return messages.DOCUMENT_NUMBER_GIVEN.format(number=report_number(number, office))


def report_number(number: str | None, office: str | None = None) -> str:
    """The report's number as its number line and its appendices cite it: "768/BC-STC" when issued
    with it; else dotted for the clerk to fill in, after the office's abbreviation when it is known
    ("……/BC-STC" for Sở Tài chính), "……/BC-……" without."""
    if number:
        return number
    short = abbreviation(office) if office else ""
    return f"……/BC-{short or '……'}"


def appendix_line(number: str | None, office: str | None, day: date) -> str:
    """The line under each sheet's title of the report's workbook, as an appendix cites the report it
    goes with: "(Kèm theo Báo cáo số 768/BC-STC ngày 16 tháng 12 năm 2026 của Sở Tài chính)" for a
    report issued with that number on that day; dotted for the clerk to fill in otherwise, in the
    year of `day` ("số ……/BC-STC ngày … tháng … năm 2026"); without an office, its number and date."""
    if number:
        spelled = messages.DOCUMENT_DATE.format(day=f"{day.day:02d}", month=f"{day.month:02d}", year=day.year)
    else:
        spelled = messages.DOCUMENT_DATE.format(day="…", month="…", year=day.year)
    cited = report_number(number, office)
    name = own_name(office) if office else ""
    if name:
        return messages.WORKBOOK_APPENDIX.format(number=cited, date=spelled, office=name)
    return messages.WORKBOOK_APPENDIX_NO_OFFICE.format(number=cited, date=spelled)


def own_name(office: str) -> str:
    """The office itself, as typed, without the body above it ("UBND tỉnh Thái Nguyên / Sở Tài chính"
    → "Sở Tài chính"); "" for an office left blank."""
    return office.replace(" / ", "\n").strip().splitlines()[-1].strip() if office.strip() else ""


def abbreviation(office: str) -> str:
    """The initials an office signs its documents' numbers with, of the office itself (its last line,
    not the body above it): "Sở Tài chính" → "STC", "Ủy ban nhân dân" → "UBND" (Đ is a letter of its
    own and stays: "Đoàn" → "Đ"); "" for an office written with no letters."""
    import unicodedata

    initials = [word[0] for word in own_name(office).split() if word[0].isalpha()]
    plain = unicodedata.normalize("NFD", "".join(initials).upper())
    return "".join(c for c in plain if not unicodedata.combining(c))


def date_line(day: date, place: str | None = None) -> str:
    """ "Thái Nguyên, ngày 05 tháng 12 năm 2026": the registry's province (htx settings province), else
    a place left for the clerk, and the day the file was made."""
    spelled = messages.DOCUMENT_DATE.format(day=f"{day.day:02d}", month=f"{day.month:02d}", year=day.year)
    if place:
        return messages.DOCUMENT_DATE_LINE_PLACE.format(place=place, date=spelled)
    return messages.DOCUMENT_DATE_LINE.format(date=spelled)
