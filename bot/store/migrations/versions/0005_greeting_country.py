"""person greeting and user country: how to greet each interviewer, and the country numbers are read for

`people.greeting` holds the greeting the user confirmed ("Dr. Müller", "Zhang Wei"); NULL means the
likely form from bot/names.py. `users.country` is an ISO 3166 code for reading phone numbers and
numeric dates; NULL means the country of the user's time zone.

Revision ID: 0005_greeting_country
Revises: 0004_mailboxes
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_greeting_country"
down_revision: str | None = "0004_mailboxes"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("people") as batch_op:
        batch_op.add_column(sa.Column("greeting", sa.Text(), nullable=True))
    with op.batch_alter_table("users") as batch_op:
        batch_op.add_column(sa.Column("country", sa.String(2), nullable=True))


def downgrade() -> None:
    # ALTER TABLE ... DROP COLUMN in place (SQLite 3.35+): rebuilding `users` or `people` with foreign keys
    # on would cascade-delete every row that points at them.
    with op.batch_alter_table("users", recreate="never") as batch_op:
        batch_op.drop_column("country")
    with op.batch_alter_table("people", recreate="never") as batch_op:
        batch_op.drop_column("greeting")
