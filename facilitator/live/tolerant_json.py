"""JSON for Socket.IO packets that turns an unparseable frame into an answerable event.

python-socketio parses a packet's JSON before it knows the event, so a malformed frame
would only produce a traceback in the server log and leave the sender waiting for an
acknowledgement that never comes. Decoding it as the event ``invalid_json`` instead
lets one handler answer with a clear error (the packet's ack id is read before the JSON).
"""

from __future__ import annotations

import json
from typing import Any

INVALID_JSON_EVENT = "invalid_json"


def dumps(obj: Any, **kwargs: Any) -> str:
    return json.dumps(obj, **kwargs)


def loads(text: str | bytes, **kwargs: Any) -> Any:
    try:
        return json.loads(text, **kwargs)
    except ValueError:
        return [INVALID_JSON_EVENT]
