"""Registering, changing and finding organisations."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from htxcli.domain import messages
from htxcli.domain.areas import areas_named
from htxcli.domain.errors import Conflict, HtxError, InvalidValue, NotFound
from htxcli.domain.places import preferred_spelling, spellings_of
from htxcli.domain.records import (
    ORGANISATION_FIELDS,
    PLACE_FIELDS,
    derived_keys,
    parse_code,
    parse_organisation,
)
from htxcli.domain.reform import LEGACY_SCHEME, NEW_SCHEME, REFORM_DAY
from htxcli.domain.status import standing_on
from htxcli.domain.text import fold
from htxcli.domain.unit_names import district_as_stored
from htxcli.domain.values import format_date
from htxcli.domain.vocab import LEGAL_STATUSES
from htxcli.services.history import record_change
from htxcli.store.repositories import OrganisationFilter, SupportFilter
from htxcli.store.uow import UnitOfWork, retrying

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.engine import RowMapping

Profile = dict[str, Any]


def public(row: Mapping[Any, Any]) -> dict[str, Any]:
    """An organisation's fields as users see them (no internal ids or keys)."""
    return {field: row[field] for field in ORGANISATION_FIELDS}


def require(uow: UnitOfWork, code: str) -> RowMapping:
    parsed = parse_code(code)
    row = uow.organisations.get(parsed)
    if row is None:
        # A code that lost its leading zeros in a spreadsheet (0100222333 -> 100222333).
        near = uow.organisations.unpadded(parsed)
        if near:
            raise NotFound(messages.UNKNOWN_CODE_NEAR.format(code=code, near=", ".join(near)))
        raise NotFound(messages.UNKNOWN_CODE.format(code=code))
    return row


Respelled = tuple[str, str] | None  # a district as given and as stored, when they differ


def _stored_district(uow: UnitOfWork, values: dict[str, Any], other_than: str | None = None) -> Respelled:
    """A district spelled as the registry already spells it: 'BA BỂ' or 'Huyện Ba Bể' becomes 'Ba Bể'
    when the registry knows Ba Bể, so that one district is one place in lists and reports."""
    given = values.get("district")
    if not given:
        return None
    counts = uow.organisations.district_spellings(other_than)
    spellings = {spelling: counts[spelling] for spelling in spellings_of(given, counts)}
    stored = preferred_spelling(spellings) if spellings else district_as_stored(given)
    if stored == given:
        return None
    values["district"] = stored
    # Only the type word dropped ("Huyện Ba Bể" stored as Ba Bể, the official name): no warning.
    return None if stored == district_as_stored(given) else (given, stored)


def placed(values: dict[str, Any], default_province: str | None = None) -> list[InvalidValue]:
    """Give `values` (a whole organisation) its address in the official spelling and its derived place
    fields; returns a warning for each name found in no official list, with the closest. A commune
    without a province or a district is in the registry's province (`default_province`, the
    setting); with none, it cannot be matched, and is warned about. The official list is read only
    when there is a province to match."""
    if not values.get("province") and not values.get("new_province"):
        if default_province is not None and (values.get("commune") or values.get("district")):
            from htxcli.domain.unit_matching import province_for

            values["province"] = province_for(default_province, values.get("district"))
        elif values.get("commune") and not values.get("district"):
            values.update(dict.fromkeys(PLACE_FIELDS))
            return [InvalidValue("commune", values["commune"], messages.PLACE_NO_PROVINCE)]
        else:
            values.update(dict.fromkeys(PLACE_FIELDS))
            return []
    from htxcli.domain.unit_matching import address_values, unmatched_warning

    official, unmatched = address_values(values)
    values.update(official)
    return [unmatched_warning(*one) for one in unmatched]


Doubts = list[InvalidValue]


@retrying
def add(engine: Engine, raw: Mapping[str, str | None]) -> tuple[dict[str, Any], list[str], Respelled, Doubts]:
    """Register an organisation; returns its values, the codes of others with the same name (once
    accents and case are folded), which is often one organisation entered twice, the district as
    given and as stored when the registry spells it otherwise, and names not in the official list."""
    values = parse_organisation(raw)
    values.update({f: values.get(f) for f in ORGANISATION_FIELDS if f not in values})
    default = None
    typed_place = values.get("commune") or values.get("district")
    if typed_place and not any(values.get(f) for f in ("province", "new_province")):
        from htxcli.services.settings import province

        default = province(engine)
    unmatched = placed(values, default)
    with UnitOfWork(engine) as uow:
        existing = uow.organisations.get(values["code"])
        if existing is not None:
            raise Conflict(messages.CODE_TAKEN.format(code=values["code"], name=existing["name"]))
        respelled = None if values["scheme"] else _stored_district(uow, values)
        keys = derived_keys(values)
        namesakes = uow.organisations.sharing_name(keys["name_key"], values["code"])
        new_id = uow.organisations.insert({**values, **keys})
        summary = {"code": values["code"], "name": values["name"]}
        entry = record_change(uow, "add", summary, "organisation", new_id, values["code"], None)
        # A dissolution date given at once is the organisation's `dissolved` status entry as well.
        uow.endings.reconcile(entry, [new_id])
        uow.commit()
    return values, namesakes, respelled, unmatched


