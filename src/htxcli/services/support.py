"""Recording support disbursements and activities, and listing them."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from htxcli.domain import messages
from htxcli.domain.errors import Conflict
from htxcli.domain.periods import Period, within_life
from htxcli.domain.records import parse_code, parse_support
from htxcli.domain.values import format_date
from htxcli.services.history import record_change
from htxcli.services.registry import require, support_record
from htxcli.store.repositories import SupportFilter
from htxcli.store.uow import UnitOfWork, retrying

if TYPE_CHECKING:
    from sqlalchemy import Engine


@retrying
def add(engine: Engine, raw: Mapping[str, str | None]) -> tuple[dict[str, Any], str | None, int | None]:
    """Record support; returns the record, a warning when it falls outside the organisation's life,
    and the id of an identical record already there (the same support typed twice), recorded all the
    same: two equal bulletins may be two deliveries, and `htx db check` lists the pairs."""
    values = parse_support(raw)
    warning = None
    code = values.pop("code")
    with UnitOfWork(engine) as uow:
        organisation_id = None
        if code is not None:
            org = require(uow, code)
            organisation_id = org["id"]
            when = values["date"]
            # Kept, with a warning: registries do hold such records, and `htx db check` lists them.
            if not within_life(org["founded"], org["dissolved"], Period.day(when)):
                if when < org["founded"]:
                    warning = messages.SUPPORT_BEFORE_FOUNDED.format(
                        code=code, founded=format_date(org["founded"])
                    )
                else:
                    warning = messages.SUPPORT_AFTER_DISSOLVED.format(
                        code=code, dissolved=format_date(org["dissolved"])
                    )
        if values["reference"] is not None:
            earlier = uow.support.by_reference(values["reference"])
            if earlier is not None:
                raise Conflict(
                    messages.REFERENCE_TAKEN.format(reference=values["reference"], id=earlier["id"])
                )
        twin = uow.support.identical({**values, "organisation_id": organisation_id})
        new_id = uow.support.insert({**values, "organisation_id": organisation_id})
        summary = {"code": code, "program": values["program"], "date": values["date"].isoformat()}
        record_change(uow, "support add", summary, "support", new_id, code, None)
        uow.commit()
    # The organisation's name too, for the confirmation that says what was recorded.
    name = org["name"] if code is not None else None
    return {"id": new_id, "code": code, "name": name, **values}, warning, twin


def listing(
    engine: Engine, *, period: Period | None = None, program: str | None = None, code: str | None = None
) -> Iterator[dict[str, Any]]:
    """Support records by date: dated in `period` (settings.reporting_period), of a program, to an
    organisation."""
    with UnitOfWork(engine, read_only=True) as uow:
        organisation_id = require(uow, parse_code(code))["id"] if code else None
        for row in uow.support.matching(
            SupportFilter(period=period, program=program, organisation_id=organisation_id)
        ):
            # The organisation's name, for people reading the list (its code alone says little).
            yield {**support_record(row), "name": row["name"]}
