"""language model: whether a user lets the model read and write for them, and which drafts it wrote

`users.use_model` is true unless the user turned the language model off in /settings (it is only used at all
when the operator turned it on). `drafts.written_by` is "model" for a body the language model wrote and the
checks passed (kept as written, like an edit); NULL for the built-in writer's.

Revision ID: 0009_language_model
Revises: 0008_reminders_due_by_id
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009_language_model"
down_revision: str | None = "0008_reminders_due_by_id"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("users") as batch_op:
        batch_op.add_column(sa.Column("use_model", sa.Boolean(), nullable=False, server_default=sa.true()))
    with op.batch_alter_table("drafts") as batch_op:
        batch_op.add_column(sa.Column("written_by", sa.String(20), nullable=True))


def downgrade() -> None:
    # In place (SQLite 3.35+): rebuilding `users` with foreign keys on would cascade into every row.
    with op.batch_alter_table("drafts", recreate="never") as batch_op:
        batch_op.drop_column("written_by")
    with op.batch_alter_table("users", recreate="never") as batch_op:
        batch_op.drop_column("use_model")
