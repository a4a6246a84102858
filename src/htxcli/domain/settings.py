"""The registry's settings: what each key holds, its default, and how a value is checked.

Settings live in the database (store/settings.py), so that every clerk of a shared registry sees the
same; `htx settings KEY VALUE` changes one, in the history like every other change.
"""

from __future__ import annotations

import re

from htxcli.domain import messages
from htxcli.domain.errors import InvalidValue
from htxcli.domain.text import clean

PERIOD_START = "period-start"
OFFICE = "office"
PROVINCE = "province"
# The documents' heading and signature (Decree 30/2020): the body the office answers to, printed
# above it ("UBND TỈNH THÁI NGUYÊN" above "SỞ TÀI CHÍNH"), and who signs ("KT. GIÁM ĐỐC / PHÓ GIÁM
# ĐỐC", then the name).
PARENT_BODY = "parent-body"
SIGNER_TITLE = "signer-title"
SIGNER = "signer"
# Where the document goes ("Nơi nhận"): its addressees, each a line "- UBND tỉnh;", before "- Lưu: VT.".
RECIPIENTS = "recipients"
KEYS = (PERIOD_START, OFFICE, PARENT_BODY, PROVINCE, SIGNER_TITLE, SIGNER, RECIPIENTS)
# The value a key has until a clerk sets it: the calendar year, and nothing else named.
DEFAULTS: dict[str, str | None] = {
    PERIOD_START: "01/01",
    OFFICE: None,
    PARENT_BODY: None,
    PROVINCE: None,
    SIGNER_TITLE: None,
    SIGNER: None,
    RECIPIENTS: None,
}
_DAY_MONTH = re.compile(r"(\d{1,2})/(\d{1,2})")


def parse_key(key: str) -> str:
    wanted = key.strip().lower()
    if wanted not in KEYS:
        choices = ", ".join(typed_key(k) for k in KEYS)
        raise InvalidValue("key", key, messages.NOT_IN_VOCABULARY.format(choices=choices))
    return wanted


def spoken_key(key: str) -> str:
    """A key inside a sentence: its name in Vietnamese (ngày bắt đầu kỳ báo cáo), the key in English."""
    return str(messages.FIELD_NAMES.get(key, key))


def typed_key(key: str) -> str:
    """A key as a clerk types it, with its name when that differs: period-start (ngày bắt đầu kỳ báo
    cáo) in Vietnamese, period-start in English."""
    name = spoken_key(key)
    return key if name == key else messages.SETTING_KEY_NAMED.format(key=key, name=name)


def parse_value(key: str, value: str) -> str | None:
    """The value as stored (NFC, trimmed); an empty value puts the key back to its default. An error
    names the key (in Vietnamese, by its name: messages.FIELD_NAMES)."""
    text = clean(value)
    if not text:
        return None
    if key == PERIOD_START:
        day, month = parse_period_start(key, text)
        return f"{day:02d}/{month:02d}"
    if key == PROVINCE:
        return official_province(text)
    return text


def official_province(typed: str) -> str:
    """The province as the official list spells it, of the scheme in force (34 provinces), else of
    the one before; one the list does not know, or knows twice, is refused with the closest."""
    from htxcli.domain.reform import LEGACY_SCHEME, NEW_SCHEME
    from htxcli.domain.units import gazetteer

    g = gazetteer()
    for scheme in (NEW_SCHEME, LEGACY_SCHEME):
        found = g.provinces_named(typed, scheme)
        if len(found) == 1:
            return found[0].name
    closest = ", ".join(u.full_name for u in g.closest(typed, list(g.provinces.values())))
    raise InvalidValue(PROVINCE, typed, messages.PLACE_UNMATCHED.format(names=closest))


def parse_period_start(field: str, value: str) -> tuple[int, int]:
    """DD/MM, the first day of every reporting year: 01/01 (the calendar year) or 15/12 (Circular
    09/2024/TT-BKHĐT). 29/02 is refused: it is not a day of every year."""
    match = _DAY_MONTH.fullmatch(value.strip())
    if match is None:
        raise InvalidValue(field, value, messages.NOT_A_DAY_MONTH)
    day, month = int(match.group(1)), int(match.group(2))
    days_in = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
    if not (1 <= month <= 12 and 1 <= day <= days_in[month - 1]):
        raise InvalidValue(field, value, messages.NOT_A_DAY_MONTH)
    return day, month