def check_code_free(engine: Engine, code: str) -> None:
    """Refuse a code already registered, as add does: `add` asks for another at once, rather than
    after every other question."""
    wanted = parse_code(code)
    with UnitOfWork(engine, read_only=True) as uow:
        existing = uow.organisations.get(wanted)
    if existing is not None:
        raise Conflict(messages.CODE_TAKEN.format(code=wanted, name=existing["name"]))


ADDRESS_FIELDS = ("province", "district", "commune")


def _new_address(row: Mapping[Any, Any], changes: dict[str, Any]) -> dict[str, Any]:
    """An edit of the address, aimed at the address in force now. An organisation that already has an
    address from the reform on gets that one changed (unless a district names the old one); one whose
    address is still in the old scheme and that existed before 01/07/2025 gets a new address from
    then on when the one typed is in the new scheme (how a split commune is settled), and keeps the
    old one for the years before."""
    if "district" in changes or not any(f in changes for f in ADDRESS_FIELDS):
        return changes
    moved = {f"new_{f}": changes.pop(f) for f in ("province", "commune") if f in changes}
    if row["new_address_from"] is not None:
        return {**changes, **moved}
    old_scheme = row["scheme"] == LEGACY_SCHEME or (row["scheme"] is None and row["district"] is not None)
    if not old_scheme or row["founded"] >= REFORM_DAY or not moved.get("new_province"):
        return {**changes, **{f[4:]: v for f, v in moved.items()}}
    from htxcli.domain.unit_matching import place

    typed = place(moved["new_province"], None, moved.get("new_commune") or row["commune"])
    if typed.scheme != NEW_SCHEME:
        return {**changes, **{f[4:]: v for f, v in moved.items()}}
    return {**changes, **moved, "new_address_from": REFORM_DAY}


@retrying
def edit(
    engine: Engine, code: str, raw: Mapping[str, str | None]
) -> tuple[dict[str, Any], list[str], Respelled, Doubts, dict[str, Any]]:
    """Change only the given fields; returns the new profile, the names of the fields that changed,
    the district as given and as stored when the registry spells it otherwise, names not in the
    official list, and the changed fields' values before."""
    if not raw:
        raise HtxError(messages.NOTHING_TO_CHANGE)
    changes = parse_organisation(raw, partial=True)
    with UnitOfWork(engine) as uow:
        row = require(uow, code)
        changes = _new_address(row, changes)
        unmatched: Doubts = []
        if any(f in changes for f in (*ADDRESS_FIELDS, "new_province", "new_commune")):
            address = {**public(row), **changes}
            default = None
            if not any(address.get(f) for f in ("province", "new_province")):
                from htxcli.services.settings import province_of

                default = province_of(uow)
            unmatched = placed(address, default)
            if default is not None and address.get("province"):
                changes["province"] = address["province"]  # the registry's (or its old one, for a district)
            changes.update(
                {f: address[f] for f in (*ADDRESS_FIELDS, "new_province", "new_commune") if f in changes}
            )
            changes.update({f: address[f] for f in PLACE_FIELDS})
        respelled = None if changes.get("scheme") else _stored_district(uow, changes, other_than=row["code"])
        merged = {**public(row), **changes}
        if "code" in changes and changes["code"] != row["code"]:
            other = uow.organisations.get(changes["code"])
            if other is not None:
                raise Conflict(messages.CODE_TAKEN.format(code=changes["code"], name=other["name"]))
        _check_life_against_records(uow, row["id"], merged["founded"], merged["dissolved"])
        changed = [f for f in changes if changes[f] != row[f] and f not in PLACE_FIELDS]
        if changed:
            uow.organisations.update(row["id"], {**merged, **derived_keys(merged), **_place_fields(changes)})
            summary = {"code": merged["code"], "fields": changed}
            # Filed under the code it had: after a corrected code, `htx history OLD` shows the
            # correction, and `htx history NEW` finds it by the organisation's id.
            record_change(uow, "edit", summary, "organisation", row["id"], row["code"], row)
            uow.commit()
    return merged, changed, respelled, unmatched, {f: row[f] for f in changed}


def _place_fields(changes: Mapping[str, Any]) -> dict[str, Any]:
    return {f: changes[f] for f in PLACE_FIELDS if f in changes}


