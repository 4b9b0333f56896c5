"""Mailboxes signed in with OAuth 2.0: how each one signs in (an app password, Microsoft or Google).

The access and refresh tokens live where the password did: sealed in `password_encrypted`.

Revision ID: 0009_mailbox_sign_in
Revises: 0008_reminders_due_by_id
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009_mailbox_sign_in"
down_revision: str | None = "0008_reminders_due_by_id"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("mailboxes", sa.Column("auth", sa.String(length=20), nullable=False, server_default="password"))


def downgrade() -> None:
    with op.batch_alter_table("mailboxes") as batch:
        batch.drop_column("auth")
