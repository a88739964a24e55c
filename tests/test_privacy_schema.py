"""No table holds anything that identifies a resident or links their activity.

A participant appears only as keyed hashes, each bound to one purpose and one scope
(docs/privacy.md): this checks the whole schema, so a table added later is checked too.
"""

from __future__ import annotations

from flask import Flask

from facilitator.db import Base
from facilitator.privacy import Device, author_hash, feedback_hash, new_device_token

# Every column derived from a phone's device token, and what it is keyed to.
DEVICE_DERIVED = {
    ("supports", "supporter_hash"): "support, per session",
    ("concerns", "author_hash"): "authorship, per post",
    ("action_item_feedback", "device_hash"): "feedback, per action item",
}
# Words that would mean a column keeps something of a phone or its connection.
NEVER = {"ip", "addr", "address", "agent", "remote", "fingerprint", "device", "token", "cookie"}
# Staff accounts' own secrets, not a resident's.
STAFF = {("users", "password_hash"), ("password_resets", "token_hash")}


def test_no_column_could_identify_a_resident() -> None:
    suspicious = []
    for table in Base.metadata.sorted_tables:
        for column in table.columns:
            name = column.name.lower()
            if (table.name, column.name) in DEVICE_DERIVED or (table.name, column.name) in STAFF:
                continue
            if NEVER & set(name.split("_")) or name.endswith("_hash"):
                suspicious.append(f"{table.name}.{column.name}")
    assert suspicious == []


def test_each_device_hash_is_keyed_to_its_own_purpose_and_scope(app: Flask) -> None:
    secret = app.config["SECRET_KEY"]
    token = new_device_token(secret)
    device = Device(token, secret)

    class Session:
        id = 7

    values = {
        device.supporter_hash(Session()),  # type: ignore[arg-type]
        author_hash(secret, 7, token, "key-1"),
        author_hash(secret, 7, token, "key-2"),
        feedback_hash(secret, 7, token),
        feedback_hash(secret, 8, token),
    }
    assert len(values) == 5  # no two purposes or scopes share a value
