"""written once: each note as the sendability check fixed it, and each draft as it was last written

`interviews.note_fixes` keeps the fixed text of each note the drafts are written from, with a digest of what
the debrief knew and of the check that fixed them (bot/drafts/draft.py, `cleaned`). `interviews.drafts_written`
keeps each draft as it was last written, with a digest of everything it was written from, the day included
(bot/drafts/store.py, `compose`). A reminder then shows its draft without checking or writing it again. Both are
NULL until a draft was first written; a digest that no longer matches is simply ignored.

Revision ID: 0011_written_once
Revises: 0010_language_model
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011_written_once"
down_revision: str | None = "0010_language_model"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("interviews") as batch_op:
        batch_op.add_column(sa.Column("note_fixes", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("drafts_written", sa.JSON(), nullable=True))


def downgrade() -> None:
    # In place (SQLite 3.35+): rebuilding `interviews` with foreign keys on would cascade into its people.
    with op.batch_alter_table("interviews", recreate="never") as batch_op:
        batch_op.drop_column("drafts_written")
        batch_op.drop_column("note_fixes")
