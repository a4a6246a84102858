"""plans: targets for the report's indicators, over a year or a span of years

Revision ID: 0009_plans
Revises: 0008
Create Date: 2026-12-06

One row per indicator, span and area: the target (cumulative over a span), an estimate of the whole
year when recorded, and a note. A new table only: no existing row changes.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009_plans"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The indicators as this revision knows them: a later one that adds some rebuilds the check.
INDICATORS = (
    "new-cooperatives",
    "new-groups",
    "new-unions",
    "new-credit-funds",
    "operating-cooperatives",
    "dissolved-cooperatives",
    "new-model",
    "good-fair-share",
    "new-members",
    "average-revenue",
    "average-profit",
    "average-income",
    "high-tech",
    "value-chain",
    "ocop-products",
)


def upgrade() -> None:
    op.create_table(
        "plan",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("first_year", sa.Integer(), nullable=False),
        sa.Column("last_year", sa.Integer(), nullable=False),
        sa.Column("indicator", sa.Text(), nullable=False),
        sa.Column("area", sa.Text(), nullable=True),
        sa.Column("area_level", sa.Text(), nullable=True),
        sa.Column("area_key", sa.Text(), server_default="", nullable=False),
        sa.Column("target", sa.BigInteger(), nullable=True),
        sa.Column("estimate", sa.BigInteger(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            " OR ".join(f"indicator = {key!r}" for key in INDICATORS), name=op.f("ck_plan_indicator")
        ),
        sa.CheckConstraint("last_year >= first_year", name=op.f("ck_plan_span")),
        sa.CheckConstraint(
            "area_level IS NULL OR area_level = 'district' OR area_level = 'commune'",
            name=op.f("ck_plan_area_level"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan")),
        sa.UniqueConstraint("first_year", "last_year", "indicator", "area_key", name="uq_plan_span_indicator_area"),
        sqlite_autoincrement=True,  # ids are never reused (revision 0008)
    )


def downgrade() -> None:
    op.drop_table("plan")
