"""The database: one engine, a session per request or socket event, serialised writes.

Under eventlet every greenlet shares one OS thread, so a blocking call in the database
driver stalls every connected phone. How each database avoids that:

* SQLite runs in WAL mode with ``synchronous=NORMAL``: a commit appends to the WAL file
  and returns without a disk sync (microseconds), and is already safe if the server
  process crashes or is killed. The disk syncs happen in checkpoints. Server start-up
  runs those in an OS thread once a second (``start_checkpointer``), so they never run
  on the event loop, and a commit is safe against a power cut within about a second.
  Without the checkpointer (tests, ``flask run``) SQLite checkpoints on its own.
* On SQLite, write transactions are serialised by one (green) lock, so a second writer
  never waits on SQLite's file lock inside the C library, where a greenlet switch is
  impossible and the whole server would stop.
* PostgreSQL (psycopg 3) waits on its socket cooperatively when start-up selects a
  green-friendly wait function, and commits there are fully durable.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.orm import DeclarativeBase, Session, scoped_session, sessionmaker
from sqlalchemy.pool import QueuePool

log = logging.getLogger(__name__)


class Base(DeclarativeBase):
    """Declarative base for every model."""


class Database:
    """Engine, scoped session and write discipline, bound to an app with ``init_app``."""

    def __init__(self) -> None:
        self.engine: Engine | None = None
        self.session: scoped_session[Session] = scoped_session(sessionmaker())
        self._write_lock: threading.Lock | None = None

    def init_app(self, app: Any) -> None:
        url = app.config["SQLALCHEMY_DATABASE_URI"]
        self.engine = make_engine(url)
        self.session.configure(bind=self.engine, expire_on_commit=False)
        self._write_lock = threading.Lock() if self.engine.dialect.name == "sqlite" else None
        app.extensions["db"] = self

        @app.teardown_appcontext
        def _remove_session(exc: BaseException | None) -> None:
            self.session.remove()

    def start_checkpointer(
        self,
        spawn: Callable[..., Any],
        sleep: Callable[[float], Any],
        run_in_thread: Callable[..., Any],
        interval: float = 1.0,
    ) -> None:
        """Checkpoint SQLite's WAL once per ``interval`` in an OS thread (server start-up).

        ``spawn`` starts a background task, ``sleep`` sleeps cooperatively and
        ``run_in_thread(fn)`` runs ``fn`` in a real OS thread and returns its result.
        """
        assert self.engine is not None
        if self.engine.dialect.name != "sqlite":
            return
        path = self.engine.url.database
        if not path or path == ":memory:":
            return
        # From now on no commit on the event loop checkpoints (and so syncs) by itself.
        # Connections made earlier (migrations) are dropped, so all get the new pragma.
        self.engine.dispose()
        _autocheckpoint[self.engine] = 0

        def loop() -> None:
            while True:
                sleep(interval)
                try:
                    run_in_thread(checkpoint_sqlite, path)
                except Exception:  # keep going: the next checkpoint will catch up
                    log.exception("SQLite checkpoint failed")

        spawn(loop)

    @contextmanager
    def writing(self) -> Iterator[Session]:
        """A write transaction: serialised on SQLite, committed on success, else rolled back.

        Everything that changes rows runs inside one of these; the caller emits
        broadcasts only after the block has exited, so nothing is announced that was not
        committed.
        """
        lock = self._write_lock
        if lock is not None:
            lock.acquire()
        try:
            try:
                # On SQLite, end the read transaction this request may have begun before
                # it waited for the lock: its snapshot may predate another writer's commit,
                # and SQLite refuses to write from a stale snapshot (SQLITE_BUSY_SNAPSHOT).
                # Nothing is pending outside writing(), and loaded objects stay loaded.
                # PostgreSQL reads committed rows afresh at every statement, so the write
                # goes on in the same transaction (a commit, a checkout and a BEGIN fewer:
                # each a round trip that waits for the event loop).
                if lock is not None and self.session().in_transaction():
                    self.session.commit()
                yield self.session
                self.session.commit()
            except BaseException:
                self.session.rollback()
                raise
        finally:
            if lock is not None:
                lock.release()

    def create_all(self) -> None:
        assert self.engine is not None
        Base.metadata.create_all(self.engine)

    def drop_all(self) -> None:
        assert self.engine is not None
        Base.metadata.drop_all(self.engine)


# Engines whose WAL is checkpointed by the background checkpointer (value 0), else absent.
_autocheckpoint: dict[Engine, int] = {}


def checkpoint_sqlite(path: str) -> tuple[int, int, int]:
    """Copy the WAL into the database file and sync both (runs in an OS thread)."""
    connection = sqlite3.connect(path, timeout=30)
    try:
        return connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
    finally:
        connection.close()


def make_engine(url: str) -> Engine:
    """Create an engine with the pragmas and pool settings this app relies on."""
    if url.startswith("sqlite"):
        engine = create_engine(
            url,
            connect_args={"timeout": 30, "check_same_thread": False},
            # SQLite connections are cheap, and a handler may hold one while it waits for
            # the write lock: never make a request time out waiting for the pool.
            poolclass=QueuePool,
            pool_size=20,
            max_overflow=-1,
            hide_parameters=True,  # parameters are residents' words: never in a log line
        )

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
            # Python's sqlite3 opens transactions only before writes, so a SAVEPOINT
            # could start (and its release commit) the outer transaction. Take that job
            # away from the driver and let SQLAlchemy emit BEGIN (its documented recipe).
            dbapi_connection.isolation_level = None
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            if engine in _autocheckpoint:
                cursor.execute(f"PRAGMA wal_autocheckpoint={_autocheckpoint[engine]:d}")
            cursor.close()

        @event.listens_for(engine, "begin")
        def _sqlite_begin(connection: Any) -> None:
            connection.exec_driver_sql("BEGIN")

        return engine
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        # psycopg 3 is the driver we install; plain postgresql:// would ask for psycopg2.
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    engine = create_engine(url, pool_size=10, max_overflow=20, hide_parameters=True)
    ping_when_idle(engine, PING_AFTER_IDLE)
    return engine


# A pooled connection idle longer than this is tested before use (seconds).
PING_AFTER_IDLE = 5.0


def ping_when_idle(engine: Engine, idle: float) -> None:
    """Test a pooled connection before use if it has been idle ``idle`` seconds or more.

    ``pool_pre_ping`` tests every checkout, and a socket event checks out once per
    transaction: a round trip each time, which under load waits for the event loop to
    come round. A connection returned moments ago is alive unless the server restarted
    in that moment; then its first statement fails, SQLAlchemy sees the disconnect and
    replaces every pooled connection, and the phone's outbox sends again. Raising
    ``DisconnectionError`` from a checkout makes the pool discard the connection and
    take a fresh one (SQLAlchemy's documented contract for pessimistic testing).
    """

    @event.listens_for(engine, "checkin")
    def _returned(_dbapi_connection: Any, record: Any) -> None:
        record.info["returned"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _checkout(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        returned = record.info.get("returned")
        if returned is None or time.monotonic() - returned < idle:
            return  # new (just connected), or used moments ago
        try:
            with dbapi_connection.cursor() as cursor:
                cursor.execute("SELECT 1")
            dbapi_connection.rollback()
        except Exception as exc:
            raise DisconnectionError("pooled connection failed its test") from exc
