"""addresses after the 2025 reform: a province, official codes, and the address in force from a date

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30

The organisation keeps the address it was registered with (district, commune, and now its province,
with the official code of the commune and the scheme it belongs to, "legacy" or "2025") and gains the
address in force from a date on (new_address_from, new_province, new_commune, new_commune_code): what
`htx places migrate` gives an organisation whose address is in the old scheme, from 01/07/2025.
former_province is the pre-2025 province its address lies in, for the reports' roll-up. Columns are
only added, so no table is rebuilt and every row stays as it is; the new ones start empty.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TEXT_COLUMNS = (
    "province",
    "commune_code",
    "scheme",
    "former_province",
    "new_province",
    "new_commune",
    "new_commune_code",
)


def upgrade() -> None:
    for name in TEXT_COLUMNS:
        op.add_column("organisation", sa.Column(name, sa.Text(), nullable=True))
    op.add_column("organisation", sa.Column("new_address_from", sa.Date(), nullable=True))
    op.create_index("ix_organisation_new_address_from", "organisation", ["new_address_from"])


def downgrade() -> None:
    op.drop_index("ix_organisation_new_address_from", table_name="organisation")
    with op.batch_alter_table("organisation") as batch_op:
        for name in (*TEXT_COLUMNS, "new_address_from"):
            batch_op.drop_column(name)
