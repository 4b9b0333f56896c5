"""promised by: who promised one of their promises, described when it was no interviewer

`promises.promised_by` keeps the words the user described the promiser with ("the recruiter who set it up",
"their HR lady") when that was none of the interviewers (then `person_id` is NULL and the chase email greets no
one by name); NULL when one of the interviewers promised it or the user was not sure.

Revision ID: 0012_promised_by
Revises: 0011_written_once
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012_promised_by"
down_revision: str | None = "0011_written_once"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("promises") as batch_op:
        batch_op.add_column(sa.Column("promised_by", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("promises", recreate="never") as batch_op:
        batch_op.drop_column("promised_by")
