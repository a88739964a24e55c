"""A session as people live it, in a real browser: phone, console and projector."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select, update

from facilitator.db import make_engine
from facilitator.models import Concern, ListeningSession, SessionStatus
from tests.browser.conftest import phone_context, screenshot, watch_errors
from tests.server_harness import PASSWORD, Server

SOCKET_IO = "**/socket.io/**"


def abort(route: Any) -> None:
    route.abort()


def stored(server: Server) -> list[str]:
    engine = make_engine(server.database_url)
    with engine.connect() as conn:
        texts = list(conn.scalars(select(Concern.text).order_by(Concern.id)))
        assert conn.scalar(select(func.count(func.distinct(Concern.client_key)))) == len(texts)
    engine.dispose()
    return texts


def sign_in(browser: Any, server: Server) -> Any:
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(server.url + "/login")
    page.fill("input[name=username]", "facilitator")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.goto(f"{server.url}/facilitator/sessions/{server.session_id}")
    return page


def test_post_approve_and_see_it_everywhere(browser: Any, server: Server) -> None:
    errors: list[str] = []
    phone = phone_context(browser).new_page()
    watch_errors(phone, errors)
    phone.goto(f"{server.url}/j/{server.code}")
    # Usable at 360 px: nothing wider than the screen.
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(phone, "participant-empty")
    phone.fill("#text", "The officers who came to our street never said their names.")
    phone.click("#post-button")
    phone.locator("#mine").get_by_text("waiting for review").wait_for()

    console = sign_in(browser, server)
    watch_errors(console, errors)
    display = browser.new_context(viewport={"width": 1280, "height": 720}).new_page()
    watch_errors(display, errors)
    display.goto(f"{server.url}/d/{server.code}")
    console.get_by_role("button", name="Approve").first.click()

    display.get_by_text("never said their names").wait_for()
    phone.locator("#mine").get_by_text("Shown").wait_for()
    screenshot(console, "console")
    screenshot(display, "display")
    screenshot(phone, "participant-shown")
    assert stored(server) == ["The officers who came to our street never said their names."]
    assert errors == []


def test_outbox_keeps_a_post_through_a_server_restart(browser: Any, server: Server) -> None:
    phone = phone_context(browser).new_page()
    phone.goto(f"{server.url}/j/{server.code}")
    phone.locator("#mine-empty").wait_for()
    server.kill()
    phone.fill("#text", "Written while the server was down")
    phone.click("#post-button")
    phone.locator("#mine").get_by_text("Sending").wait_for()
    # A reload while offline would fail; the outbox lives in localStorage meanwhile.
    outbox = phone.evaluate("JSON.stringify(Object.keys(localStorage))")
    assert "outbox" in outbox
    server.start()
    phone.locator("#mine").get_by_text("waiting for review").wait_for(timeout=30_000)
    phone.reload()
    phone.locator("#mine").get_by_text("Written while the server was down").wait_for()
    assert stored(server) == ["Written while the server was down"]


def test_participant_flow_with_javascript_off(browser: Any, server: Server) -> None:
    phone = phone_context(browser, java_script_enabled=False).new_page()
    phone.goto(f"{server.url}/join")
    phone.fill("input[name=code]", f"{server.code[:3].lower()}-{server.code[3:]}")
    phone.locator("form").filter(has=phone.locator("input[name=code]")).locator(
        "button[type=submit]"
    ).click()
    phone.fill("#text", "Posted with JavaScript turned off")
    phone.click("#post-button")
    phone.locator("#mine").get_by_text("Posted with JavaScript turned off").wait_for()
    assert "waiting for review" in phone.locator("#mine").inner_text()
    screenshot(phone, "participant-no-javascript")
    phone.reload()  # a reload does not post again
    assert stored(server) == ["Posted with JavaScript turned off"]


def test_quick_exit_with_escape_leaves_no_trace(browser: Any, server: Server) -> None:
    context = phone_context(browser)
    phone = context.new_page()
    phone.goto(f"{server.url}/j/{server.code}")
    phone.fill("#text", "Please keep these sessions going")
    phone.click("#post-button")
    phone.locator("#mine").get_by_text("waiting for review").wait_for()
    assert phone.evaluate("Object.keys(localStorage).length") > 0
    # Esc while typing, composing with an input method or in an open <details> is theirs.
    phone.fill("#text", "A draft in progress")
    phone.locator("#text").press("Escape")
    phone.evaluate(
        "document.body.dispatchEvent(new KeyboardEvent('keydown',"
        " {key: 'Escape', isComposing: true, bubbles: true}))"
    )
    details = phone.locator("details.panel").first
    details.locator("summary").click()  # opens it, and the summary has the focus
    assert details.get_attribute("open") is not None
    phone.keyboard.press("Escape")
    phone.wait_for_timeout(300)
    assert phone.url == f"{server.url}/j/{server.code}"
    assert phone.locator("#text").input_value() == "A draft in progress"
    # Anywhere else it leaves, and takes the draft with it.
    phone.evaluate("document.activeElement.blur()")
    phone.keyboard.press("Escape")
    phone.wait_for_url(f"{server.url}/bye")
    assert phone.evaluate("Object.keys(localStorage).filter(k => k.startsWith('cg:'))") == []
    assert "cg_device" not in {c["name"] for c in context.cookies()}
    # An ordinary-looking page, not a blank one; Back does not lead to the session.
    assert phone.title() == "Search" and phone.locator("input[type=search]").is_visible()
    phone.go_back()
    phone.wait_for_timeout(300)
    assert "/j/" not in phone.url and phone.url != "about:blank"


def test_quick_exit_keeps_unsent_posts_until_delivered(browser: Any, server: Server) -> None:
    context = phone_context(browser)
    phone = context.new_page()
    phone.goto(f"{server.url}/j/{server.code}")
    phone.locator("#mine-empty").wait_for()
    server.kill()
    phone.fill("#text", "Typed just before leaving in a hurry")
    phone.click("#post-button")
    phone.locator("#mine").get_by_text("Sending").wait_for()
    # The socket stays down, so the post is still waiting when the exit is taken.
    context.route(SOCKET_IO, abort)
    server.start()
    phone.get_by_role("link", name="Quick exit").click()
    phone.wait_for_url(f"{server.url}/bye?keep=1")
    assert "cg_device" in {c["name"] for c in context.cookies()}
    context.unroute(SOCKET_IO, abort)
    # The beacon (or, failing that, the next visit's resend) delivers it exactly once.
    again = context.new_page()
    again.goto(f"{server.url}/j/{server.code}")
    again.locator("#mine").get_by_text("waiting for review").wait_for(timeout=20_000)
    assert stored(server) == ["Typed just before leaving in a hurry"]
    again.wait_for_function(
        "c => localStorage.getItem('cg:outbox:' + c) === '[]'", arg=server.code, timeout=20_000
    )


def test_two_tabs_share_one_outbox(browser: Any, server: Server) -> None:
    errors: list[str] = []
    context = phone_context(browser)
    online = context.new_page()
    watch_errors(online, errors)
    online.goto(f"{server.url}/j/{server.code}")
    online.locator("#mine-empty").wait_for()
    # A second tab whose socket cannot get through queues a post...
    offline = context.new_page()
    offline.route(SOCKET_IO, abort)
    offline.goto(f"{server.url}/j/{server.code}")
    offline.fill("#text", "Queued in the tab that is offline")
    offline.click("#post-button")
    # ...and the connected tab posts: its save must not drop the other tab's post. It
    # sends that post too (perhaps already, on the storage event: so the offline tab may
    # never show "Sending"), and both tabs learn that both posts were received.
    online.fill("#text", "Posted in the tab that is online")
    online.click("#post-button")
    for page in (online, offline):
        for text in ("Queued in the tab that is offline", "Posted in the tab that is online"):
            page.locator("#mine li").filter(has_text=text).get_by_text(
                "waiting for review"
            ).wait_for(timeout=15_000)
    assert sorted(stored(server)) == [
        "Posted in the tab that is online",
        "Queued in the tab that is offline",
    ]
    offline.unroute(SOCKET_IO, abort)
    offline.reload()
    offline.locator("#mine").get_by_text("Posted in the tab that is online").wait_for()
    assert offline.locator("#mine").get_by_text("Sending").count() == 0
    assert len(stored(server)) == 2
    outbox = online.evaluate("c => JSON.parse(localStorage.getItem('cg:outbox:' + c))", server.code)
    assert outbox == []
    assert errors == []


def test_a_post_stored_under_another_cookie_counts_as_received(
    browser: Any, server: Server
) -> None:
    first = phone_context(browser).new_page()
    first.goto(f"{server.url}/j/{server.code}")
    first.fill("#text", "Sent before the cookie was lost")
    first.click("#post-button")
    first.locator("#mine").get_by_text("waiting for review").wait_for()
    key = first.evaluate(
        "c => JSON.parse(localStorage.getItem('cg:mine:' + c))[0].client_key", server.code
    )
    # The same outbox item, resent by a phone whose device cookie has changed since.
    phone = phone_context(browser).new_page()
    phone.goto(f"{server.url}/j/{server.code}")
    phone.evaluate(
        "([c, item]) => localStorage.setItem('cg:outbox:' + c, JSON.stringify([item]))",
        [server.code, {"client_key": key, "text": "Sent before the cookie was lost", "tries": 0}],
    )
    phone.reload()
    phone.locator("#mine").get_by_text("Received", exact=True).wait_for()
    assert phone.locator("#mine").get_by_text("Not sent").count() == 0
    assert phone.locator("#mine [data-putback]").count() == 0
    outbox = phone.evaluate("c => JSON.parse(localStorage.getItem('cg:outbox:' + c))", server.code)
    assert outbox == []
    assert stored(server) == ["Sent before the cookie was lost"]


def test_lost_device_cookie_reloads_the_page_once(browser: Any, server: Server) -> None:
    context = phone_context(browser)
    phone = context.new_page()
    loads: list[str] = []
    phone.on("load", lambda page: loads.append(page.url))
    phone.goto(f"{server.url}/j/{server.code}")
    phone.locator("#mine-empty").wait_for()

    # The socket reconnects without the cookie: one reload brings a new one.
    context.clear_cookies()
    server.kill()
    server.start()
    phone.wait_for_function("() => document.getElementById('conn').hidden", timeout=20_000)
    phone.wait_for_timeout(500)
    assert len(loads) == 2
    assert "cg_device" in {c["name"] for c in context.cookies()}

    # Again within a minute (a browser that keeps no cookies): no reload loop, a message.
    context.clear_cookies()
    server.kill()
    server.start()
    phone.locator("#conn").get_by_text("reload", exact=False).wait_for(timeout=20_000)
    phone.wait_for_timeout(2000)
    assert len(loads) == 2


def test_a_closed_session_stops_reconnecting(browser: Any, server: Server) -> None:
    phone = phone_context(browser).new_page()
    phone.goto(f"{server.url}/j/{server.code}")
    phone.locator("#mine-empty").wait_for()
    server.kill()
    engine = make_engine(server.database_url)
    with engine.begin() as conn:
        conn.execute(
            update(ListeningSession)
            .where(ListeningSession.id == server.session_id)
            .values(status=SessionStatus.CLOSED)
        )
    engine.dispose()
    server.start()
    phone.locator("#status-banner").get_by_text("This session has ended").wait_for(timeout=20_000)
    assert phone.locator("#post-button").is_disabled()
    assert phone.locator("#conn").is_hidden()
    attempts: list[str] = []
    phone.on("request", lambda r: attempts.append(r.url) if "/socket.io/" in r.url else None)
    phone.wait_for_timeout(3000)
    assert attempts == []
    # Reloaded, the same address is the session's report-back.
    phone.reload()
    assert "This session has ended" in phone.locator(".banner-closed").inner_text()
    phone.get_by_role("heading", name="What we are doing").wait_for()


def test_support_card_and_redaction_review(browser: Any, server: Server) -> None:
    phone = phone_context(browser).new_page()
    phone.goto(f"{server.url}/j/{server.code}")
    phone.fill("#text", "I don't want to live anymore")
    phone.click("#post-button")
    phone.locator("#support-card").wait_for()  # shown at once, with the help panel open
    assert phone.locator("#help").evaluate("el => el.open")
    phone.fill("#text", "Officer Smith stopped my son. Call me at 612-555-0147")
    phone.click("#post-button")
    phone.locator("#mine").get_by_text("Call me at 612-555-0147").wait_for()

    console = sign_in(browser, server)
    item = console.locator(".c-item").filter(has_text="As posted")
    item.locator("mark").first.wait_for()
    assert "[phone]" in item.locator(".concern-text").inner_text()
    # The self-harm post is not on this facilitator's console at all.
    assert console.get_by_text("want to live").count() == 0
    item.get_by_role("button", name="Show “Smith”").click()
    console.get_by_text("Officer Smith stopped my son").first.wait_for()
    screenshot(console, "console-redaction-review")
    screenshot(phone, "participant-support-card")


def upgraded(page: Any) -> list[str]:
    """Collects the URL of each Socket.IO WebSocket once the client finished upgrading
    to it (it sends Engine.IO's ``5`` "upgrade" packet after a good probe)."""
    done: list[str] = []

    def on_socket(ws: Any) -> None:
        ws.on("framesent", lambda frame: done.append(ws.url) if frame == "5" else None)

    page.on("websocket", on_socket)
    return done


def test_every_live_page_upgrades_to_websocket(browser: Any, server: Server) -> None:
    phone = phone_context(browser).new_page()
    phone_ws = upgraded(phone)
    phone.goto(f"{server.url}/j/{server.code}")
    display = browser.new_context().new_page()
    display_ws = upgraded(display)
    display.goto(f"{server.url}/d/{server.code}")
    console = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    console_ws = upgraded(console)
    console.goto(server.url + "/login")
    console.fill("input[name=username]", "facilitator")
    console.fill("input[name=password]", PASSWORD)
    console.click("button[type=submit]")
    console.goto(f"{server.url}/facilitator/sessions/{server.session_id}")
    for page, done in ((phone, phone_ws), (display, display_ws), (console, console_ws)):
        deadline = 100
        while not done and deadline:
            page.wait_for_timeout(100)
            deadline -= 1
        assert done and "transport=websocket" in done[0], page.url
    # Upgraded and working: a post reaches the console over the WebSocket.
    phone.fill("#text", "Sent over the upgraded connection")
    phone.click("#post-button")
    console.get_by_text("Sent over the upgraded connection").first.wait_for()


# The vendored client, with WebSocket taken away: as on a venue network that blocks it.
POLLING_ONLY = """
(() => {
  let real;
  Object.defineProperty(window, "io", {
    configurable: true,
    get() { return real; },
    set(io) {
      real = Object.assign((opts) => io(Object.assign({}, opts, { transports: ["polling"] })), io);
    },
  });
})();
"""


def test_fifty_queued_posts_over_long_polling_are_all_acknowledged(
    browser: Any, server: Server
) -> None:
    server.stop()
    server.extra_env = {"POST_RATE_LIMIT": "1000/minute"}
    server.start()
    context = phone_context(browser)
    context.add_init_script(POLLING_ONLY)
    phone = context.new_page()
    transports: list[str] = []
    phone.on("request", lambda r: transports.append(r.url) if "/socket.io/" in r.url else None)
    phone.on("websocket", lambda ws: transports.append(ws.url))
    phone.goto(f"{server.url}/j/{server.code}")
    phone.locator("#mine-empty").wait_for()
    items = [
        {"client_key": f"burst-{n:02d}-{'k' * 20}", "text": f"Queued post {n}", "tries": 0}
        for n in range(50)
    ]
    # Fifty posts written while offline, sent at once when the page comes back.
    phone.evaluate(
        "([c, items]) => localStorage.setItem('cg:outbox:' + c, JSON.stringify(items))",
        [server.code, items],
    )
    phone.reload()
    phone.wait_for_function(
        "c => JSON.parse(localStorage.getItem('cg:outbox:' + c) || '[1]').length === 0",
        arg=server.code,
        timeout=60_000,
    )
    assert phone.locator("#mine .status-sending").count() == 0
    assert phone.locator("#mine .mine-item").count() == 50
    assert sorted(stored(server)) == sorted(i["text"] for i in items)  # one row each
    assert transports and all("transport=polling" in url for url in transports)
