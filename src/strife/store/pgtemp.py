"""A throwaway local PostgreSQL server, for tests and demos.

Runs Debian's server binaries (initdb + pg_ctl from /usr/lib/postgresql/*/bin, or
whatever is on PATH) in a temporary directory, listening on 127.0.0.1 on a free
port with trust authentication. As root, initdb refuses to run, so the server
runs as an unprivileged system user (`postgres`, or `nobody`) via runuser.

    with TempPostgres() as pg:
        dsn = pg.new_database()
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


class PostgresUnavailable(RuntimeError):
    """No server binaries, or the server would not start."""


def find_bindir() -> Path | None:
    """The directory holding initdb and pg_ctl, newest version first; None when absent."""
    candidates = sorted(
        glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: _version_key(Path(p).parent.name), reverse=True
    )
    for d in candidates:
        if Path(d, "initdb").exists() and Path(d, "pg_ctl").exists():
            return Path(d)
    initdb = shutil.which("initdb")
    if initdb and shutil.which("pg_ctl"):
        return Path(initdb).parent
    return None


def _version_key(name: str) -> tuple[int, ...]:
    try:
        return tuple(int(p) for p in name.split("."))
    except ValueError:
        return (0,)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class TempPostgres:
    def __init__(self, user: str = "strife") -> None:
        self.user = user
        self.bindir = find_bindir()
        self.port: int | None = None
        self.root: Path | None = None
        self._run_as: list[str] = []
        self._db_counter = itertools.count(1)
        self._started = False
        self._shared_db: str | None = None

    # --- lifecycle ---------------------------------------------------------

    def start(self) -> TempPostgres:
        if self.bindir is None:
            raise PostgresUnavailable("no PostgreSQL server binaries (initdb, pg_ctl) found; install `postgresql`")
        as_root = os.geteuid() == 0
        # As root the server runs as another user, who must reach the directory: /tmp is
        # world-traversable where $TMPDIR (e.g. under /root) may not be.
        base = "/tmp" if as_root and os.path.isdir("/tmp") else None
        self.root = Path(tempfile.mkdtemp(prefix="strife-pg-", dir=base))
        if as_root:
            owner = _unprivileged_user()
            if owner is None or shutil.which("runuser") is None:
                self._cleanup()
                raise PostgresUnavailable("running as root and no unprivileged user/runuser to run initdb as")
            os.chown(self.root, owner.pw_uid, owner.pw_gid)
            self._run_as = ["runuser", "-u", owner.pw_name, "--"]
        data = self.root / "data"
        self.port = _free_port()
        try:
            self._cmd(
                str(self.bindir / "initdb"), "-D", str(data), "-U", self.user, "--auth=trust",
                "-E", "UTF8", "--no-locale", "--no-sync",
            )
            # fsync off and small buffers: a test server, fast and disposable.
            options = f"-h 127.0.0.1 -p {self.port} -k {self.root} -F -c shared_buffers=32MB -c max_connections=50"
            self._cmd(
                str(self.bindir / "pg_ctl"), "-D", str(data), "-l", str(self.root / "server.log"),
                "-o", options, "-w", "-t", "60", "start",
            )
        except PostgresUnavailable:
            self._cleanup()
            raise
        self._started = True
        return self

    def stop(self) -> None:
        if self._started and self.root is not None and self.bindir is not None:
            try:
                self._cmd(str(self.bindir / "pg_ctl"), "-D", str(self.root / "data"), "-m", "immediate", "-w", "stop")
            except PostgresUnavailable:
                pass
            self._started = False
        self._cleanup()

    def __enter__(self) -> TempPostgres:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # --- use ---------------------------------------------------------------

    def dsn(self, dbname: str = "postgres") -> str:
        return f"postgresql://{self.user}@127.0.0.1:{self.port}/{dbname}"

    def new_database(self, prefix: str = "strife_test") -> str:
        """Create an empty database and return its URL."""
        return self.dsn(self._create_database(prefix))

    def new_schema(self, prefix: str = "strife_test") -> str:
        """A URL whose connections work in a fresh, empty schema of one shared database.

        Much cheaper than a database per test (CREATE DATABASE copies a template of
        several MB); the store cannot tell the difference.
        """
        import psycopg

        if self._shared_db is None:
            self._shared_db = self._create_database("strife_shared")
        name = f"{prefix}_{os.getpid()}_{next(self._db_counter)}"
        with psycopg.connect(self.dsn(self._shared_db), autocommit=True) as con:
            con.execute(f'CREATE SCHEMA "{name}"')  # type: ignore[arg-type]
        return f"{self.dsn(self._shared_db)}?options=-csearch_path%3D{name}"

    # --- internals ---------------------------------------------------------

    def _create_database(self, prefix: str) -> str:
        import psycopg

        name = f"{prefix}_{os.getpid()}_{next(self._db_counter)}"
        with psycopg.connect(self.dsn(), autocommit=True) as con:
            con.execute(f'CREATE DATABASE "{name}"')  # type: ignore[arg-type]
        return name

    def _cmd(self, *args: str) -> None:
        try:
            proc = subprocess.run(
                [*self._run_as, *args], capture_output=True, text=True, timeout=120, cwd=self.root
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise PostgresUnavailable(f"{Path(args[0]).name} failed: {exc}") from exc
        if proc.returncode != 0:
            log = ""
            if self.root is not None and (self.root / "server.log").exists():
                log = (self.root / "server.log").read_text(errors="replace")[-2000:]
            raise PostgresUnavailable(
                f"{Path(args[0]).name} exited {proc.returncode}: {(proc.stderr or proc.stdout).strip()[-2000:]}"
                + (f"\nserver log:\n{log}" if log else "")
            )

    def _cleanup(self) -> None:
        if self.root is not None:
            shutil.rmtree(self.root, ignore_errors=True)
            self.root = None


def _unprivileged_user() -> pwd.struct_passwd | None:
    for name in ("postgres", "nobody"):
        try:
            return pwd.getpwnam(name)
        except KeyError:
            continue
    return None
