"""figures: what an organisation achieved in a year, recorded or shown year by year."""

from __future__ import annotations

from typing import Annotated, Any, NoReturn

import typer

from htxcli.cli.common import Format, FormatOption, engine, out, say, typed_names, warn
from htxcli.domain import messages

# Each figure's option, with its Vietnamese alias (unaccented, as a clerk types it on a command line).
OPTIONS: dict[str, tuple[str, str]] = {
    "members": ("--members", "--thanh-vien"),
    "associate_members": ("--associate-members", "--thanh-vien-lien-ket"),
    "new_members": ("--new-members", "--thanh-vien-moi"),
    "workers": ("--workers", "--lao-dong"),
    "member_workers": ("--member-workers", "--lao-dong-thanh-vien"),
    "seasonal_workers": ("--seasonal-workers", "--lao-dong-thoi-vu"),
    "capital_vnd": ("--capital", "--von-dieu-le"),
    "assets_vnd": ("--assets", "--tong-tai-san"),
    "revenue_vnd": ("--revenue", "--doanh-thu"),
    "profit_vnd": ("--profit", "--loi-nhuan"),
    "tax_vnd": ("--tax", "--nop-ngan-sach"),
    "income_vnd_per_year": ("--income", "--thu-nhap"),
    "ocop_3": ("--ocop-3", "--ocop-3-sao"),
    "ocop_4": ("--ocop-4", "--ocop-4-sao"),
    "ocop_5": ("--ocop-5", "--ocop-5-sao"),
    "high_tech": ("--high-tech", "--cong-nghe-cao"),
    "value_chain": ("--value-chain", "--chuoi-gia-tri"),
    "note": ("--note", "--ghi-chu"),
}


def _option(field: str, help: str, metavar: str) -> Any:
    return typer.Option(*OPTIONS[field], help=help, metavar=metavar, show_default=False)


def figures(
    ctx: typer.Context,
    code: Annotated[str, typer.Argument(help="Code of the organisation.")],
    year: Annotated[
        str | None, typer.Argument(help="The year the figures are of; without it, every year is shown.")
    ] = None,
    members: Annotated[str | None, _option("members", "Số thành viên: official members.", "N")] = None,
    associate_members: Annotated[
        str | None, _option("associate_members", "Thành viên liên kết: associate members.", "N")
    ] = None,
    new_members: Annotated[
        str | None, _option("new_members", "Thành viên mới: members who joined in the year.", "N")
    ] = None,
    workers: Annotated[
        str | None, _option("workers", "Số lao động thường xuyên: regular workers.", "N")
    ] = None,
    member_workers: Annotated[
        str | None, _option("member_workers", "Lao động là thành viên: regular workers who are members.", "N")
    ] = None,
    seasonal_workers: Annotated[
        str | None, _option("seasonal_workers", "Lao động thời vụ: seasonal workers.", "N")
    ] = None,
    capital: Annotated[
        str | None, _option("capital_vnd", "Vốn điều lệ: charter capital (1,5 tỷ, 350 triệu…).", "AMOUNT")
    ] = None,
    assets: Annotated[str | None, _option("assets_vnd", "Tổng tài sản: total assets.", "AMOUNT")] = None,
    revenue: Annotated[
        str | None, _option("revenue_vnd", "Doanh thu: revenue of the year.", "AMOUNT")
    ] = None,
    profit: Annotated[
        str | None,
        _option(
            "profit_vnd", "Lợi nhuận trước thuế: pre-tax profit; a loss with a minus (-50 triệu).", "AMOUNT"
        ),
    ] = None,
    tax: Annotated[str | None, _option("tax_vnd", "Nộp ngân sách: taxes paid.", "AMOUNT")] = None,
    income: Annotated[
        str | None,
        _option(
            "income_vnd_per_year",
            "Thu nhập bình quân: a regular worker's average income, per month or per year as typed"
            " ('5,5 triệu/tháng', '64 triệu/năm'); stored per year.",
            "AMOUNT/PERIOD",
        ),
    ] = None,
    ocop_3: Annotated[
        str | None, _option("ocop_3", "Sản phẩm OCOP 3 sao: 3-star OCOP products.", "N")
    ] = None,
    ocop_4: Annotated[
        str | None, _option("ocop_4", "Sản phẩm OCOP 4 sao: 4-star OCOP products.", "N")
    ] = None,
    ocop_5: Annotated[
        str | None, _option("ocop_5", "Sản phẩm OCOP 5 sao: 5-star OCOP products.", "N")
    ] = None,
    high_tech: Annotated[
        str | None,
        _option("high_tech", "Ứng dụng công nghệ cao: applies high technology (có/không).", "YES|NO"),
    ] = None,
    value_chain: Annotated[
        str | None,
        _option("value_chain", "Liên kết chuỗi giá trị: works in a value chain (có/không).", "YES|NO"),
    ] = None,
    note: Annotated[str | None, _option("note", "Ghi chú: a note.", "TEXT")] = None,
    format: FormatOption = Format.table,
) -> None:
    """Record what an organisation achieved in a year, or show its figures year by year (or of a
    year: htx figures CODE YEAR, without figures to record).

    Only the figures given are recorded or changed; the others keep what was recorded. A figure left
    out is "not reported", never zero; an empty value ('') clears one. Likely slips (a profit larger
    than the revenue, an income per year typed per month, ten times the year before) are recorded
    with a warning.

    \b
    Examples:
      htx figures 4700257731 2018 --revenue '2,5 tỷ' --profit '180 triệu' --workers 12 --members 35
      htx figures 4700257731 2018 --income '5,5 triệu/tháng' --ocop-3 1 --high-tech có
      htx figures 4700257731
      htx figures 4700257731 2018
    """
    given = {
        "members": members,
        "associate_members": associate_members,
        "new_members": new_members,
        "workers": workers,
        "member_workers": member_workers,
        "seasonal_workers": seasonal_workers,
        "capital_vnd": capital,
        "assets_vnd": assets,
        "revenue_vnd": revenue,
        "profit_vnd": profit,
        "tax_vnd": tax,
        "income_vnd_per_year": income,
        "ocop_3": ocop_3,
        "ocop_4": ocop_4,
        "ocop_5": ocop_5,
        "high_tech": high_tech,
        "value_chain": value_chain,
        "note": note,
    }
    typed = {field: text for field, text in given.items() if text is not None}
    if year is None:
        if typed:
            _usage(messages.FIGURES_NEED_YEAR.format(code=code))
        _show(ctx, code, format.value)
        return
    from htxcli.domain.figures import parse_figure_values, parse_income
    from htxcli.domain.records import parse_rating_year

    if not typed:  # that year's figures, shown as every year's are
        _show(ctx, code, format.value, parse_rating_year(year))
        return
    values = parse_figure_values({f: t for f, t in typed.items() if f != "income_vnd_per_year"})
    if "income_vnd_per_year" in typed:
        text = typed["income_vnd_per_year"]
        values["income_vnd_per_year"] = parse_income("income_vnd_per_year", text) if text.strip() else None
    from htxcli.services import figures as service

    result = service.record(engine(ctx, create=False), code, year, values)
    warn(ctx, result.doubts)
    if not result.changed:
        say(messages.FIGURES_UNCHANGED.format(code=result.code, year=result.year))
        return
    from htxcli.domain.i18n import current

    # In Vietnamese the figures by their names as the office's sheet heads them; in English the options.
    headers = messages.HEADERS
    if current() == "vi" and all(f in headers for f in result.changed):
        names = ", ".join(headers[f] for f in result.changed)
    else:
        names = ", ".join(typed_names(ctx, list(result.changed)))
    template = messages.FIGURES_RECORDED if result.new else messages.FIGURES_CHANGED
    say(template.format(code=result.code, year=result.year, fields=names))


