"""add, edit, dissolve, reinstate, show, list, search."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from htxcli.cli.common import Format, FormatOption, emit, engine, say, say_if_cut, typed_names, warn
from htxcli.domain import messages
from htxcli.domain.errors import HtxError
from htxcli.domain.records import ORGANISATION_FIELDS

Opt = typer.Option

KindOpt = Annotated[
    str | None, Opt(help="cooperative | group | union | credit-fund (also HTX, THT, LHTX, QTDND).")
]
SectorOpt = Annotated[
    str | None,
    Opt(
        help="agriculture | industry | construction | trade-services | transport | environment | credit | "
        "other (Vietnamese names such as 'nông nghiệp' work too)."
    ),
]
DateHelp = "YYYY-MM-DD or DD/MM/YYYY."
# The organisation's fields, one option type each, shared by add and edit (edit changes only those given).
DistrictOpt = Annotated[str | None, Opt(help="District (huyện), e.g. 'Ba Bể'.")]
CommuneOpt = Annotated[str | None, Opt(help="Commune (xã, phường).")]
FoundedOpt = Annotated[str | None, Opt(help="Founding date, " + DateHelp)]
MembersOpt = Annotated[str | None, Opt(help="Number of members.")]
CapitalOpt = Annotated[str | None, Opt(help="Charter capital in đồng: 1500000000, 1.500.000.000, '1,5 tỷ'.")]
RepresentativeOpt = Annotated[str | None, Opt(help="Legal representative.")]
PhoneOpt = Annotated[str | None, Opt()]
ProductsOpt = Annotated[str | None, Opt(help="Main products, e.g. 'chè, gừng'.")]


def _given(**fields: Any) -> dict[str, str | None]:
    return {k: (None if v is None else str(v)) for k, v in fields.items() if v is not None}


def add(
    ctx: typer.Context,
    name: Annotated[str | None, typer.Argument(help="Full name, e.g. 'HTX Nông nghiệp Tân Thành'.")] = None,
    code: Annotated[
        str | None, Opt(help="Registration or tax code, kept as text (leading zeros stay).")
    ] = None,
    kind: KindOpt = None,
    district: DistrictOpt = None,
    commune: CommuneOpt = None,
    province: Annotated[
        str | None,
        Opt(help="Province (tỉnh); with it, the district and commune are matched to the official list."),
    ] = None,
    sector: SectorOpt = None,
    founded: FoundedOpt = None,
    dissolved: Annotated[str | None, Opt(help="Dissolution date, if already dissolved.")] = None,
    members: MembersOpt = None,
    capital: CapitalOpt = None,
    representative: RepresentativeOpt = None,
    phone: PhoneOpt = None,
    products: ProductsOpt = None,
) -> None:
    """Register an organisation.

    \b
    Example: htx add 'HTX Chè Mỹ Phương' --code 4700284512 --kind HTX --district 'Ba Bể' --founded 20/04/2015
    """
    from htxcli.domain.records import organisation_doubts
    from htxcli.services import registry

    raw = _given(
        code=code,
        name=name,
        kind=kind,
        district=district,
        commune=commune,
        province=province,
        sector=sector,
        founded=founded,
        dissolved=dissolved,
        members=members,
        capital_vnd=capital,
        representative=representative,
        phone=phone,
        products=products,
    )
    missing = [f for f in ("name", "code", "founded") if not (raw.get(f) or "").strip()]
    if missing:
        from htxcli.cli import prompts

        if not prompts.at_terminal():
            options = ", ".join("NAME" if f == "name" else f"--{f}" for f in missing)
            fields = ", ".join(messages.FIELD_NAMES.get(f, f) for f in missing)
            raise HtxError(messages.MISSING_FIELDS.format(fields=fields, options=options))
        # Something required is missing and someone is there to ask: ask every main field not given.
        eng = engine(ctx)
        try:
            from htxcli.services import settings

            raw = prompts.complete_organisation(
                raw, lambda code: registry.check_code_free(eng, code), lambda: settings.province(eng)
            )
        except (EOFError, KeyboardInterrupt):
            say("\n" + messages.ADD_ABANDONED)
            raise typer.Exit(1) from None
    values, namesakes, respelled, unmatched = registry.add(engine(ctx), raw)
    warn(ctx, unmatched)
    if respelled:
        say(messages.DISTRICT_RESPELLED.format(given=respelled[0], stored=respelled[1]))
    if namesakes:
        say(messages.WARNING.format(problem=messages.SAME_NAME.format(codes=", ".join(namesakes))))
    warn(ctx, organisation_doubts(values))
    say(messages.ADDED.format(code=values["code"], name=values["name"]))


def edit(
    ctx: typer.Context,
    code: Annotated[str, typer.Argument(help="Code of the organisation to change.")],
    name: Annotated[str | None, Opt()] = None,
    new_code: Annotated[str | None, Opt("--new-code", help="A corrected registration code.")] = None,
    kind: KindOpt = None,
    district: DistrictOpt = None,
    commune: CommuneOpt = None,
    province: Annotated[
        str | None,
        Opt(
            help="Province (tỉnh). A commune of the new scheme given to an organisation whose address is "
            "still in the old one becomes its address from 01/07/2025 on."
        ),
    ] = None,
    sector: SectorOpt = None,
    founded: FoundedOpt = None,
    members: MembersOpt = None,
    capital: CapitalOpt = None,
    representative: RepresentativeOpt = None,
    phone: PhoneOpt = None,
    products: ProductsOpt = None,
) -> None:
    """Change only the fields given; everything else stays.

    \b
    Example: htx edit 4700284512 --members 32 --capital '2,5 tỷ'
    """
    from htxcli.domain.errors import InvalidValue, MissingValue
    from htxcli.domain.records import organisation_doubts, parse_code
    from htxcli.services import registry

    try:
        parse_code(code)
    except InvalidValue as e:  # CODE's own problem, kept apart: any later error about a code is --new-code's
        raise HtxError(str(InvalidValue(str(messages.FIELD_NAMES["code"]), e.value, e.problem))) from None
    except MissingValue:
        raise HtxError(str(MissingValue(str(messages.FIELD_NAMES["code"])))) from None
    raw = _given(
        code=new_code,
        name=name,
        kind=kind,
        district=district,
        commune=commune,
        province=province,
        sector=sector,
        founded=founded,
        members=members,
        capital_vnd=capital,
        representative=representative,
        phone=phone,
        products=products,
    )
    values, changed, respelled, unmatched, before = registry.edit(engine(ctx, create=False), code, raw)
    warn(ctx, unmatched)
    if respelled:
        say(messages.DISTRICT_RESPELLED.format(given=respelled[0], stored=respelled[1]))
    warn(ctx, organisation_doubts({f: values[f] for f in changed}))
    say(_edited(ctx, values, changed, before))


def _edited(ctx: typer.Context, values: dict[str, Any], changed: list[str], before: dict[str, Any]) -> str:
    """What an edit recorded, each field with its value before and after: `Đã sửa xã của 4601254878:
    Van Lang → Văn Lang`. The field is the option typed (--commune) in English, its name in Vietnamese."""
    from htxcli.domain.i18n import current
    from htxcli.render.history import shown_value

    if not changed:
        return messages.EDITED.format(code=values["code"], fields=messages.NO_CHANGE)
    if current() == "en":
        names = typed_names(ctx, changed)
    else:
        names = [str(messages.HEADERS.get(f, f)).lower() for f in changed]
    old = [shown_value(f, before.get(f)) for f in changed]
    new = [shown_value(f, values.get(f)) for f in changed]
    if len(changed) == 1:
        return messages.EDITED_ONE.format(field=names[0], code=values["code"], old=old[0], new=new[0])
    changes = "; ".join(
        messages.EDITED_CHANGE.format(field=n, old=o, new=v) for n, o, v in zip(names, old, new, strict=True)
    )
    return messages.EDITED_MANY.format(code=values["code"], changes=changes)


def dissolve(
    ctx: typer.Context,
    code: Annotated[str, typer.Argument()],
    on: Annotated[str, Opt("--on", help="Date of dissolution, " + DateHelp)],
    reason: Annotated[
        str | None,
        Opt(
            help="voluntary | bankrupt | revoked | merged (also tự nguyện, phá sản, thu hồi, hợp nhất). "
            "bankrupt records the status bankrupt (phá sản). Words with a space go in quotes: "
            "--reason 'phá sản'."
        ),
    ] = None,
    reference: Annotated[str | None, Opt(help="The decision number, e.g. 20/QĐ-UBND.")] = None,
    note: Annotated[str | None, Opt(help="A note kept with the entry.")] = None,
) -> None:
    """Record that an organisation was dissolved (giải thể), or went bankrupt, on a date.

    \b
    Examples:
      htx dissolve 4700284512 --on 31/12/2018
      htx dissolve 4700284512 --on 15/10/2018 --reason bankrupt --reference 20/QĐ-TA
    """
    from htxcli.domain.values import format_date
    from htxcli.domain.vocab import LEGAL_STATUSES
    from htxcli.services import status

    done = status.record(
        engine(ctx, create=False),
        code,
        "dissolved",
        on,
        reason=reason,
        reference=reference,
        note=note,
        command="dissolve",
    )
    warn(ctx, done.warnings)
    if done.status == "dissolved":
        say(messages.DISSOLVED.format(code=done.code, date=format_date(done.started)))
    else:
        spoken = LEGAL_STATUSES.spoken(done.status)
        say(messages.LEGAL_RECORDED.format(code=done.code, status=spoken, date=format_date(done.started)))


def reinstate(ctx: typer.Context, code: Annotated[str, typer.Argument()]) -> None:
    """Remove the latest status recorded by mistake: a dissolution (the organisation is active again),
    a suspension, any (see htx status CODE).

    \b
    Example: htx reinstate 4700284512
    """
    from htxcli.domain.values import format_date
    from htxcli.domain.vocab import ENDING_STATUSES, LEGAL_STATUSES
    from htxcli.services import status

    removed = status.remove_latest(engine(ctx, create=False), code)
    if removed["status"] in ENDING_STATUSES:
        say(messages.REINSTATED.format(code=removed["code"]))
    else:
        spoken = LEGAL_STATUSES.spoken(removed["status"])
        say(
            messages.LEGAL_REMOVED.format(
                code=removed["code"], status=spoken, date=format_date(removed["started"])
            )
        )


def show(
    ctx: typer.Context, code: Annotated[str, typer.Argument()], format: FormatOption = Format.table
) -> None:
    """An organisation's profile, its ratings by year and the support it received.

    \b
    Example: htx show 4700284512 --format json
    """
    from htxcli.services import registry

    data = registry.profile(engine(ctx, create=False), code)

    def table() -> None:
        from htxcli.render import tables

        console = tables.console()
        codes = registry.place_codes(engine(ctx, create=False), [data["code"]]).get(data["code"])
        for part in tables.profile(data, codes):
            console.print(part)

    emit(format, table=table, columns=ORGANISATION_FIELDS, rows=[data], json=data)


def listing(
    ctx: typer.Context,
    kind: KindOpt = None,
    district: Annotated[str | None, Opt(help="District; accents and case do not matter.")] = None,
    commune: Annotated[
        str | None, Opt(help="Commune, of the old or the new address; accents and case do not matter.")
    ] = None,
    province: Annotated[
        str | None, Opt(help="Province, of the old or the new address; accents and case do not matter.")
    ] = None,
    without_address: Annotated[
        bool, Opt("--without-address", help="Only those with no commune in any address.")
    ] = False,
    sector: SectorOpt = None,
    status: Annotated[
        str,
        Opt(
            help="active | dissolved | all, or the legal status today: operating | suspended | "
            "being-dissolved | bankrupt | revoked."
        ),
    ] = "all",
    active_in: Annotated[
        int | None, Opt("--active-in", metavar="YEAR", help="Only those active during at least part of YEAR.")
    ] = None,
    format: FormatOption = Format.table,
) -> None:
    """List organisations in Vietnamese alphabetical order.

    \b
    Example: htx list --kind HTX --district 'ba be' --format csv
    """
    from htxcli.domain.values import parse_optional_year
    from htxcli.domain.vocab import KINDS, SECTORS, STATUSES
    from htxcli.services import registry

    status = STATUSES.parse(status)  # also in the clerk's words: còn đăng ký, đang hoạt động, giải thể
    rows = registry.listing(
        engine(ctx, create=False),
        kind=KINDS.parse(kind) if kind else None,
        district=district,
        commune=commune,
        province=province,
        sector=SECTORS.parse(sector) if sector else None,
        status=status,
        active_in=parse_optional_year("active-in", active_in),
        without_address=without_address,
    )
    _emit_organisations(ctx, rows, format, narrow="--district, --kind, --status, --active-in")


def search(
    ctx: typer.Context, text: Annotated[str, typer.Argument()], format: FormatOption = Format.table
) -> None:
    """Find organisations by name, code, commune, district or representative.

    Case and accents do not matter: 'tan thanh' finds Tân Thành, 'dong' finds Đồng.

    \b
    Example: htx search 'my phuong'
    """
    from htxcli.services import registry

    found = iter(registry.search(engine(ctx, create=False), text))
    _emit_organisations(ctx, found, format, narrow="more words")


def _emit_organisations(ctx: typer.Context, rows: Any, format: Format, *, narrow: str) -> None:
    def table() -> None:
        from htxcli.render import tables

        materialised = list(rows)
        if not materialised:
            say(messages.NONE_FOUND)
            return
        from htxcli.services.status import in_force_today

        codes = [r["code"] for r in materialised[: tables.TABLE_ROWS]]
        from htxcli.services.registry import place_codes

        today = in_force_today(engine(ctx, create=False), codes)
        places = place_codes(engine(ctx, create=False), codes)
        tables.console().print(tables.organisations(materialised, today, places))
        say_if_cut(len(materialised), narrow)

    emit(format, table=table, columns=ORGANISATION_FIELDS, rows=rows, stream=True)


def register(app: typer.Typer) -> None:
    app.command()(add)
    app.command()(edit)
    app.command()(dissolve)
    app.command()(reinstate)
    app.command()(show)
    app.command("list")(listing)
    app.command()(search)
