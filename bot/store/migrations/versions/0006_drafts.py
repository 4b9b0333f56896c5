"""drafts: a topic per person, one-line versions of long notes, and the user's drafts

`people.topic` holds one thing the user discussed with that person; `interviews.short_notes` the
one-line versions of notes too long for an email; the `drafts` table the version of each draft the
user picked, approved or edited (one row per interview, person or promise, and kind).

Revision ID: 0006_drafts
Revises: 0005_greeting_country
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "0006_drafts"
down_revision: str | None = "0005_greeting_country"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

REFERENCES = {"user_id": "users", "interview_id": "interviews", "person_id": "people", "promise_id": "promises"}


def upgrade() -> None:
    with op.batch_alter_table("people") as batch_op:
        batch_op.add_column(sa.Column("topic", sa.Text(), nullable=True))
    with op.batch_alter_table("interviews") as batch_op:
        batch_op.add_column(sa.Column("short_notes", sa.JSON(), nullable=True))
    op.create_table(
        "drafts",
        sa.Column("id", sa.Integer(), nullable=False),
        *(
            sa.Column(
                column,
                sa.Integer(),
                sa.ForeignKey(f"{table}.id", name=f"fk_drafts_{column}_{table}", ondelete="CASCADE"),
                nullable=column in {"person_id", "promise_id"},
            )
            for column, table in REFERENCES.items()
        ),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("variant", sa.Integer(), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("greeted", sa.Text(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_drafts"),
    )
    for column in REFERENCES:
        op.create_index(f"ix_drafts_{column}", "drafts", [column])


def downgrade() -> None:
    op.drop_table("drafts")
    with op.batch_alter_table("interviews", recreate="never") as batch_op:
        batch_op.drop_column("short_notes")
    with op.batch_alter_table("people", recreate="never") as batch_op:
        batch_op.drop_column("topic")
