"""Headless Chromium (Debian's package) driven by Playwright, against a real server.

CI installs ``chromium`` with apt-get; ``playwright install`` cannot download a browser
here. Screenshots go to ``$SCREENSHOT_DIR`` (default ``ci-artifacts/screenshots``).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from facilitator import ROOT
from tests.server_harness import CHROMIUM, CHROMIUM_ARGS

SCREENSHOTS = Path(os.environ.get("SCREENSHOT_DIR") or ROOT / "ci-artifacts" / "screenshots")


def missing(reason: str) -> None:
    """Skip where a tool is not installed, but fail in CI, which installs every one:
    a skipped browser test there would hide a broken page behind a green run."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI must install this: {reason}", pytrace=False)
    pytest.skip(reason, allow_module_level=True)


try:
    from playwright import sync_api
except ImportError:
    missing("pip install playwright")
if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
    missing(f"no Chromium at {CHROMIUM} (apt-get install chromium)")

pytestmark = pytest.mark.server


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def screenshot(page: Any, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def phone_context(browser: Any, **options: Any) -> Any:
    """An old, small phone: 360 px wide, touch."""
    return browser.new_context(
        viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True, **options
    )


def watch_errors(page: Any, errors: list[str]) -> None:
    """Collect uncaught exceptions and console errors (a failed load is one too)."""

    def on_console(msg: Any) -> None:
        if msg.type == "error":
            errors.append(f"console error: {msg.text}")

    page.on("pageerror", lambda exc: errors.append(f"page error: {exc}"))
    page.on("console", on_console)
