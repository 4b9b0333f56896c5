"""reminders due by id: `ix_reminders_due` gets `id` after `send_after`, the claim's whole ORDER BY

The claim takes the first due reminders in (send_after, id) order. With the index ending at send_after,
PostgreSQL reads every due row that shares the first send_after, joins each to its user and sorts them,
before the LIMIT can stop it: 20,000 reminders due at one moment made each claim of 200 read all
20,000 (87 ms; EXPLAIN ANALYZE in bench/README.md). With `id` in the index the rows come in the
claim's order and the scan stops at the LIMIT. SQLite already ends every index with the rowid, so the
new index only states what it had.

Revision ID: 0008_reminders_due_by_id
Revises: 0007_promise_person
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0008_reminders_due_by_id"
down_revision: str | None = "0007_promise_person"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.drop_index("ix_reminders_due", table_name="reminders")
    op.create_index("ix_reminders_due", "reminders", ["state", "platform", "send_after", "id"])


def downgrade() -> None:
    op.drop_index("ix_reminders_due", table_name="reminders")
    op.create_index("ix_reminders_due", "reminders", ["state", "platform", "send_after"])
