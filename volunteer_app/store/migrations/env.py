"""Alembic environment: always driven from ``volunteer_app.store.migrate``.

The caller hands over an open connection in ``config.attributes``, so the app,
the CLI and the tests migrate through exactly the same code.
"""

from __future__ import annotations

from alembic import context

from volunteer_app.store.models import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only reached by running the alembic CLI by hand
    raise RuntimeError("run migrations through `volunteer-app db upgrade`")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",  # SQLite cannot ALTER most things
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
