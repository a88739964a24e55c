"""An administrator manages accounts in the browser, as a person would: no command line."""

from __future__ import annotations

import re
from typing import Any

from tests.browser.conftest import screenshot
from tests.server_harness import PASSWORD, Server


def _sign_in(page: Any, server: Server, username: str, password: str = PASSWORD) -> None:
    page.goto(server.url + "/login")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def test_admin_creates_a_committee_member_who_then_signs_in(browser: Any, server: Server) -> None:
    admin = browser.new_context().new_page()
    _sign_in(admin, server, "facilitator")
    admin.get_by_role("link", name="Accounts").click()
    admin.get_by_role("link", name="New account").click()
    admin.get_by_label("Username").fill("sgt-ramos")
    admin.get_by_label("Name shown to colleagues").fill("Sgt. Ramos")
    admin.get_by_label("First password").fill(PASSWORD)
    admin.get_by_label("Facilitator: runs listening sessions").uncheck()
    admin.get_by_label("Committee member: reviews themes and action items").check()
    admin.get_by_role("button", name="Create account").click()
    # Without an affiliation the account is refused, and what was typed is kept.
    admin.get_by_text("speaks for police").wait_for()
    assert admin.get_by_label("Username").input_value() == "sgt-ramos"
    admin.get_by_label("First password").fill(PASSWORD)
    admin.get_by_label("Affiliation").select_option(label="Police")
    admin.get_by_role("button", name="Create account").click()
    admin.get_by_text("Account sgt-ramos created.").wait_for()
    screenshot(admin, "admin-account-created")

    # A reset link, shown once, lets the member choose their own password.
    admin.get_by_role("button", name="Make a password reset link").click()
    link = admin.locator(".reset-link").inner_text()
    assert re.fullmatch(re.escape(server.url) + r"/reset/[A-Za-z0-9_-]{40,}", link)
    member = browser.new_context().new_page()
    member.goto(link)
    member.get_by_label("New password").fill("my own long passphrase")
    member.get_by_label("Repeat the password").fill("my own long passphrase")
    member.get_by_role("button", name="Save the new password").click()
    member.get_by_text("Your password is changed").wait_for()
    _sign_in(member, server, "sgt-ramos", "my own long passphrase")
    member.get_by_role("heading", name="Listening sessions").wait_for()
    # A committee member does not run sessions: no "New session" for them.
    assert member.get_by_role("link", name="New session").count() == 0

    admin.get_by_role("button", name="Deactivate and sign out everywhere").click()
    admin.get_by_text("can no longer sign in").wait_for()
    member.reload()
    member.get_by_role("heading", name="Facilitator sign in").wait_for()
    admin.goto(server.url + "/admin/audit")
    log = admin.locator("table").inner_text()
    for entry in ("Account created", "Password reset link made", "Account deactivated"):
        assert entry in log
    admin.context.close()
    member.context.close()
