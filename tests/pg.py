"""A real PostgreSQL server for the test run: initdb into a temporary folder and pg_ctl
start on a free port of 127.0.0.1, as an unprivileged user (initdb refuses root), once
per session; every test that asks gets a fresh schema of its own (cheap: no database to
copy). Skipped, with the reason, where Debian's postgresql package is not installed."""

from __future__ import annotations

import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SKIP_REASON = ("PostgreSQL server binaries (initdb, pg_ctl) not found: install Debian's "
               "postgresql package (`apt-get install -y postgresql`; .ci/run does)")
DATABASE = "newsdesk_test"
USER = "newsdesk"


def find_binaries() -> Path | None:
    """The folder holding initdb and pg_ctl: Debian's newest, else the PATH's."""
    candidates = sorted(Path("/usr/lib/postgresql").glob("*/bin"),
                        key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0,
                        reverse=True)
    on_path = shutil.which("pg_ctl")
    if on_path:
        candidates.append(Path(on_path).resolve().parent)
    for folder in candidates:
        if (folder / "initdb").is_file() and (folder / "pg_ctl").is_file():
            return folder
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class PostgresServer:
    """A running server; `new_url()` is a fresh, empty schema on it."""

    bin: Path
    root: Path
    port: int = field(default_factory=_free_port)
    _schemas: Any = field(default_factory=lambda: itertools.count(1))

    @property
    def data(self) -> Path:
        return self.root / "data"

    def _as_owner(self) -> dict[str, Any]:
        """subprocess arguments that run a command as the unprivileged owner when root."""
        if os.geteuid() != 0:
            return {}
        nobody = pwd.getpwnam("nobody")
        return {"user": nobody.pw_uid, "group": nobody.pw_gid, "extra_groups": []}

    def _run(self, *argv: str) -> None:
        done = subprocess.run([str(self.bin / argv[0]), *argv[1:]], cwd=self.root,
                              capture_output=True, text=True, timeout=120,
                              env={"PATH": os.environ.get("PATH", ""), "LC_ALL": "C"},
                              **self._as_owner())
        if done.returncode != 0:
            log = self.root / "server.log"
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise RuntimeError(f"{argv[0]} failed ({done.returncode}): {done.stderr}\n{tail}")

    def start(self) -> None:
        if os.geteuid() == 0:
            nobody = pwd.getpwnam("nobody")
            os.chown(self.root, nobody.pw_uid, nobody.pw_gid)
        self._run("initdb", "-D", str(self.data), "-U", USER, "-A", "trust", "-E", "UTF8",
                  "--locale=C", "--no-sync", "--no-instructions")
        options = " ".join([
            "-c listen_addresses=127.0.0.1", f"-c port={self.port}",
            f"-c unix_socket_directories={self.root}", "-c fsync=off",
            "-c synchronous_commit=off", "-c full_page_writes=off",
            "-c max_connections=400", "-c shared_buffers=32MB",
        ])
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.root / "server.log"),
                  "-w", "-t", "60", "-o", options, "start")
        import psycopg

        with psycopg.connect(self.url_of("postgres"), autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {DATABASE}")

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def url_of(self, database: str = DATABASE, schema: str | None = None) -> str:
        url = f"postgresql://{USER}@127.0.0.1:{self.port}/{database}"
        return url if schema is None else f"{url}?options=-csearch_path%3D{schema}"

    def new_url(self) -> str:
        """A URL whose tables live in a new empty schema of the test database."""
        import psycopg

        schema = f"t{next(self._schemas)}"
        with psycopg.connect(self.url_of(), autocommit=True) as conn:
            conn.execute(f"CREATE SCHEMA {schema}")
        return self.url_of(schema=schema)


def start_server() -> PostgresServer:
    folder = find_binaries()
    if folder is None:
        raise LookupError(SKIP_REASON)
    server = PostgresServer(folder, Path(tempfile.mkdtemp(prefix="newsdesk-pg-")))
    try:
        server.start()
    except BaseException:
        shutil.rmtree(server.root, ignore_errors=True)
        raise
    return server
