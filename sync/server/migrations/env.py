"""Alembic's environment for the central schema, configured in code (sync/server/migrate.py).

There is no alembic.ini at run time: `migrate.alembic_config(conn)` points Alembic here and
hands over an open connection (in `config.attributes["connection"]`) whose transaction the
caller began and will commit, so the version check, the upgrade and the version row are one
transaction (PostgreSQL and SQLite both run DDL transactionally).
"""

from alembic import context

from sync.server.tables import metadata

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run the central schema's migrations through sync.server.migrate (it passes a connection)")

context.configure(connection=connection, target_metadata=metadata,
                  render_as_batch=connection.dialect.name == "sqlite",  # SQLite: ALTER through table copies
                  compare_server_default=True)
with context.begin_transaction():  # joins the caller's open transaction
    context.run_migrations()
