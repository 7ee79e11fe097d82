"""Alembic environment: always driven from ``volunteer_app.store.migrate``.

The caller hands over an open connection in ``config.attributes``, already inside the one
transaction the whole migration runs in (``migrate._run``), so the app, the CLI and the tests
migrate through exactly the same code, and a migration that fails or is killed half way
leaves the schema as it was.
"""

from __future__ import annotations

from alembic import context

from volunteer_app.store.models import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only reached by running the alembic CLI by hand
    raise RuntimeError("run migrations through `volunteer-app db upgrade`")
if not connection.in_transaction():  # pragma: no cover - migrate._run always opens one
    raise RuntimeError("migrations run inside the caller's transaction (see volunteer_app.store.migrate)")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",  # SQLite cannot ALTER most things
    compare_type=True,
    # The whole chain is one transaction, never one per revision: all of it or none of it.
    # SQLite can roll DDL back too, once a transaction is open (migrate._run opens it with
    # BEGIN IMMEDIATE, because pysqlite would run CREATE TABLE outside any transaction).
    transaction_per_migration=False,
    transactional_ddl=True,
)
# The caller's transaction is already open, so Alembic joins it rather than opening its own.
with context.begin_transaction():
    context.run_migrations()
