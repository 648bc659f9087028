"""The workspace database: one engine per store, migrations run on first use.

SQLite (the default, `workspace.db` in NIANBAO_HOME) runs in WAL mode with foreign keys on;
a writing transaction starts with BEGIN IMMEDIATE so two writers queue for the lock
instead of failing on a stale snapshot. `NIANBAO_DATABASE_URL=postgresql+psycopg://…`
switches to PostgreSQL with the same code.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from ..errors import NianbaoError
from ..settings import Settings

MIGRATIONS = Path(__file__).with_name("migrations")
# The newest migration; a store already there skips loading alembic at all.
SCHEMA_HEAD = "0005"
SQLITE_NAME = "workspace.db"
BUSY_TIMEOUT_S = 30
_PG_MIGRATION_LOCK = 0x6E69616E  # "nian": one migrating process at a time


def database_url(settings: Settings) -> str:
    if settings.database_url:
        return settings.database_url
    return f"sqlite:///{settings.ensure_home() / SQLITE_NAME}"


def make_engine(url: str) -> Engine:
    try:
        parsed = make_url(url)
    except Exception:
        raise NianbaoError(f"数据库地址「{url}」格式不对，应如 postgresql+psycopg://用户:密码@主机/库名") from None
    if parsed.get_backend_name() == "sqlite":
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_S})

        @event.listens_for(engine, "connect")
        def _sqlite_connect(dbapi_connection, _record) -> None:
            # Let SQLAlchemy's "begin" event issue BEGIN itself (pysqlite's own is deferred).
            dbapi_connection.isolation_level = None
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_S * 1000}")
            cursor.execute("PRAGMA synchronous=NORMAL")  # safe with WAL: a crash loses no commit's integrity
            cursor.close()

        @event.listens_for(engine, "begin")
        def _sqlite_begin(connection) -> None:
            immediate = connection.get_execution_options().get("nianbao_write", False)
            connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

        return engine
    if parsed.get_backend_name() == "postgresql":
        return create_engine(url, pool_pre_ping=True)
    raise NianbaoError(f"不支持的数据库「{parsed.get_backend_name()}」：请用 SQLite（默认）或 PostgreSQL")


class Store:
    """The database of one workspace. `read()` and `write()` give sessions in a transaction."""

    def __init__(self, url: str, *, migrate_now: bool = True) -> None:
        self.url = url
        self.engine = make_engine(url)
        self._read = sessionmaker(self.engine, expire_on_commit=False)
        self._write = sessionmaker(self.engine.execution_options(nianbao_write=True), expire_on_commit=False)
        if migrate_now:
            self.migrate()

    @classmethod
    def open(cls, settings: Settings) -> Store:
        return cls(database_url(settings))

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextlib.contextmanager
    def read(self) -> Iterator[Session]:
        with self._read() as session, session.begin():
            yield session

    @contextlib.contextmanager
    def write(self) -> Iterator[Session]:
        """A writing transaction: committed at the end of the block, rolled back on error."""
        with self._write() as session, session.begin():
            yield session

    def current_schema(self) -> str | None:
        with self.engine.connect() as conn:
            if not inspect(conn).has_table("alembic_version"):
                return None
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()

    def migrate(self, target: str = "head") -> None:
        """Bring the schema to `target` (created on first use). Safe when run twice at once."""
        try:
            if target == "head" and self.current_schema() == SCHEMA_HEAD:
                return
        except Exception as exc:
            raise NianbaoError(f"无法连接工作区数据库（{_safe(self.url)}）：{exc}") from None
        from alembic import command

        with self.engine.execution_options(nianbao_write=True).begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_PG_MIGRATION_LOCK})")
            config = alembic_config()
            config.attributes["connection"] = conn
            command.upgrade(config, target)

    def dispose(self) -> None:
        self.engine.dispose()


def alembic_config():
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def _safe(url: str) -> str:
    """The URL without its password, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return "?"
