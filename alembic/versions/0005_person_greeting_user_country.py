"""person greeting and user country: how to greet each interviewer, and the country numbers are read for

`people.greeting` holds the greeting the user confirmed ("Dr. Müller", "Zhang Wei"); NULL means the
likely form from bot/names.py. `users.country` is an ISO 3166 code for reading phone numbers and
numeric dates; NULL means the country of the user's time zone. On PostgreSQL, alembic_version's
column is widened to 64 characters first: this revision's id is longer than Alembic's default 32.

Revision ID: 0005_person_greeting_user_country
Revises: 0002_follow_up_names
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_person_greeting_user_country"
down_revision: str | None = "0002_follow_up_names"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        # This revision's id is 33 characters; Alembic's own table holds 32 unless widened (SQLite does not
        # enforce the length). Widening is kept on downgrade: a longer column holds every shorter id.
        op.alter_column("alembic_version", "version_num", type_=sa.String(64), existing_type=sa.String(32))
    with op.batch_alter_table("people") as batch_op:
        batch_op.add_column(sa.Column("greeting", sa.Text(), nullable=True))
    with op.batch_alter_table("users") as batch_op:
        batch_op.add_column(sa.Column("country", sa.String(2), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("users") as batch_op:
        batch_op.drop_column("country")
    with op.batch_alter_table("people") as batch_op:
        batch_op.drop_column("greeting")
