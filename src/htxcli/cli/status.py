"""status, suspend, resume, revoke: an organisation's legal status over time; settings."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from htxcli.cli.common import Format, FormatOption, emit, engine, out, say, warn
from htxcli.domain import messages

Opt = typer.Option
DateHelp = "YYYY-MM-DD or DD/MM/YYYY."
ReferenceOpt = Annotated[
    str | None, Opt(help="The decision or notice number, e.g. 15/TB-HTX or 112/QĐ-UBND.")
]
NoteOpt = Annotated[str | None, Opt(help="A note kept with the entry.")]
CodeArg = Annotated[str, typer.Argument(help="Code of the organisation.")]


def status(
    ctx: typer.Context,
    code: CodeArg,
    new_status: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[STATUS]...",
            help="To record a change: operating | suspended | being-dissolved | dissolved | bankrupt | "
            "revoked (also hoạt động, tạm ngừng, đang giải thể, giải thể, phá sản, thu hồi giấy chứng "
            "nhận; no quotes needed). Without it, show the history.",
            show_default=False,
        ),
    ] = None,
    on: Annotated[str | None, Opt("--on", help="The day it takes effect, " + DateHelp)] = None,
    until: Annotated[str | None, Opt(help="A suspension's last day, " + DateHelp)] = None,
    reference: ReferenceOpt = None,
    note: NoteOpt = None,
    format: FormatOption = Format.table,
) -> None:
    """Show an organisation's legal status over time, or record a change of it.

    \b
    Examples:
      htx status 4700284512
      htx status 4700284512 suspended --on 01/03/2018 --until 30/09/2018 --reference 15/TB-HTX
      htx status 4700284512 đang giải thể --on 01/11/2018
    """
    if not new_status:
        _show(ctx, code, format)
        return
    if on is None:
        from htxcli.domain.errors import MissingValue

        raise MissingValue("on")
    # A status of several words needs no quotes: `htx status X tạm ngừng --on …` is one status.
    _record(ctx, code, " ".join(new_status), on, until=until, reference=reference, note=note)


def suspend(
    ctx: typer.Context,
    code: CodeArg,
    start: Annotated[str, Opt("--from", help="First day of the suspension, " + DateHelp)],
    until: Annotated[
        str | None, Opt(help="Last day of the suspension (at most 12 months a notice), " + DateHelp)
    ] = None,
    reference: ReferenceOpt = None,
    note: NoteOpt = None,
) -> None:
    """Record a suspension of business (tạm ngừng kinh doanh), with or without its last day.

    \b
    Example: htx suspend 4700284512 --from 01/03/2018 --until 30/09/2018 --reference 15/TB-HTX
    """
    _record(ctx, code, "suspended", start, until=until, reference=reference, note=note)


def resume(
    ctx: typer.Context,
    code: CodeArg,
    on: Annotated[str, Opt("--on", help="The day it operates again, " + DateHelp)],
    reference: ReferenceOpt = None,
    note: NoteOpt = None,
) -> None:
    """Record that a suspended (or revoked) organisation operates again (hoạt động trở lại).

    \b
    Example: htx resume 4700284512 --on 01/08/2018
    """
    _record(ctx, code, "operating", on, reference=reference, note=note)


def revoke(
    ctx: typer.Context,
    code: CodeArg,
    on: Annotated[str, Opt("--on", help="Date of the revocation decision, " + DateHelp)],
    reference: ReferenceOpt = None,
    note: NoteOpt = None,
) -> None:
    """Record that the registration certificate was revoked (thu hồi giấy chứng nhận); `htx resume`
    records its restoration, `htx dissolve --reason revoked` the dissolution it forces.

    \b
    Example: htx revoke 4700284512 --on 15/06/2018 --reference 45/QĐ-UBND
    """
    _record(ctx, code, "revoked", on, reference=reference, note=note)


def _record(ctx: typer.Context, code: str, status: str, on: str, **options: Any) -> None:
    from htxcli.domain.values import format_date
    from htxcli.domain.vocab import LEGAL_STATUSES
    from htxcli.services import status as service

    command = ctx.info_name or "status"
    done = service.record(engine(ctx, create=False), code, status, on, command=command, **options)
    warn(ctx, done.warnings)
    spoken = LEGAL_STATUSES.spoken(done.status)
    if done.until is not None:
        say(
            messages.LEGAL_RECORDED_UNTIL.format(
                code=done.code, status=spoken, date=format_date(done.started), until=format_date(done.until)
            )
        )
    else:
        say(messages.LEGAL_RECORDED.format(code=done.code, status=spoken, date=format_date(done.started)))


HISTORY_FIELDS = ("status", "started", "until", "reason", "reference", "note")


def _show(ctx: typer.Context, code: str, format: Format) -> None:
    from datetime import date

    from htxcli.domain.status import status_on
    from htxcli.services import status as service

    organisation, entries = service.history(engine(ctx, create=False), code)
    today = status_on(entries, date.today())
    data = {
        "code": organisation["code"],
        "name": organisation["name"],
        "founded": organisation["founded"],
        "dissolved": organisation["dissolved"],
        "status": today,
        "history": entries,
    }

    def table() -> None:
        from htxcli.render import tables

        console = tables.console()
        for part in tables.status_history(organisation, entries, today):
            console.print(part)

    rows = [{"code": organisation["code"], **e} for e in entries]
    emit(format, table=table, columns=("code", *HISTORY_FIELDS), rows=rows, json=data)


def settings(
    ctx: typer.Context,
    key: Annotated[
        str | None,
        typer.Argument(
            help="period-start | office | parent-body | province | signer-title | signer | recipients. "
            "Without it, show every setting."
        ),
    ] = None,
    value: Annotated[
        str | None,
        typer.Argument(help="The new value; '' puts back the default. Without it, show the key's value."),
    ] = None,
    format: FormatOption = Format.table,
) -> None:
    """Show or change the registry's settings, which every clerk of a shared registry sees:
    period-start (first day of the reporting year: 01/01, or 15/12 under Circular 09/2024), office
    (the issuing office's name, for report documents), parent-body (the body above it in the
    documents' heading; by default the province's people's committee above a department), province,
    signer-title and signer (the documents' signature; by default THỦ TRƯỞNG CƠ QUAN), recipients
    (the documents' addressees, separated by ';', listed above "- Filed: office records.").

    \b
    Examples:
      htx settings
      htx settings period-start 15/12
      htx settings office 'Sở Tài chính'
      htx settings signer-title 'KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC'
      htx settings recipients 'UBND tỉnh; Bộ Tài chính; Cục Thống kê tỉnh'
    """
    from htxcli.domain.settings import spoken_key
    from htxcli.services import settings as service

    if value is not None:
        assert key is not None
        name, before, after = service.change(engine(ctx), key, value)
        unset = messages.SETTING_DEFAULT_NONE
        if before == after:
            say(messages.SETTING_UNCHANGED.format(key=spoken_key(name), value=after or unset))
        else:
            old, new = before or unset, after or unset
            say(messages.SETTING_CHANGED.format(key=spoken_key(name), old=old, value=new))
        return
    values = service.every(engine(ctx, create=False))
    if key is not None:
        from htxcli.domain.settings import parse_key

        name = parse_key(key)
        values = {name: values[name]}
    rows = [{"key": k, "value": v} for k, v in values.items()]

    def table() -> None:
        if key is not None:  # one setting: its value alone, for a script to read
            print(values[next(iter(values))] or "", file=out())
            return
        from htxcli.render import tables

        unset = messages.SETTING_DEFAULT_NONE
        # Its name first, in the clerk's words ("Ngày bắt đầu kỳ báo cáo"), then its value, then the
        # key to type to change it; in English the name is the key.
        named = {k: spoken_key(k) for k in values}
        if all(name == k for k, name in named.items()):
            shown = [{"key": k, "value": v or unset} for k, v in values.items()]
            tables.console().print(tables.table(("key", "value"), shown, messages.SETTINGS_TITLE))
            return
        shown = [
            {"key": named[k][:1].upper() + named[k][1:], "value": v or unset, "typed": k}
            for k, v in values.items()
        ]
        tables.console().print(tables.table(("key", "value", "typed"), shown, messages.SETTINGS_TITLE))

    data = values if key is None else values[next(iter(values))]
    emit(format, table=table, columns=("key", "value"), rows=rows, json=data)


def register(app: typer.Typer) -> None:
    app.command()(status)
    app.command()(suspend)
    app.command()(resume)
    app.command()(revoke)
    app.command()(settings)
