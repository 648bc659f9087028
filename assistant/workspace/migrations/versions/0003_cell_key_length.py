"""Cell keys up to 80 characters (the longest key of the format has 45; PostgreSQL enforces it).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-08
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("cell") as batch:
        batch.alter_column("key", existing_type=sa.String(length=40), type_=sa.String(length=80), existing_nullable=False)


def downgrade() -> None:
    with op.batch_alter_table("cell") as batch:
        batch.alter_column("key", existing_type=sa.String(length=80), type_=sa.String(length=40), existing_nullable=False)
