"""A participant's first load asks no other origin for anything: no CDN, font or script.

Anonymity is technical (docs/domain.md): a third party that served a font or a script would
see every phone in the room. benchmarks/page_weight.py measures the same load's size.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import phone_context
from tests.server_harness import Server


def origin(url: str) -> str:
    parts = urlsplit(url)
    scheme = {"ws": "http", "wss": "https"}.get(parts.scheme, parts.scheme)
    return f"{scheme}://{parts.netloc}"


@pytest.mark.parametrize("path", ["/j/{code}", "/join"])
def test_first_load_is_same_origin(browser: Any, server: Server, path: str) -> None:
    context = phone_context(browser)  # a fresh context: empty cache, no cookies
    page = context.new_page()
    urls: list[str] = []
    page.on("request", lambda request: urls.append(request.url))
    page.on("websocket", lambda ws: urls.append(ws.url))
    page.goto(server.url + path.format(code=server.code))
    if "{code}" in path:
        page.wait_for_function("() => document.getElementById('post-button')")
        # The live connection is part of the first load: wait for its WebSocket.
        for _ in range(150):
            if any("transport=websocket" in u for u in urls):
                break
            page.wait_for_timeout(100)
    page.wait_for_timeout(300)
    context.close()

    network = [u for u in urls if not u.startswith("data:")]
    assert network[0].startswith(server.url)
    assert any(u.endswith(".css") for u in network)
    if "{code}" in path:
        assert any("socket.io.min.js" in u for u in network)
        assert any("transport=websocket" in u for u in network)
    elsewhere = [u for u in network if origin(u) != server.url]
    assert elsewhere == [], f"requests to other origins: {elsewhere}"
