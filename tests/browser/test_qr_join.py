"""The poster's QR code, read by a real decoder, brings a phone into the session."""

from __future__ import annotations

import io
from typing import Any

from tests.browser.conftest import missing, phone_context, screenshot
from tests.server_harness import Server

try:
    import zxingcpp
    from PIL import Image
except ImportError:
    missing("pip install zxing-cpp pillow")


def test_a_phone_joins_through_the_posters_qr_code(browser: Any, server: Server) -> None:
    staff = browser.new_context(viewport={"width": 1280, "height": 900})
    staff.add_cookies(
        [{"name": "session", "value": server.staff_cookie().split("=", 1)[1], "url": server.url}]
    )
    poster = staff.new_page()
    poster.goto(f"{server.url}/facilitator/sessions/{server.session_id}/poster")
    qr = poster.locator("img.poster-qr")
    qr.wait_for()
    assert poster.evaluate("img => img.complete && img.naturalWidth > 0", qr.element_handle())
    screenshot(poster, "poster")
    # What a phone camera sees: the image as Chromium drew it, not the SVG's source.
    image = Image.open(io.BytesIO(qr.screenshot()))
    results = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
    assert len(results) == 1, "expected exactly one QR code on the poster"
    join_url = results[0].text
    assert join_url == f"{server.url}/j/{server.code}"
    assert join_url == poster.locator(".poster-url").inner_text().strip()
    staff.close()

    context = phone_context(browser)
    phone = context.new_page()
    assert phone.viewport_size == {"width": 360, "height": 740}
    phone.goto(join_url)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    phone.fill("#text", "We scanned the poster by the door to get here.")
    phone.click("#post-button")
    phone.locator("#mine li").filter(has_text="scanned the poster").get_by_text(
        "waiting for review"
    ).wait_for()
    screenshot(phone, "participant-joined-by-qr")
    context.close()
