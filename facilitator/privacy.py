"""Keyed hashes and random values that stand in for participants.

The device token lives only on the phone (an HttpOnly cookie). The server keeps no copy:
it derives keyed hashes from it, each bound to a purpose and a session, so

* a "me too" can be counted once per device per session (``supporter_hash``), and
* the phone that wrote a post can prove it (``author_hash``, bound to that one post),

while the database alone cannot link two posts to each other, or any row to a device or
to another session. The key is derived from the app's secret key.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from facilitator.models import ListeningSession

# Readable aloud and unambiguous on a poster: no 0/O, 1/I/L, U/V pairs.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTWXYZ"
CODE_LENGTH = 7  # 29**7 ≈ 1.7e10 ≈ 34 bits
DEVICE_COOKIE = "cg_device"
CLIENT_KEY_RE = re.compile(r"^[A-Za-z0-9_-]{22,64}$")
# "<22 random chars>.<22-char tag>": the tag is a MAC by this server, so a script cannot
# mint itself fresh identities (and fresh rate limits) without loading the page.
_DEVICE_RE = re.compile(r"^([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{22})$")


def new_join_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def is_join_code(code: str) -> bool:
    """Whether ``code`` (normalised) has the shape of a join code."""
    return len(code) == CODE_LENGTH and all(char in CODE_ALPHABET for char in code)


def normalise_code(raw: str) -> str:
    """Accept what people type: any case, with spaces or dashes ("abc-defg")."""
    return re.sub(r"[\s-]+", "", raw or "").upper()


def new_device_token(secret_key: str | bytes) -> str:
    """A random device token, tagged by this server."""
    nonce = secrets.token_urlsafe(16)
    return f"{nonce}.{_device_tag(secret_key, nonce)}"


def _device_tag(secret_key: str | bytes, nonce: str) -> str:
    digest = hmac.new(_derive_key(secret_key), b"device\x00" + nonce.encode(), hashlib.sha256)
    return base64.urlsafe_b64encode(digest.digest()[:16]).rstrip(b"=").decode()


def new_client_key() -> str:
    return secrets.token_urlsafe(16)


def is_valid_token(value: object) -> bool:
    """Whether ``value`` has the shape of a device token (services check only this)."""
    return isinstance(value, str) and bool(_DEVICE_RE.match(value))


def is_issued_token(value: object, secret_key: str | bytes) -> bool:
    """Whether ``value`` is a device token this server issued (the web edge checks this)."""
    match = _DEVICE_RE.match(value) if isinstance(value, str) else None
    return bool(match) and hmac.compare_digest(
        match.group(2), _device_tag(secret_key, match.group(1))
    )


@functools.lru_cache(maxsize=8)
def _derive_key(secret_key: str | bytes) -> bytes:
    raw = secret_key.encode() if isinstance(secret_key, str) else secret_key
    return hmac.new(raw, b"common-ground participant hashes v1", hashlib.sha256).digest()


@functools.lru_cache(maxsize=8)
def _derive_rate_limit_key(secret_key: str | bytes) -> bytes:
    raw = secret_key.encode() if isinstance(secret_key, str) else secret_key
    return hmac.new(raw, b"common-ground rate-limit keys v1", hashlib.sha256).digest()


def rate_limit_key(secret_key: str | bytes, session_id: int, device_token: str) -> str:
    """The device's name in rate-limit counters (Redis, with several processes).

    Keyed separately from the hashes stored in the database, so a counter in Redis
    cannot be matched to a ``supports`` row: whoever holds both sees two unrelated values.
    """
    message = f"rate\x00{session_id}\x00{device_token}".encode()
    return hmac.new(_derive_rate_limit_key(secret_key), message, hashlib.sha256).hexdigest()


def supporter_hash(secret_key: str | bytes, session_id: int, device_token: str) -> str:
    message = f"support\x00{session_id}\x00{device_token}".encode()
    return hmac.new(_derive_key(secret_key), message, hashlib.sha256).hexdigest()


def author_hash(
    secret_key: str | bytes, session_id: int, device_token: str, client_key: str
) -> str:
    message = f"author\x00{session_id}\x00{device_token}\x00{client_key}".encode()
    return hmac.new(_derive_key(secret_key), message, hashlib.sha256).hexdigest()


def feedback_hash(secret_key: str | bytes, item_id: int, device_token: str) -> str:
    """One answer per device per action item; unlinkable to its posts and "me too"s."""
    message = f"feedback\x00{item_id}\x00{device_token}".encode()
    return hmac.new(_derive_key(secret_key), message, hashlib.sha256).hexdigest()


class Authored(Protocol):
    """A concern, or a row of its columns: what telling its author needs."""

    @property
    def author_hash(self) -> str | None: ...

    @property
    def client_key(self) -> str: ...


@dataclass(frozen=True)
class Device:
    """A participant's phone as the server may know it: its token, only ever hashed."""

    token: str
    secret_key: str

    def supporter_hash(self, ls: ListeningSession) -> str:
        return supporter_hash(self.secret_key, ls.id, self.token)

    def rate_limit_key(self, ls: ListeningSession) -> str:
        return rate_limit_key(self.secret_key, ls.id, self.token)

    def author_hash(self, ls: ListeningSession, client_key: str) -> str:
        return author_hash(self.secret_key, ls.id, self.token, client_key)

    def feedback_hash(self, item_id: int) -> str:
        return feedback_hash(self.secret_key, item_id, self.token)

    def wrote(self, ls: ListeningSession, concern: Authored) -> bool:
        if concern.author_hash is None:
            return False
        return hmac.compare_digest(concern.author_hash, self.author_hash(ls, concern.client_key))
