"""The registry's tables, as SQLAlchemy Core. Alembic migrations are checked against these."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Table,
    Text,
    UniqueConstraint,
)

from htxcli.domain.vocab import GRADES, INDICATORS, KINDS, LEGAL_STATUSES, PROGRAMS, REASONS, SECTORS

# Set before the first revision: batch migrations on SQLite need every constraint named.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING_CONVENTION)

KIND_KEYS = KINDS.keys
SECTOR_KEYS = SECTORS.keys
GRADE_KEYS = GRADES.keys
PROGRAM_KEYS = PROGRAMS.keys
LEGAL_STATUS_KEYS = LEGAL_STATUSES.keys
REASON_KEYS = REASONS.keys
INDICATOR_KEYS = INDICATORS.keys


def _one_of(column: str, keys: tuple[str, ...]) -> str:
    """`kind = 'a' OR kind = 'b' …` rather than `kind IN ('a', 'b', …)`: SQLite evaluates a CHECK's IN
    list by building a temporary table for every row written, which cost a bulk import a third of its
    insert time (revision 0004)."""
    return " OR ".join(f"{column} = {k!r}" for k in keys)


organisation = Table(
    "organisation",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("code", Text, nullable=False),
    Column("name", Text, nullable=False),
    Column("kind", Text, nullable=False),
    Column("district", Text),
    Column("commune", Text),
    Column("sector", Text),
    Column("founded", Date, nullable=False),
    # The day the life ended: the date of the organisation's ending status (dissolved or bankrupt) in
    # legal_status, kept in step with it in the same transaction by every write (store/status.py).
    # Derived, and kept on purpose (revision 0005): the report's covering index and every rule about
    # a life (ratings, support, list, export's `dissolved` column) read this one column, unchanged.
    Column("dissolved", Date),
    Column("members", Integer),
    Column("capital_vnd", BigInteger),
    Column("representative", Text),
    Column("phone", Text),
    Column("products", Text),
    # The address after the 2025 reform (revision 0006): the province of the address above, the
    # official code of its commune and the scheme it belongs to (domain/reform.py's, or NULL when not
    # matched); and the address in force from new_address_from on, which `htx places migrate` gives.
    Column("province", Text),
    Column("commune_code", Text),
    Column("scheme", Text),
    Column("former_province", Text),  # the pre-2025 province the address lies in
    Column("new_province", Text),
    Column("new_commune", Text),
    Column("new_commune_code", Text),
    Column("new_address_from", Date),
    # Precomputed keys: SQLite's LIKE and NOCASE fold ASCII only, and Vietnamese order is not
    # code-point order, so search and sort run on these columns on every backend.
    Column("search_key", Text, nullable=False),
    Column("name_key", Text, nullable=False),
    Column("district_key", Text),
    Column("sort_key", Text, nullable=False),
    # The history entry that inserted the row: undoing an import deletes exactly its rows without a
    # change record per inserted row. Not a foreign key, to keep a million-row import cheap.
    Column("created_by", Integer),
    UniqueConstraint("code"),
    CheckConstraint(_one_of("kind", KIND_KEYS), name="kind"),
    CheckConstraint(f"sector IS NULL OR {_one_of('sector', SECTOR_KEYS)}", name="sector"),
    CheckConstraint("dissolved IS NULL OR dissolved >= founded", name="dissolved_after_founded"),
    CheckConstraint("members IS NULL OR members >= 0", name="members"),
    CheckConstraint("capital_vnd IS NULL OR capital_vnd >= 0", name="capital"),
    sqlite_autoincrement=True,  # ids are never reused (revision 0008)
)
Index("ix_organisation_sort_key", organisation.c.sort_key)
Index("ix_organisation_district_key", organisation.c.district_key)
Index("ix_organisation_founded", organisation.c.founded)
# Whether any new address is in force by a report's year end (revision 0006).
Index("ix_organisation_new_address_from", organisation.c.new_address_from)
# Covering indexes for the yearly report (revision 0002): its aggregates read these columns only,
# so SQLite answers from the index without visiting the table's rows.
Index(
    "ix_organisation_report",
    organisation.c.district,
    organisation.c.kind,
    organisation.c.founded,
    organisation.c.dissolved,
    organisation.c.members,
    organisation.c.capital_vnd,
)

rating = Table(
    "rating",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("organisation_id", Integer, ForeignKey("organisation.id"), nullable=False),
    Column("year", Integer, nullable=False),
    Column("grade", Text, nullable=False),
    Column("score", Integer),
    Column("note", Text),
    Column("created_by", Integer),
    UniqueConstraint("organisation_id", "year", name="uq_rating_organisation_year"),
    CheckConstraint(_one_of("grade", GRADE_KEYS), name="grade"),
    CheckConstraint("score IS NULL OR (score >= 0 AND score <= 100)", name="score"),
    sqlite_autoincrement=True,  # ids are never reused (revision 0008)
)
Index("ix_rating_year_grade", rating.c.year, rating.c.grade, rating.c.organisation_id)

support = Table(
    "support",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("organisation_id", Integer, ForeignKey("organisation.id")),
    Column("program", Text, nullable=False),
    Column("date", Date, nullable=False),
    Column("amount_vnd", BigInteger, nullable=False, server_default="0"),
    Column("quantity", Integer, nullable=False, server_default="1"),
    Column("unit", Text),
    Column("reference", Text),
    Column("note", Text),
    Column("created_by", Integer),
    UniqueConstraint("reference"),
    CheckConstraint(_one_of("program", PROGRAM_KEYS), name="program"),
    CheckConstraint("amount_vnd >= 0", name="amount"),
    CheckConstraint("quantity >= 0", name="quantity"),
    sqlite_autoincrement=True,  # ids are never reused (revision 0008)
)
Index(
    "ix_support_date_program",
    support.c.date,
    support.c.program,
    support.c.organisation_id,
    support.c.quantity,
    support.c.amount_vnd,
    support.c.unit,
)
Index("ix_support_organisation_id", support.c.organisation_id)

# What an organisation achieved in a year (revision 0007): one row per organisation and year, every
# field optional (NULL is "not reported", never zero). Money in whole đồng, the income per year; a
# profit may be a loss. Flags are yes, no or NULL.
figures = Table(
    "figures",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("organisation_id", Integer, ForeignKey("organisation.id"), nullable=False),
    Column("year", Integer, nullable=False),
    Column("members", Integer),
    Column("associate_members", Integer),
    Column("new_members", Integer),
    Column("workers", Integer),
    Column("member_workers", Integer),
    Column("seasonal_workers", Integer),
    Column("capital_vnd", BigInteger),
    Column("assets_vnd", BigInteger),
    Column("revenue_vnd", BigInteger),
    Column("profit_vnd", BigInteger),
    Column("tax_vnd", BigInteger),
    Column("income_vnd_per_year", BigInteger),
    Column("ocop_3", Integer),
    Column("ocop_4", Integer),
    Column("ocop_5", Integer),
    Column("high_tech", Boolean),
    Column("value_chain", Boolean),
    Column("note", Text),
    Column("created_by", Integer),
    UniqueConstraint("organisation_id", "year", name="uq_figures_organisation_year"),
    CheckConstraint(
        " AND ".join(
            f"({name} IS NULL OR {name} >= 0)"
            for name in (
                "members",
                "associate_members",
                "new_members",
                "workers",
                "member_workers",
                "seasonal_workers",
                "capital_vnd",
                "assets_vnd",
                "revenue_vnd",
                "tax_vnd",
                "income_vnd_per_year",
                "ocop_3",
                "ocop_4",
                "ocop_5",
            )
        ),
        name="not_negative",
    ),
    sqlite_autoincrement=True,  # ids are never reused (revision 0008)
)
# The report reads one year's rows.
Index("ix_figures_year", figures.c.year)

# An organisation's legal status over time (revision 0005): each row a change that takes effect on
# `started` and holds until the next one; a suspension may end by itself after `until` (its last day).
legal_status = Table(
    "legal_status",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("organisation_id", Integer, ForeignKey("organisation.id"), nullable=False),
    Column("status", Text, nullable=False),
    Column("started", Date, nullable=False),
    Column("until", Date),
    Column("reason", Text),  # why a life ended: voluntary, bankrupt, revoked, merged
    Column("reference", Text),  # the decision or notice number
    Column("note", Text),
    Column("created_by", Integer),
    # One change a day per organisation: the status on a day is never ambiguous.
    UniqueConstraint("organisation_id", "started", name="uq_legal_status_organisation_started"),
    CheckConstraint(_one_of("status", LEGAL_STATUS_KEYS), name="status"),
    CheckConstraint(f"reason IS NULL OR {_one_of('reason', REASON_KEYS)}", name="reason"),
    CheckConstraint("until IS NULL OR until >= started", name="until_after_started"),
    sqlite_autoincrement=True,  # ids are never reused (revision 0008)
)
# The report's status counts read these columns only.
Index(
    "ix_legal_status_report",
    legal_status.c.started,
    legal_status.c.status,
    legal_status.c.until,
    legal_status.c.organisation_id,
)

# Registry settings (revision 0005): one row a key, so that every clerk of a shared registry sees the
# same; an id like every other table, for the history's before and after.
setting = Table(
    "setting",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("key", Text, nullable=False),
    Column("value", Text),
    Column("created_by", Integer),
    UniqueConstraint("key"),
    sqlite_autoincrement=True,  # ids are never reused (revision 0008)
)

# Plans (revision 0009_plans): a target for an indicator over a year or a span of years, for the
# province (area NULL) or a district or commune as typed (area_level says which; area_key is its
# name_key, '' for the province, so that one target per indicator, span and area is unique), with an
# estimate of the whole year ("ước thực hiện cả năm") when recorded.
plan = Table(
    "plan",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("first_year", Integer, nullable=False),
    Column("last_year", Integer, nullable=False),
    Column("indicator", Text, nullable=False),
    Column("area", Text),
    Column("area_level", Text),
    Column("area_key", Text, nullable=False, server_default=""),
    Column("target", BigInteger),
    Column("estimate", BigInteger),
    Column("note", Text),
    Column("created_by", Integer),
    UniqueConstraint("first_year", "last_year", "indicator", "area_key", name="uq_plan_span_indicator_area"),
    CheckConstraint(_one_of("indicator", INDICATOR_KEYS), name="indicator"),
    CheckConstraint("last_year >= first_year", name="span"),
    CheckConstraint(
        "area_level IS NULL OR area_level = 'district' OR area_level = 'commune'", name="area_level"
    ),
    sqlite_autoincrement=True,  # ids are never reused (revision 0008)
)

# Append-only: every change, who made it and when; `htx undo` appends an entry that names the one it
# reverted instead of deleting anything.
history = Table(
    "history",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("at", DateTime, nullable=False),
    Column("user_name", Text, nullable=False),
    Column("command", Text, nullable=False),
    Column("summary", Text, nullable=False),  # JSON: what a person reads in `htx history`
    Column("undoes", Integer, ForeignKey("history.id")),
    UniqueConstraint("undoes"),
    sqlite_autoincrement=True,  # ids are never reused (revision 0008)
)

history_change = Table(
    "history_change",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("history_id", Integer, ForeignKey("history.id"), nullable=False),
    Column("table_name", Text, nullable=False),
    Column("record_id", Integer, nullable=False),
    Column("code", Text),  # the organisation concerned, for `htx history CODE`
    Column("action", Text, nullable=False),
    Column("old", Text),  # JSON of the whole row before, or NULL for an insert
    Column("new", Text),  # JSON of the whole row after, or NULL for a delete
    CheckConstraint("action IN ('insert', 'update', 'delete')", name="action"),
    sqlite_autoincrement=True,  # ids are never reused (revision 0008)
)
Index("ix_history_change_history_id", history_change.c.history_id)
Index("ix_history_change_code", history_change.c.code)

# Reports as issued (revision 0010_issued_reports): what was signed and sent, kept as it was while
# the registry changes. `report` is its JSON as `--format json` printed it, `model` the typed report
# every layout renders again (domain/report_codec.py); the years, period and filters (JSON: district,
# commune, compare) say which report it is, one issued per them unless it `replaces` another;
# `settings` are those in force; `history_position` the newest history entry before it, from which
# --since-issued reads.
issued_report = Table(
    "issued_report",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("number", Text, nullable=False),
    Column("issued_on", Date, nullable=False),
    Column("years", Text, nullable=False),
    Column("period_first", Date, nullable=False),
    Column("period_last", Date, nullable=False),
    Column("filters", Text, nullable=False),
    Column("area", Text),  # the district or commune it is restricted to, as the report names it
    Column("settings", Text, nullable=False),
    Column("report", Text, nullable=False),
    Column("model", Text, nullable=False),
    Column("issued_by", Text, nullable=False),
    Column("issued_at", DateTime, nullable=False),
    Column("history_position", Integer),
    Column("replaces", Integer, ForeignKey("issued_report.id")),
    Column("created_by", Integer),
    UniqueConstraint("number"),
    CheckConstraint("period_first <= period_last", name="period"),
    sqlite_autoincrement=True,
)
