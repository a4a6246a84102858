"""rate."""

from __future__ import annotations

from typing import Annotated

import typer

from htxcli.cli.common import engine, say
from htxcli.domain import messages


def rate(
    ctx: typer.Context,
    code: Annotated[str, typer.Argument(help="Code of the organisation.")],
    year: Annotated[str, typer.Argument(help="The year rated.")],
    grade: Annotated[
        str | None,
        typer.Argument(
            help="good | fair | average | weak | unrated (or tốt, khá, trung bình, yếu, chưa xếp loại)."
        ),
    ] = None,
    score: Annotated[
        str | None, typer.Option(help="0-100 under Circular 01/2020/TT-BKHĐT; alone, it sets the grade.")
    ] = None,
    note: Annotated[str | None, typer.Option()] = None,
) -> None:
    """Record an organisation's rating for a year; rating the same year again replaces it.

    \b
    Examples:
      htx rate 4700284512 2018 khá
      htx rate 4700284512 2018 --score 64
    """
    from htxcli.services import ratings

    result = ratings.rate(engine(ctx, create=False), code, year, grade, score, note)
    if result.replaced is None:
        say(messages.RATED.format(code=result.code, year=result.year, grade=result.grade))
    else:
        say(
            messages.RATED_AGAIN.format(
                code=result.code, year=result.year, old=result.replaced, grade=result.grade
            )
        )


def register(app: typer.Typer) -> None:
    app.command()(rate)
