"""Facts about the open database."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine

from htxcli.store.location import resolve
from htxcli.store.migrate import HEAD_REVISION, stored_revision
from htxcli.store.uow import UnitOfWork


def status(engine: Engine, option: str | None) -> dict[str, Any]:
    location = resolve(option)
    with UnitOfWork(engine, read_only=True) as uow:
        counts = {
            "organisations": uow.organisations.count(),
            "ratings": uow.ratings.count(),
            "support": uow.support.count(),
        }
    return {
        "location": location.display,
        "backend": engine.dialect.name,
        "revision": stored_revision(engine),
        "newest_revision": HEAD_REVISION,
        **counts,
    }
