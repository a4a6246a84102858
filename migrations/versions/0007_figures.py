"""yearly figures: what each organisation achieved in a year

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06

One row per organisation and year: members (official, associate, new), regular workers (of whom
members) and seasonal ones, charter capital, total assets, revenue, pre-tax profit, taxes paid, the
average income of a regular worker (per year), OCOP products by stars, and whether it applies high
technology and works in a value chain. Every field is optional: NULL is "not reported", never zero.
A new table only: no existing row changes.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COUNTS = ("members", "associate_members", "new_members", "workers", "member_workers", "seasonal_workers")
MONEY = ("capital_vnd", "assets_vnd", "revenue_vnd", "profit_vnd", "tax_vnd", "income_vnd_per_year")
OCOP = ("ocop_3", "ocop_4", "ocop_5")
NOT_NEGATIVE = (*COUNTS, *(m for m in MONEY if m != "profit_vnd"), *OCOP)


def upgrade() -> None:
    op.create_table(
        "figures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        *(sa.Column(name, sa.Integer(), nullable=True) for name in COUNTS),
        *(sa.Column(name, sa.BigInteger(), nullable=True) for name in MONEY),
        *(sa.Column(name, sa.Integer(), nullable=True) for name in OCOP),
        sa.Column("high_tech", sa.Boolean(), nullable=True),
        sa.Column("value_chain", sa.Boolean(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            " AND ".join(f"({name} IS NULL OR {name} >= 0)" for name in NOT_NEGATIVE),
            name=op.f("ck_figures_not_negative"),
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"], ["organisation.id"], name=op.f("fk_figures_organisation_id_organisation")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_figures")),
        sa.UniqueConstraint("organisation_id", "year", name="uq_figures_organisation_year"),
    )
    op.create_index("ix_figures_year", "figures", ["year"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_figures_year", table_name="figures")
    op.drop_table("figures")
