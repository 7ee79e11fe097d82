"""A PostgreSQL cluster of a test's own that can be stopped and started again on the same port.

Built on ``_LocalCluster`` from tests/conftest.py (initdb in a temp dir, trust auth,
127.0.0.1); ``stop_server`` stops it without removing its files, ``start_server`` starts it
again with the same port and data, as a server restart looks to a desktop. The cluster
is the test's alone, so stopping it disturbs no other test.
"""

from __future__ import annotations

import subprocess

from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from tests.conftest import _LocalCluster
from volunteer_app.store.database import parse_url


class RestartableCluster(_LocalCluster):
    """``start()`` once (initdb + start); then ``stop_server()`` / ``start_server()`` as often as wanted."""

    def start(self) -> str:
        self.url = super().start()
        return self.url

    def _options(self) -> str:
        return (
            f"-h 127.0.0.1 -p {self.port} -k {self.dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )

    def stop_server(self) -> None:
        """Stop the server (fast shutdown: sessions are ended, as in a restart); the data stays."""
        self._run(self.pg_ctl, "-D", str(self.data), "-m", "fast", "-w", "-t", "60", "stop")

    def start_server(self) -> None:
        """Start the stopped server again on the same port."""
        self._run(self.pg_ctl, "-D", str(self.data), "-l", str(self.log), "-o", self._options(), "-w", "-t", "60",
                  "start")  # fmt: skip

    def is_running(self) -> bool:
        done = subprocess.run(
            [*self.run_as, self.pg_ctl, "-D", str(self.data), "status"],
            capture_output=True,
            stdin=subprocess.DEVNULL,
            check=False,
        )
        return done.returncode == 0

    def create_database(self, name: str) -> str:
        engine = create_engine(parse_url(self.url), poolclass=NullPool, isolation_level="AUTOCOMMIT")
        try:
            with engine.connect() as conn:
                conn.execute(text(f'CREATE DATABASE "{name}"'))
        finally:
            engine.dispose()
        return parse_url(self.url).set(database=name).render_as_string(hide_password=False)


