"""promise person: who promised one of their promises (`promises.person_id`, NULL when not sure)

PostgreSQL gets the column with its foreign key (ON DELETE SET NULL). SQLite gets the plain column:
adding a key there means recreating `promises`, and with foreign keys on, SQLite's DROP TABLE would
cascade into the follow-ups that point at it. The bot reads the id only among the interview's
people, so an id left behind by a removed person reads as "not sure".

Revision ID: 0007_promise_person
Revises: 0006_drafts
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007_promise_person"
down_revision: str | None = "0006_drafts"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

KEY = "fk_promises_person_id_people"


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.add_column("promises", sa.Column("person_id", sa.Integer(), nullable=True))
        op.create_foreign_key(KEY, "promises", "people", ["person_id"], ["id"], ondelete="SET NULL")
    else:
        op.execute("ALTER TABLE promises ADD COLUMN person_id INTEGER")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.drop_constraint(KEY, "promises", type_="foreignkey")
        op.drop_column("promises", "person_id")
    else:
        op.execute("ALTER TABLE promises DROP COLUMN person_id")
