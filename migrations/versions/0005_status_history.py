"""legal status history and registry settings

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30

An organisation's legal status over time (operating, suspended, being dissolved, dissolved, bankrupt,
revoked), and the registry's settings (the reporting period's start, the office, the province). Each
stored dissolution date becomes the `dissolved` entry of its organisation's history, created by the
history entry that created the organisation, so that undoing that entry removes both.
`organisation.dissolved` stays, as the date of the ending status kept in step with the history: the
report's covering index and every rule about a life keep reading it (see store/schema.py).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The vocabularies as they stand at this revision.
STATUSES = ("operating", "suspended", "being-dissolved", "dissolved", "bankrupt", "revoked")
REASONS = ("voluntary", "bankrupt", "revoked", "merged")


def _or_chain(column: str, keys: tuple[str, ...]) -> str:
    return " OR ".join(f"{column} = {key!r}" for key in keys)


def upgrade() -> None:
    op.create_table(
        "legal_status",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.Text(), nullable=False),
        sa.Column("started", sa.Date(), nullable=False),
        sa.Column("until", sa.Date(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("reference", sa.Text(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.CheckConstraint(_or_chain("status", STATUSES), name=op.f("ck_legal_status_status")),
        sa.CheckConstraint(
            f"reason IS NULL OR {_or_chain('reason', REASONS)}", name=op.f("ck_legal_status_reason")
        ),
        sa.CheckConstraint(
            "until IS NULL OR until >= started", name=op.f("ck_legal_status_until_after_started")
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_legal_status_organisation_id_organisation"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_legal_status")),
        sa.UniqueConstraint("organisation_id", "started", name="uq_legal_status_organisation_started"),
    )
    op.create_index(
        "ix_legal_status_report",
        "legal_status",
        ["started", "status", "until", "organisation_id"],
        unique=False,
    )
    op.create_table(
        "setting",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("value", sa.Text(), nullable=True),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_setting")),
        sa.UniqueConstraint("key", name=op.f("uq_setting_key")),
    )
    op.execute(
        "INSERT INTO legal_status (organisation_id, status, started, created_by) "
        "SELECT id, 'dissolved', dissolved, created_by FROM organisation WHERE dissolved IS NOT NULL"
    )


def downgrade() -> None:
    # organisation.dissolved was kept in step all along: dropping the history loses only what the
    # schema before it could not hold.
    op.drop_table("setting")
    op.drop_index("ix_legal_status_report", table_name="legal_status")
    op.drop_table("legal_status")