def _usage(problem: str) -> NoReturn:
    from htxcli.domain.i18n import gettext

    say(gettext("Error: {message}").format(message=problem))
    raise typer.Exit(2)


def _show(ctx: typer.Context, code: str, format: str, year: int | None = None) -> None:
    """The organisation's figures year by year, or of one year (`htx figures CODE YEAR`)."""
    from htxcli.domain.figures import VALUE_FIELDS, format_flag
    from htxcli.services import figures as service

    org, rows = service.years(engine(ctx, create=False), code)
    if year is not None:
        rows = [r for r in rows if int(r["year"]) == year]
    if format == "json":
        import json

        data = {
            "code": org["code"],
            "name": org["name"],
            "years": {str(r["year"]): {f: r[f] for f in VALUE_FIELDS} for r in rows},
        }
        out().write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return
    if format == "csv":
        from htxcli.render.machine import write_csv

        years = [str(r["year"]) for r in rows]
        side = [
            {
                "field": f,
                **{str(r["year"]): format_flag(r[f]) if isinstance(r[f], bool) else r[f] for r in rows},
            }
            for f in VALUE_FIELDS
        ]
        write_csv(out(), ["field", *years], side)
        return
    from htxcli.render.figures import years_side_by_side
    from htxcli.render.tables import console

    title = messages.FIGURES_TITLE.format(code=org["code"], name=org["name"])
    if not rows:
        if year is not None:
            say(messages.FIGURES_NONE_OF_YEAR.format(code=org["code"], year=year))
        else:
            say(messages.FIGURES_NONE.format(code=org["code"]))
        return
    console().print(years_side_by_side(title, rows))


def register(app: typer.Typer) -> None:
    from htxcli.cli.common import OPTION_OF_FIELD

    OPTION_OF_FIELD["figures"] = {field: names[0] for field, names in OPTIONS.items()}
    app.command()(figures)
