"""The database: one engine, a session per request or socket event, serialised writes.

Under eventlet every greenlet shares one OS thread, so a blocking call in the database
driver stalls every connected phone. Two things keep writes from doing that:

* SQLite commits go through ``offload`` (a callable that runs a function and returns its
  result). Server start-up sets it to a thread-pool runner, so the commit's disk sync
  happens in an OS thread while the event loop keeps serving. Elsewhere it simply calls.
  Only the driver's own ``commit()`` is offloaded, never SQLAlchemy code, whose pool
  locks are green once eventlet has patched ``threading``.
* PostgreSQL (psycopg 3) waits on its socket cooperatively when start-up selects a
  green-friendly wait function, so it needs no offloading.
* On SQLite, write transactions are serialised by one (green) lock, so a second writer
  never waits on SQLite's file lock inside the C library, where a greenlet switch is
  impossible and the whole server would stop.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Session, scoped_session, sessionmaker

T = TypeVar("T")


class Base(DeclarativeBase):
    """Declarative base for every model."""


def _call(fn: Callable[..., T], *args: Any) -> T:
    return fn(*args)


class OffloadingConnection(sqlite3.Connection):
    """A sqlite3 connection whose commit runs through ``OffloadingConnection.offload``."""

    offload: Callable[..., Any] = staticmethod(_call)

    def commit(self) -> None:
        type(self).offload(super().commit)


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

    @staticmethod
    def set_offload(runner: Callable[..., Any]) -> None:
        """Run SQLite commits through ``runner(fn)``, e.g. a thread pool (server start-up)."""
        OffloadingConnection.offload = staticmethod(runner)

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


def make_engine(url: str) -> Engine:
    """Create an engine with the pragmas and pool settings this app relies on."""
    if url.startswith("sqlite"):
        engine = create_engine(
            url,
            connect_args={
                "timeout": 30,
                "check_same_thread": False,
                "factory": OffloadingConnection,
            },
            pool_pre_ping=False,
        )

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            # WAL lets readers go on while a commit is being written.
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=FULL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()

        return engine
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        # psycopg 3 is the driver we install; plain postgresql:// would ask for psycopg2.
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    return create_engine(url, pool_size=10, max_overflow=20, pool_pre_ping=True)
