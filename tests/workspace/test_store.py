"""The store: schema from migrations (fresh and upgraded), pragmas, append-only tables."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from assistant.errors import NianbaoError
from assistant.workspace.db import SCHEMA_HEAD, Store, alembic_config
from assistant.workspace.models import Base


def schema_diff(store: Store) -> list:
    with store.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        return compare_metadata(context, Base.metadata)


def test_schema_head_constant_is_the_newest_migration():
    assert ScriptDirectory.from_config(alembic_config()).get_current_head() == SCHEMA_HEAD


def test_fresh_schema_is_created_on_first_use_and_matches_the_models(database_url):
    store = Store(database_url)
    try:
        assert store.current_schema() == SCHEMA_HEAD
        assert schema_diff(store) == []
        Store(database_url).dispose()  # opening again is a no-op
        assert store.current_schema() == SCHEMA_HEAD
    finally:
        store.dispose()


def _seed_first_schema(conn) -> None:
    conn.execute(text("INSERT INTO agency (id, name, issuer_kind, created_at) VALUES (1, '甲局', '部门', CURRENT_TIMESTAMP)"))
    conn.execute(text("INSERT INTO user_account (id, name, active, created_at) VALUES (1, '张三', true, CURRENT_TIMESTAMP)"))
    conn.execute(
        text(
            "INSERT INTO report (id, agency_id, year, format, status, version, meta, created_at) "
            "VALUES (1, 1, 2024, '2021', '起草中', 1, '{}', CURRENT_TIMESTAMP)"
        )
    )
    conn.execute(text("INSERT INTO section (id, report_id, key, version) VALUES (1, 1, 'overview', 1)"))
    conn.execute(
        text(
            "INSERT INTO revision (id, section_id, number, text, text_hash, author_id, source, created_at) "
            "VALUES (1, 1, 1, '旧文本', 'h', 1, 'person', CURRENT_TIMESTAMP)"
        )
    )


def test_upgrade_from_the_first_migration_keeps_the_data(database_url):
    store = Store(database_url, migrate_now=False)
    try:
        store.migrate("0001")
        assert store.current_schema() == "0001"
        with store.engine.begin() as conn:
            _seed_first_schema(conn)
        store.migrate()
        assert store.current_schema() == SCHEMA_HEAD
        assert schema_diff(store) == []
        with store.engine.begin() as conn:
            assert conn.execute(text("SELECT text FROM revision WHERE id = 1")).scalar() == "旧文本"
            # the new tables work against the old rows
            conn.execute(
                text(
                    "INSERT INTO suggestion (section_id, base_revision_id, anchor_revision_id, start, \"end\", quote,"
                    " before, after, new_text, citations, findings, source, status, created_at) VALUES "
                    "(1, 1, 1, 0, 2, '旧文', '', '本', '新文', '[]', '[]', 'person', '待处理', CURRENT_TIMESTAMP)"
                )
            )
    finally:
        store.dispose()


@pytest.mark.parametrize("table", ["revision", "audit_log"])
def test_history_tables_are_append_only_in_the_database(store, table):
    with store.engine.begin() as conn:
        _seed_first_schema(conn)
        conn.execute(
            text("INSERT INTO audit_log (id, at, action, entity, detail) VALUES (1, CURRENT_TIMESTAMP, 'x', 'y', '{}')")
        )
    for statement in (f"UPDATE {table} SET id = id WHERE id = 1", f"DELETE FROM {table} WHERE id = 1"):
        with pytest.raises(DBAPIError, match="append-only"):
            with store.engine.begin() as conn:
                conn.execute(text(statement))
    with store.engine.connect() as conn:
        assert conn.execute(text(f"SELECT count(*) FROM {table}")).scalar() == 1


def test_sqlite_runs_in_wal_mode_with_foreign_keys(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'w.db'}")
    try:
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        with pytest.raises(DBAPIError):
            with store.write() as session:
                session.execute(text("INSERT INTO membership (user_id, agency_id) VALUES (98, 99)"))
    finally:
        store.dispose()


def test_default_store_lives_in_the_workspace_home(settings):
    store = Store.open(settings)
    try:
        assert (settings.home / "workspace.db").is_file()
    finally:
        store.dispose()


def test_unreachable_database_is_a_clear_message(tmp_path):
    with pytest.raises(NianbaoError, match="无法连接工作区数据库"):
        Store("postgresql+psycopg://nobody:secret@127.0.0.1:1/none")
    with pytest.raises(NianbaoError, match="不支持的数据库"):
        Store("mysql://x@localhost/y")


def test_every_cell_key_of_the_format_fits(store):
    from assistant.report.format import FormatVersion, cell_specs
    from assistant.workspace.models import Cell

    longest = max((k for v in FormatVersion for k in cell_specs(v)), key=len)
    assert len(longest) <= Cell.__table__.c.key.type.length
    with store.engine.begin() as conn:
        _seed_first_schema(conn)
        conn.execute(
            text("INSERT INTO cell (report_id, key, number, provenance, entered_at) VALUES (1, :k, '1', '{}', CURRENT_TIMESTAMP)"),
            {"k": longest},
        )
