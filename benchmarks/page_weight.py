"""Page weight: what a participant's phone downloads on its first visit, gzipped.

    python benchmarks/page_weight.py                  # SQLite in a temporary instance
    python benchmarks/page_weight.py --limit-kb 60 --json /tmp/weight.json
    python benchmarks/page_weight.py --report         # also the public report-back

Starts the real server (``run.py``, through tests/server_harness.py's ``Server``) with a
fresh instance and one open session, then loads the participant pages in Debian's
Chromium via Playwright, as a phone would with an empty cache: the session page a QR code
opens (``/j/<code>``) and the join page (``/join``); with ``--report``, also the public
report-back of an initiative with 10 closed sessions and 100 published action items
(``report_seed.py``) and one of its sessions' report-backs. Every request is recorded. It prints
each resource with its decoded size and its gzipped size, and the total per page.

The server sends its responses uncompressed (no gzip in Flask or eventlet; a reverse
proxy in front may add it), so the gzipped figure is ``gzip -9`` of each body, computed
here: what the phone would receive behind a proxy that compresses. When a response does
arrive compressed, its transferred size is used instead and marked so.

Socket.IO's own traffic after the page has loaded (the polling handshake, the snapshot)
is data, not page weight: it is listed but not counted. Requests to any other origin make
the run fail, as does a page whose total is above the limit (60 KB = 60,000 bytes).
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.server_harness import CHROMIUM, CHROMIUM_ARGS, Server  # noqa: E402 - needs the repository on sys.path


@dataclass
class Resource:
    url: str
    kind: str
    status: int
    decoded: int  # body bytes after any content-encoding was undone
    gzipped: int  # bytes on the wire if gzip -9 compressed (or as sent, when compressed)
    sent_compressed: str  # the Content-Encoding the server used, "" for none
    same_origin: bool
    counted: bool  # page weight (HTML, CSS, JS), not live data


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def is_live_data(url: str) -> bool:
    return "/socket.io/" in urlsplit(url).path


def first_load(browser: Any, url: str) -> list[Resource]:
    """Load ``url`` in a fresh phone-sized context (empty cache); record every request."""
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    finished: list[Any] = []
    failed: list[str] = []
    page.on("requestfinished", lambda r: finished.append(r))
    page.on("requestfailed", lambda r: failed.append(r.url))
    sockets: list[Any] = []
    page.on("websocket", lambda ws: sockets.append(ws.url))
    page.goto(url, wait_until="load")
    if page.locator("script[src*='socket.io']").count():
        # The page is fully loaded once its live connection has upgraded to a WebSocket.
        for _ in range(150):
            if sockets:
                break
            page.wait_for_timeout(100)
    page.wait_for_timeout(500)
    home = origin(url)
    resources = []
    for request in finished:
        if request.url.startswith("data:"):
            continue  # inline (the empty favicon): no request leaves the phone
        response = request.response()
        body = response.body() if response else b""
        encoding = (response.headers.get("content-encoding", "") if response else "").strip()
        wire = request.sizes()["responseBodySize"] if encoding else len(gzip.compress(body, 9))
        resources.append(
            Resource(
                url=request.url,
                kind=request.resource_type,
                status=response.status if response else 0,
                decoded=len(body),
                gzipped=wire,
                sent_compressed=encoding,
                same_origin=origin(request.url) == home,
                counted=not is_live_data(request.url),
            )
        )
    resources += [Resource(u, "failed", 0, 0, 0, "", origin(u) == home, False) for u in failed]
    resources += [
        Resource(u, "websocket", 101, 0, 0, "", origin(u.replace("ws", "http", 1)) == home, False)
        for u in sockets
    ]
    context.close()
    return resources


def report(name: str, resources: list[Resource], limit: int) -> tuple[int, list[str]]:
    problems = []
    print(f"\n== {name}")
    print(f"{'gzipped':>9} {'decoded':>9}  resource")
    for r in resources:
        path = urlsplit(r.url).path + (f"?{urlsplit(r.url).query}" if urlsplit(r.url).query else "")
        note = "" if r.counted else "  (live data, not counted)"
        note += f"  [sent {r.sent_compressed}]" if r.sent_compressed else ""
        note += "" if r.same_origin else "  OTHER ORIGIN"
        print(f"{r.gzipped:>9,} {r.decoded:>9,}  {r.kind:<10} {path[:70]}{note}")
        if not r.same_origin:
            problems.append(f"{name}: request to another origin: {r.url}")
    total = sum(r.gzipped for r in resources if r.counted)
    decoded = sum(r.decoded for r in resources if r.counted)
    verdict = "ok" if total <= limit else "OVER THE LIMIT"
    print(
        f"{total:>9,} {decoded:>9,}  total (HTML, CSS, JS): {total / 1000:.1f} KB gzipped, "
        f"limit {limit / 1000:.0f} KB: {verdict}"
    )
    if total > limit:
        problems.append(f"{name}: {total:,} bytes gzipped is above {limit:,}")
    return total, problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit-kb", type=float, default=60.0, help="1 KB = 1,000 bytes")
    parser.add_argument("--database-url", help="default: SQLite in the temporary instance")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument(
        "--report", action="store_true", help="also the report-back of a large initiative"
    )
    args = parser.parse_args(argv)
    limit = int(args.limit_kb * 1000)

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="cg-weight-") as tmp:
        instance = Path(tmp) / "instance"
        instance.mkdir()
        url = args.database_url or f"sqlite:///{tmp}/weight.db"
        server = Server(instance=instance, database_url=url)
        server.prepare()
        report_pages = {}
        if args.report:
            from benchmarks.report_seed import seed_report

            initiative_id = seed_report(instance, url)
            report_pages["initiative report-back /i/<id>"] = f"/i/{initiative_id}"
        server.start()
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                pages = {
                    "session page /j/<code> (the QR code's address)": f"/j/{server.code}",
                    "join page /join": "/join",
                    **report_pages,
                }
                results: dict[str, Any] = {}
                problems: list[str] = []
                for name, path in pages.items():
                    resources = first_load(browser, server.url + path)
                    total, found = report(name, resources, limit)
                    problems += found
                    results[path] = {
                        "total_gzipped": total,
                        "resources": [asdict(r) for r in resources],
                    }
                browser.close()
        finally:
            server.stop()

    print("\nCompression: the server sends no Content-Encoding; sizes are gzip -9 of each body.")
    if args.json:
        args.json.write_text(json.dumps({"limit": limit, "pages": results}, indent=2))
    for problem in problems:
        print(f"FAIL: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
