"""Alembic environment: run by `assistant.workspace.db.migrate` on a connection it gives."""

from __future__ import annotations

from alembic import context

from assistant.workspace.models import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only the programmatic path is supported
    raise RuntimeError("migrations run through assistant.workspace.db.migrate()")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
