"""follow-up names: the table `steps` becomes `follow_ups`, `reminders.step_id` becomes `follow_up_id`

Rename only: no row, type or rule changes. Indexes, the reminders' foreign key and (on PostgreSQL)
every constraint and the id sequence take the new names, so the schema reads as the models do
(bot/store/models.FollowUp). On SQLite the follow-up table's own constraints keep their old names:
renaming them means recreating a table that reminders point at, and with foreign keys on, SQLite's
DROP TABLE would cascade into the reminders. SQLite never uses constraint names otherwise.

Revision ID: 0002_follow_up_names
Revises: 0001
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0002_follow_up_names"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The table's foreign keys (column -> referenced table); each column is indexed too.
REFERENCES = {"user_id": "users", "interview_id": "interviews", "person_id": "people", "promise_id": "promises"}


def upgrade() -> None:
    _rename("steps", "follow_ups", "step_id", "follow_up_id")


def downgrade() -> None:
    _rename("follow_ups", "steps", "follow_up_id", "step_id")


def _rename(old: str, new: str, old_column: str, new_column: str) -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    op.rename_table(old, new)  # SQLite (3.26+) and PostgreSQL repoint the reminders' foreign key
    with op.batch_alter_table("reminders") as batch_op:
        batch_op.alter_column(old_column, new_column_name=new_column)
    if not postgres:
        # SQLite names a key only in the table's definition: the key is redefined under its new name.
        with op.batch_alter_table("reminders") as batch_op:
            batch_op.drop_constraint(f"fk_reminders_{old_column}_{old}", type_="foreignkey")
            batch_op.create_foreign_key(
                f"fk_reminders_{new_column}_{new}", new, [new_column], ["id"], ondelete="CASCADE"
            )
    indexes = [(new, f"ix_{old}_{c}", f"ix_{new}_{c}", c) for c in REFERENCES]
    indexes.append(("reminders", f"ix_reminders_{old_column}", f"ix_reminders_{new_column}", new_column))
    for table, old_index, new_index, column in indexes:
        if postgres:
            op.execute(f"ALTER INDEX {old_index} RENAME TO {new_index}")
        else:
            op.drop_index(old_index, table_name=table)
            op.create_index(new_index, table, [column])
    if postgres:
        constraints = [(new, f"pk_{old}", f"pk_{new}")]
        constraints += [(new, f"fk_{old}_{c}_{ref}", f"fk_{new}_{c}_{ref}") for c, ref in REFERENCES.items()]
        constraints.append(("reminders", f"fk_reminders_{old_column}_{old}", f"fk_reminders_{new_column}_{new}"))
        for table, old_name, new_name in constraints:
            op.execute(f"ALTER TABLE {table} RENAME CONSTRAINT {old_name} TO {new_name}")
        op.execute(f"ALTER SEQUENCE {old}_id_seq RENAME TO {new}_id_seq")
