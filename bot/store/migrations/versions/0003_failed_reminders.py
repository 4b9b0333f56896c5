"""failed reminders (told to the user once); per-chat leases and global send budgets shared by every process

Revision ID: 0003_failed_reminders
Revises: 0002_follow_up_names
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003_failed_reminders"
down_revision: str | None = "0002_follow_up_names"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # reminders.state is a plain string: the new 'failed' value needs no schema change.
    with op.batch_alter_table("reminders", schema=None) as batch_op:
        batch_op.add_column(sa.Column("failure_told", sa.Boolean(), nullable=False, server_default=sa.false()))
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("paced_until", sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index(batch_op.f("ix_users_paced_until"), ["paced_until"], unique=False)
    op.create_table(
        "delivery_budget",
        sa.Column("platform", sa.String(length=20), nullable=False),
        sa.Column("next_slot", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("platform", name=op.f("pk_delivery_budget")),
    )


def downgrade() -> None:
    # Columns are dropped in place (SQLite 3.35+): rebuilding `users` or `reminders` with foreign keys on
    # would cascade-delete the rows that point at them.
    op.drop_table("delivery_budget")
    with op.batch_alter_table("users", schema=None, recreate="never") as batch_op:
        batch_op.drop_index(batch_op.f("ix_users_paced_until"))
        batch_op.drop_column("paced_until")
    with op.batch_alter_table("reminders", schema=None, recreate="never") as batch_op:
        batch_op.drop_column("failure_told")