def _check_life_against_records(
    uow: UnitOfWork, organisation_id: int, founded: date, dissolved: date | None
) -> None:
    """A new founding or dissolution date may not strand ratings outside the organisation's life."""
    if dissolved is not None and dissolved < founded:
        raise InvalidValue(
            "dissolved",
            dissolved.isoformat(),
            messages.DISSOLVED_BEFORE_FOUNDED.format(founded=format_date(founded)),
        )
    first = next(iter(uow.statuses.of(organisation_id)), None)
    if first is not None and first["started"] < founded:
        raise InvalidValue(
            "founded",
            founded.isoformat(),
            messages.LEGAL_FOUNDED_AFTER_STATUS.format(
                status=LEGAL_STATUSES.spoken(first["status"]), date=format_date(first["started"])
            ),
        )
    years = uow.ratings.years_outside(organisation_id, founded, dissolved)
    if years:
        raise InvalidValue(
            "dissolved" if dissolved and years[0] > founded.year else "founded",
            (dissolved or founded).isoformat(),
            messages.RATING_OUTSIDE_LIFE.format(year=years[0]),
        )


def profile(engine: Engine, code: str) -> Profile:
    with UnitOfWork(engine, read_only=True) as uow:
        row = _shown(uow, code)
        ratings = [
            {"year": r["year"], "grade": r["grade"], "score": r["score"], "note": r["note"]}
            for r in uow.ratings.for_organisation(row["id"])
        ]
        support = [support_record(s) for s in uow.support.matching(SupportFilter(organisation_id=row["id"]))]
        standing = standing_on([dict(e) for e in uow.statuses.of(row["id"])], date.today())
    legal_status = {"status": standing.status, "since": standing.since, "until": standing.until}
    return {**public(row), "legal_status": legal_status, "ratings": ratings, "support": support}


def place_codes(engine: Engine, codes: Sequence[str]) -> dict[str, dict[str, Any]]:
    """{code: the official codes of its addresses} of those of `codes` (a table's units get their type
    words from them; the listing's rows, which CSV and JSON write, stay as they are)."""
    if not codes:
        return {}
    with UnitOfWork(engine, read_only=True) as uow:
        return uow.organisations.place_codes(list(codes))


def _shown(uow: UnitOfWork, text: str) -> RowMapping:
    """The organisation `htx show TEXT` names. A clerk often types a name there ('quang khe'): text that
    cannot be a code, or a word that is no code but is in some names, is pointed to `htx search`, with
    how many it finds."""
    try:
        return require(uow, text)
    except InvalidValue as e:
        if e.problem not in (messages.CODE_SPACES, messages.CODE_CHARACTERS):
            raise
        found = uow.organisations.search_count(fold(text).split())
        hint = messages.SHOW_SEARCH_FINDS if found else messages.SHOW_SEARCH_FINDS_NONE
        query = _quoted(" ".join(text.split()))
        raise NotFound(
            messages.SHOW_NOT_A_CODE.format(text=text, query=query) + hint.format(count=found)
        ) from None
    except NotFound as e:
        if not any(c.isalpha() for c in text):  # digits only: a mistyped code, not a name
            raise
        found = uow.organisations.search_count(fold(text).split())
        if not found:
            raise
        hint = messages.SHOW_AS_A_NAME.format(query=_quoted(text), count=found)
        raise NotFound(f"{e}{hint}") from None


def _quoted(text: str) -> str:
    """Text as the clerk would type it after `htx search`: in single quotes, as the README writes it,
    or double ones around an apostrophe; shlex's way only when neither will do."""
    if "'" not in text:
        return f"'{text}'"
    if not any(c in text for c in '"$`\\!'):
        return f'"{text}"'
    import shlex

    return shlex.quote(text)


def support_record(row: Mapping[Any, Any]) -> dict[str, Any]:
    return {
        "id": row["id"],
        "code": row["code"],
        "program": row["program"],
        "date": row["date"],
        "amount_vnd": row["amount_vnd"],
        "quantity": row["quantity"],
        "unit": row["unit"],
        "reference": row["reference"],
        "note": row["note"],
    }


def listing(
    engine: Engine,
    *,
    kind: str | None = None,
    district: str | None = None,
    commune: str | None = None,
    province: str | None = None,
    sector: str | None = None,
    status: str = "all",
    active_in: int | None = None,
    without_address: bool = False,
) -> Iterator[dict[str, Any]]:
    area = areas_named(district, commune, province)
    where = OrganisationFilter(
        kind=kind,
        areas=(area,) if area is not None else (),
        sector=sector,
        status=status,
        active_in=active_in,
        without_address=without_address,
    )
    with UnitOfWork(engine, read_only=True) as uow:
        for row in uow.organisations.matching(where):
            yield public(row)


SEARCH_LIMIT = 200  # characters: more is a paste gone wrong, and beyond SQLite's LIKE pattern limit


def search(engine: Engine, text: str) -> list[dict[str, Any]]:
    words = fold(text).split()
    if not words:
        raise InvalidValue("text", text, messages.EMPTY_TEXT)
    if len(text) > SEARCH_LIMIT:
        raise InvalidValue("text", text[:20] + "…", messages.TOO_LONG.format(limit=SEARCH_LIMIT))
    with UnitOfWork(engine, read_only=True) as uow:
        return [public(row) for row in uow.organisations.search(words)]
