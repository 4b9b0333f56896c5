"""phone note and nickname: what was typed with a person's number, and the name they go by

`people.phone_note` keeps what was typed beside the number and is no part of it: an extension ("ext. 214"), a note
("WhatsApp only"), another number ("office +44 161 496 0000"). `people.nickname` keeps the name a person goes by
("Gaz" for Gareth), so that "gaz will send the rota" finds them as the promiser. Both NULL when nothing was said.

Revision ID: 0013_phone_note_nickname
Revises: 0012_promised_by
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013_phone_note_nickname"
down_revision: str | None = "0012_promised_by"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("people") as batch_op:
        batch_op.add_column(sa.Column("phone_note", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("nickname", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("people", recreate="never") as batch_op:
        batch_op.drop_column("nickname")
        batch_op.drop_column("phone_note")
