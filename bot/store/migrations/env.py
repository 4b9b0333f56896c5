"""Alembic environment: migrations run on a connection the bot hands over, or on DATABASE_URL."""

from alembic import context

from bot.service.config import load_settings
from bot.store.db import make_sync_engine
from bot.store.models import Base

target_metadata = Base.metadata


def run() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = make_sync_engine(load_settings().resolved_database_url)
    with engine.begin() as conn:
        context.configure(connection=conn, target_metadata=target_metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


run()
