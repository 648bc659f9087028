"""Workspace fixtures: every store test runs on SQLite and on a throwaway PostgreSQL.

The PostgreSQL cluster: initdb in a temp folder, a free loopback port, Debian's server
binaries (/usr/lib/postgresql/*/bin, installed by scripts/system-deps.sh). initdb
refuses to run as root, so as root the cluster runs as the `postgres` system user.
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import pytest


def server_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).resolve().parent if initdb else None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Cluster:
    def __init__(self) -> None:
        self.bin = server_bin()
        if self.bin is None:
            raise FileNotFoundError("PostgreSQL server binaries (initdb, pg_ctl) not found")
        # in memory when the machine has /dev/shm: a cluster of many small test databases
        shm = Path("/dev/shm")
        self.root = Path(tempfile.mkdtemp(prefix="nianbao-pg-", dir=shm if shm.is_dir() else None))
        self.data = self.root / "data"
        self.port = free_port()
        self.run_as: str | None = None
        if os.geteuid() == 0:
            self.run_as = "postgres"
            entry = pwd.getpwnam(self.run_as)
            os.chown(self.root, entry.pw_uid, entry.pw_gid)

    def _run(self, *args: str) -> None:
        cmd = [str(a) for a in args]
        if self.run_as:
            cmd = ["runuser", "-u", self.run_as, "--", *cmd]
        subprocess.run(cmd, check=True, capture_output=True, timeout=120)

    def start(self) -> None:
        self._run(self.bin / "initdb", "-D", self.data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync")
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=50"
        self._run(self.bin / "pg_ctl", "-D", self.data, "-o", options, "-l", self.root / "log", "-w", "start")

    def stop(self) -> None:
        try:
            self._run(self.bin / "pg_ctl", "-D", self.data, "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str, template: str = "template0") -> str:
        import psycopg

        with psycopg.connect(f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres", autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        return self.url(name)

_counter = itertools.count(1)


@pytest.fixture(scope="session")
def pg_cluster():
    if server_bin() is None:
        pytest.skip("未安装 PostgreSQL 服务端（scripts/system-deps.sh 会安装）：PostgreSQL 部分跳过")
    cluster = Cluster()
    cluster.start()
    yield cluster
    cluster.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request) -> str:
    return request.param


@pytest.fixture
def database_url(backend, request, tmp_path, monkeypatch) -> str:
    """A fresh, empty database of the backend; NIANBAO_DATABASE_URL points at it."""
    if backend == "sqlite":
        url = f"sqlite:///{tmp_path / 'workspace.db'}"
    else:
        cluster = request.getfixturevalue("pg_cluster")
        url = cluster.create_database(f"t{next(_counter)}")
    monkeypatch.setenv("NIANBAO_DATABASE_URL", url)
    return url


@pytest.fixture(scope="session")
def _migrated(tmp_path_factory):
    """One database per backend migrated once; tests get copies (migrating each costs a second)."""
    from assistant.workspace.db import Store

    made: dict[str, str] = {}

    def template(backend: str, request) -> str:
        if backend not in made:
            if backend == "sqlite":
                url = f"sqlite:///{tmp_path_factory.mktemp('template') / 'workspace.db'}"
            else:
                url = request.getfixturevalue("pg_cluster").create_database("template_ws")
            Store(url).dispose()
            made[backend] = url
        return made[backend]

    return template


@pytest.fixture
def migrated_url(backend, request, tmp_path, monkeypatch, _migrated) -> str:
    """A database of the backend with the schema already there."""
    template = _migrated(backend, request)
    if backend == "sqlite":
        path = tmp_path / "workspace.db"
        shutil.copyfile(template.removeprefix("sqlite:///"), path)
        url = f"sqlite:///{path}"
    else:
        url = request.getfixturevalue("pg_cluster").create_database(f"t{next(_counter)}", template="template_ws")
    monkeypatch.setenv("NIANBAO_DATABASE_URL", url)
    return url


@pytest.fixture
def ws_settings(migrated_url, _isolated_home):
    from assistant.settings import Settings

    return Settings(home=_isolated_home, database_url=migrated_url)


@pytest.fixture
def store(ws_settings):
    from assistant.workspace.db import Store

    s = Store.open(ws_settings)
    yield s
    s.dispose()


PASSWORD = "correct-horse-battery"


@pytest.fixture
def office(ws_settings):
    """Two agencies with their own people, and a 2024 report for each.

    甲区人民政府: 管理员 admin_a, 起草人 drafter_a, 审核人 reviewer_a;
    乙县人民政府: 管理员 admin_b, 审核人 reviewer_b (also 起草人).
    """
    from assistant.services import workspace as ws
    from assistant.services import workspace_reports as reports

    ws.init(ws_settings, admin="admin_a", password=PASSWORD, agency="甲区人民政府")
    ws.add_user(ws_settings, "admin_a", "drafter_a", roles=["起草人"], agencies=["甲区人民政府"])
    ws.add_user(ws_settings, "admin_a", "reviewer_a", roles=["审核人"], agencies=["甲区人民政府"], password=PASSWORD)
    ws.add_user(ws_settings, "admin_a", "admin_b", roles=["管理员"], agencies=["甲区人民政府"])
    ws.add_agency(ws_settings, "admin_b", "乙县人民政府", issuer_kind="人民政府")
    ws.set_roles(ws_settings, "admin_a", "admin_b", leave=["甲区人民政府"])
    ws.add_user(ws_settings, "admin_b", "reviewer_b", roles=["审核人", "起草人"], agencies=["乙县人民政府"])
    reports.create(ws_settings, "drafter_a", "甲区人民政府", 2024)
    reports.create(ws_settings, "reviewer_b", "乙县人民政府", 2024)
    yield ws_settings
    ws.close_stores()
