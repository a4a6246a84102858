"""plan: the targets the yearly report measures the year against."""

from __future__ import annotations

from typing import Annotated

import typer

from htxcli.cli.common import Format, FormatOption, emit, engine, say
from htxcli.domain import messages

app = typer.Typer(invoke_without_command=True)

YearArgument = Annotated[
    str, typer.Argument(metavar="YEAR", help="2026, or a span whose target is cumulative: 2018-2020.")
]
IndicatorArgument = Annotated[
    str,
    typer.Argument(
        metavar="INDICATOR",
        help="new-cooperatives | new-groups | new-unions | new-credit-funds | operating-cooperatives | "
        "dissolved-cooperatives | new-model | good-fair-share | new-members | average-revenue | "
        "average-profit | average-income | high-tech | value-chain | ocop-products (Vietnamese names such "
        "as 'HTX thành lập mới' work too).",
    ),
]
AreaOption = Annotated[
    str | None,
    typer.Option(
        "--area",
        help="A district or commune of the registry, as the report's --district and --commune read "
        "them; without it, the whole province.",
    ),
]


@app.callback()
def plan(ctx: typer.Context, format: FormatOption = Format.table) -> None:
    """Set, list and remove the plan's targets (kế hoạch) that the report measures the year against;
    without a command, list them.

    \b
    Examples:
      htx plan set 2018-2020 new-model 10
      htx plan set 2026 'HTX thành lập mới' 35 --area 'Ba Bể'
      htx plan estimate 2026 new-cooperatives 32
      htx plan --format csv
    """
    if ctx.invoked_subcommand is None:
        _list(ctx, format)


@app.command("list")
def listing(ctx: typer.Context, format: FormatOption = Format.table) -> None:
    """List the plan's targets, by year.

    \b
    Example: htx plan list --format json
    """
    _list(ctx, format)


def _list(ctx: typer.Context, format: Format) -> None:
    from htxcli.services import plans

    rows = plans.listing(engine(ctx, create=False))

    def table() -> None:
        if not rows:
            say(messages.PLAN_NONE)
            return
        from rich.table import Table

        from htxcli.domain.vocab import INDICATORS
        from htxcli.render import tables

        shown = Table(title=messages.PLAN_TITLE, title_justify="left", header_style="bold")
        for column in plans.LIST_COLUMNS:
            numeric = column in ("target", "estimate")
            shown.add_column(  # an amount or a span shown in part is worse than a narrower name
                messages.PLAN_HEADERS[column],
                justify="right" if numeric else "left",
                no_wrap=column in ("year", "target"),
            )
        for row in rows:
            shown.add_row(
                row["year"],
                INDICATORS.label(row["indicator"]),
                row["area"] or messages.PROVINCE_WIDE,
                _value(row["indicator"], row["target"]),
                _value(row["indicator"], row["estimate"]),
                row["note"] or "",
            )
        tables.console().print(shown)

    emit(format, table=table, columns=plans.LIST_COLUMNS, rows=rows)


def _value(indicator: str, value: int | None) -> str:
    from htxcli.domain.plans import format_target

    return "" if value is None else format_target(indicator, value)


@app.command("set")
def set_(
    ctx: typer.Context,
    year: YearArgument,
    indicator: IndicatorArgument,
    value: Annotated[
        str,
        typer.Argument(
            metavar="TARGET",
            help="A count (35), an amount of đồng for an average ('2,5 tỷ'; an income with its period: "
            "'6 triệu/tháng' or '72 triệu/năm'), or a percent (70 or 70%).",
        ),
    ],
    area: AreaOption = None,
    note: Annotated[str | None, typer.Option(help="e.g. the plan's document number.")] = None,
) -> None:
    """Set the target of an indicator for a year, or for a span of years (cumulative: "10 new-model
    cooperatives by 2020" is 2018-2020 new-model 10). Setting it again replaces it.

    \b
    Examples:
      htx plan set 2018-2020 new-model 10
      htx plan set 2026 new-cooperatives 35 --note 'KH 295/KH-UBND'
      htx plan set 2026 good-fair-share 70%
      htx plan set 2026 average-income '6 triệu/tháng'
    """
    from htxcli.services import plans

    result = plans.set_target(engine(ctx, create=False), year, indicator, value, area, note)
    shown = plans.describe(result.key)
    target = _value(result.key.indicator, result.after)
    if not result.changed:
        say(messages.PLAN_UNCHANGED.format(plan=shown, target=target))
    elif result.before is None:
        say(messages.PLAN_SET.format(plan=shown, target=target))
    else:
        before = _value(result.key.indicator, result.before)
        say(messages.PLAN_CHANGED.format(plan=shown, old=before, target=target))


@app.command("estimate")
def estimate(
    ctx: typer.Context,
    year: Annotated[str, typer.Argument(metavar="YEAR", help="The year estimated: 2026.")],
    indicator: IndicatorArgument,
    value: Annotated[
        str, typer.Argument(metavar="ESTIMATE", help="What the whole year is expected to reach.")
    ],
    area: AreaOption = None,
) -> None:
    """Record the estimate of the whole year (ước thực hiện cả năm), shown beside the actual.

    \b
    Example: htx plan estimate 2026 new-cooperatives 32
    """
    from htxcli.services import plans

    result = plans.set_estimate(engine(ctx, create=False), year, indicator, value, area)
    shown = plans.describe(result.key)
    value_shown = _value(result.key.indicator, result.after)
    if not result.changed:
        say(messages.PLAN_ESTIMATE_UNCHANGED.format(plan=shown, estimate=value_shown))
    else:
        say(messages.PLAN_ESTIMATED.format(plan=shown, estimate=value_shown))


@app.command("unset")
def unset(
    ctx: typer.Context, year: YearArgument, indicator: IndicatorArgument, area: AreaOption = None
) -> None:
    """Remove a target (and its estimate).

    \b
    Example: htx plan unset 2026 new-cooperatives
    """
    from htxcli.services import plans

    key = plans.unset(engine(ctx, create=False), year, indicator, area)
    say(messages.PLAN_REMOVED.format(plan=plans.describe(key)))
