"""reports as issued: the signed report kept as it was, with its number, date and settings

Revision ID: 0010_issued_reports
Revises: 0009_plans
Create Date: 2026-12-06

`htx report YEAR --issue --number … --on …` stores the report as printed (its JSON, and the typed
model every layout renders again), the years, period and filters it covers, the settings in force,
who issued it, when, and the history position at that moment. A new table only: no existing row
changes. Self-contained (no import of htx's models): renumbering it is its `revision` and
`down_revision` lines.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010_issued_reports"
down_revision: str | None = "0009_plans"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "issued_report",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Text(), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("years", sa.Text(), nullable=False),
        sa.Column("period_first", sa.Date(), nullable=False),
        sa.Column("period_last", sa.Date(), nullable=False),
        sa.Column("filters", sa.Text(), nullable=False),
        sa.Column("area", sa.Text(), nullable=True),
        sa.Column("settings", sa.Text(), nullable=False),
        sa.Column("report", sa.Text(), nullable=False),
        sa.Column("model", sa.Text(), nullable=False),
        sa.Column("issued_by", sa.Text(), nullable=False),
        sa.Column("issued_at", sa.DateTime(), nullable=False),
        sa.Column("history_position", sa.Integer(), nullable=True),
        sa.Column("replaces", sa.Integer(), nullable=True),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.CheckConstraint("period_first <= period_last", name=op.f("ck_issued_report_period")),
        sa.ForeignKeyConstraint(
            ["replaces"], ["issued_report.id"], name=op.f("fk_issued_report_replaces_issued_report")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_issued_report")),
        sa.UniqueConstraint("number", name=op.f("uq_issued_report_number")),
        sqlite_autoincrement=True,  # ids are never reused, as revision 0008 made every table
    )


def downgrade() -> None:
    op.drop_table("issued_report")
