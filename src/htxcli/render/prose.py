"""Numbers as the prose of a report writes them (render/narrative.py's sentences, the HTML report's
chart labels): whole numbers, one decimal, đồng as the press writes them ("1,62 tỷ đồng"), and a kind's
abbreviation spelled out where the documents first use it."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from htxcli.domain import messages
from htxcli.domain.i18n import current
from htxcli.domain.values import format_count

_BILLION = 1_000_000_000
_MILLION = 1_000_000


def number(value: int) -> str:
    """A whole number as the language writes it: 1.200 in Vietnamese, 1,200 in English."""
    return format_count(value) if current() == "vi" else f"{value:,}"


def one_decimal(value: float) -> str:
    """A figure to one decimal, half up, with the language's decimal mark: 116,0 in Vietnamese."""
    text = f"{Decimal(repr(value)).quantize(Decimal('0.1'), ROUND_HALF_UP):f}"
    whole, _, tenth = text.partition(".")
    return number(int(whole)) + ("," if current() == "vi" else ".") + tenth


def press_money(amount: int) -> str:
    """đồng as the press writes them: 1,62 tỷ đồng; 64,6 triệu đồng; 20.000 đồng (half up, trailing
    zeros dropped; three decimals at most for tỷ, one for triệu: an average of 64.565.000 đồng is
    "64,6 triệu đồng"). English: 1.62 billion đồng."""
    if amount >= _BILLION - _MILLION // 20:  # 999,95 triệu and more round to 1 tỷ, not 1.000 triệu
        return messages.MONEY_BILLIONS.format(amount=_decimal(amount, _BILLION))
    if amount >= _MILLION:
        return messages.MONEY_MILLIONS.format(amount=_decimal(amount, _MILLION, "0.1"))
    return messages.MONEY_DONG.format(amount=number(amount))


def _decimal(amount: int, unit: int, places: str = "0.001") -> str:
    value = (Decimal(amount) / unit).quantize(Decimal(places), rounding=ROUND_HALF_UP).normalize()
    whole, _, fraction = f"{value:f}".partition(".")
    whole = number(int(whole))
    if not fraction:
        return whole
    return whole + ("," if current() == "vi" else ".") + fraction


def spelled_out_first(parts: list[tuple[str, list[str]]]) -> list[tuple[str, list[str]]]:
    """The overview with each kind's abbreviation spelled out where a count first uses it, as Decree
    30 asks of a document's first use of one: "5 hợp tác xã (HTX)", then "12 HTX". Only after a
    number: "HTX Dược liệu Bằng Thành" is a name, and English counts in words already. OCOP, a
    programme's name, where the prose first names it: "sản phẩm OCOP (Chương trình Mỗi xã một sản
    phẩm)"."""
    import re

    from htxcli.domain.vocab import KIND_ABBREVIATIONS, KINDS

    out, done = [], set()
    for heading, texts in parts:
        spelled = []
        for paragraph in texts:
            for kind, short in KIND_ABBREVIATIONS.items():
                first = re.search(rf"\d ({short})\b", paragraph) if short not in done else None
                if first:
                    whole = f"{KINDS.label(kind).lower()} ({short})"
                    paragraph = paragraph[: first.start(1)] + whole + paragraph[first.end(1) :]
                    done.add(short)
            # after a product's rank where one follows: "sản phẩm OCOP 3 sao (Chương trình …)"
            if "OCOP" not in done and (first := re.search(r"\bOCOP\b(?: \d+ sao\b)?", paragraph)):
                spelled_out = messages.OCOP_SPELLED_OUT.replace("OCOP", first.group(0), 1)
                paragraph = paragraph[: first.start()] + spelled_out + paragraph[first.end() :]
                done.add("OCOP")
            spelled.append(paragraph)
        out.append((heading, spelled))
    return out
