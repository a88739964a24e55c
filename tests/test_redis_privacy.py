"""What Redis holds with several processes: counters and numbers, nothing in the database.

Uses the real Redis on this machine (database 12, emptied first); skipped if none runs.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
import redis
from flask import Flask
from sqlalchemy import select

from facilitator import create_app
from facilitator.config import TestingConfig
from facilitator.extensions import db
from facilitator.models import Concern, ConcernStatus, Support
from facilitator.services.accounts import create_user
from tests.conftest import (
    PASSWORD,
    database_url,
    make_session,
    participant_socket,
    phone,
    post,
    reset_database,
)

REDIS_URL = "redis://127.0.0.1:6379/12"


@pytest.fixture
def store() -> Iterator[redis.Redis]:
    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except redis.ConnectionError:
        pytest.skip("no Redis on 127.0.0.1:6379")
    client.flushdb()
    yield client
    client.flushdb()
    client.close()


@pytest.fixture
def redis_app(tmp_path: Any, store: redis.Redis) -> Iterator[Flask]:
    url = database_url(tmp_path)
    reset_database(url)

    class Config(TestingConfig):
        DATABASE_URL = url
        RATELIMIT_STORAGE_URI = REDIS_URL

    os.environ["INSTANCE_PATH"] = str(tmp_path / "instance")
    app = create_app(Config)
    engine = db.engine
    db.create_all()
    yield app
    app.extensions["live"].stop()
    db.session.remove()
    engine.dispose()


def everything_in(store: redis.Redis) -> str:
    """Every key and every value (strings, sorted sets, hashes, lists) as one text."""
    parts = []
    for key in store.scan_iter():
        parts.append(key.decode())
        kind = store.type(key).decode()
        if kind == "string":
            parts.append(store.get(key).decode(errors="replace"))
        elif kind == "zset":
            parts.extend(m.decode(errors="replace") for m in store.zrange(key, 0, -1))
        elif kind == "hash":
            for field, value in store.hgetall(key).items():
                parts += [field.decode(errors="replace"), value.decode(errors="replace")]
        elif kind == "list":
            parts.extend(v.decode(errors="replace") for v in store.lrange(key, 0, -1))
        elif kind == "set":
            parts.extend(v.decode(errors="replace") for v in store.smembers(key))
    return "\n".join(parts)


def test_no_redis_key_or_value_holds_a_hash_from_the_database(
    redis_app: Flask, store: redis.Redis
) -> None:
    app = redis_app
    with app.app_context(), db.writing() as s:
        admin = create_user(s, "facilitator", PASSWORD, is_admin=True)
    ls = make_session(app, by=admin)
    phones = [participant_socket(app, ls.code, phone(app, ls.code)) for _ in range(3)]
    ids = [
        post(sock, f"Concern {i} about the street lights")["concern"]["id"]
        for i, sock in enumerate(phones)
    ]
    with app.app_context(), db.writing() as s:
        for concern_id in ids:
            s.get(Concern, concern_id).status = ConcernStatus.SHOWN
    for sock in phones:
        for concern_id in ids:
            sock.emit("support", {"concern_id": concern_id}, callback=True)

    with app.app_context():
        hashes = set(db.session.scalars(select(Support.supporter_hash)))
        hashes |= {h for h in db.session.scalars(select(Concern.author_hash)) if h}
    assert len(hashes) >= 3 + 3  # three supporters, three authors
    stored = everything_in(store)
    assert "device" in stored  # the per-device counters are there...
    for value in hashes:
        assert value not in stored  # ...under names nothing in the database matches
