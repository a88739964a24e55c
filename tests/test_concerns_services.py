"""Concern rules: idempotent posts, one "me too" per device, merge, withdraw, moderation."""

from __future__ import annotations

import pytest
from flask import Flask
from sqlalchemy import func, select

from facilitator.errors import DomainError
from facilitator.extensions import db
from facilitator.models import (
    Concern,
    ConcernStatus,
    ListeningSession,
    ModerationAction,
    ModerationMode,
    User,
)
from facilitator.privacy import Device, new_client_key, new_device_token
from facilitator.services.concerns import (
    approve_concern,
    concern_counts,
    edit_concern,
    hide_concern,
    merge_concerns,
    my_concerns,
    pin_concern,
    post_concern,
    read_post,
    support_concern,
    supported_ids,
    withdraw_concern,
)
from facilitator.services.sessions import transition_session
from tests.conftest import make_session


def fresh(s, ls: ListeningSession) -> ListeningSession:
    """The session's row as this database session sees it now."""
    return s.get(ListeningSession, ls.id)


def device() -> Device:
    return Device(new_device_token("secret"), "secret")


@pytest.fixture
def ctx(app: Flask):
    with app.test_request_context():
        yield db.session


def _post(
    s,
    ls: ListeningSession,
    dev: Device,
    text: str = "More lighting on Elm Street",
    key: str | None = None,
):
    return post_concern(
        s, fresh(s, ls), client_key=key or new_client_key(), text=read_post(text), device=dev
    )


def test_same_post_sent_three_times_is_stored_once(ctx, ls: ListeningSession) -> None:
    dev, key = device(), new_client_key()
    results = [_post(ctx, ls, dev, key=key) for _ in range(3)]
    ctx.commit()
    assert [created for _, created in results] == [True, False, False]
    assert len({c.id for c, _ in results}) == 1
    assert ctx.scalar(select(func.count(Concern.id))) == 1


def test_resend_after_pause_still_returns_the_stored_post(
    ctx, ls: ListeningSession, admin: User
) -> None:
    dev, key = device(), new_client_key()
    first, _ = _post(ctx, ls, dev, key=key)
    transition_session(ctx, fresh(ctx, ls), "pause", admin)
    again, created = _post(ctx, ls, dev, key=key)
    assert again.id == first.id and not created
    with pytest.raises(DomainError) as err:
        _post(ctx, ls, dev)
    assert err.value.code == "session_paused"


def test_another_device_cannot_claim_a_post_key(ctx, ls: ListeningSession) -> None:
    key = new_client_key()
    _post(ctx, ls, device(), key=key)
    with pytest.raises(DomainError) as err:
        _post(ctx, ls, device(), key=key)
    assert err.value.code == "key_taken"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "text_empty"),
        ("   \n\t ", "text_empty"),
        ("x" * 1001, "text_too_long"),
        (None, "bad_payload"),
        (42, "bad_payload"),
    ],
)
def test_bad_text_is_refused_and_nothing_is_stored(
    ctx, ls: ListeningSession, text: object, code: str
) -> None:
    with pytest.raises(DomainError) as err:
        post_concern(
            ctx, fresh(ctx, ls), client_key=new_client_key(), text=read_post(text), device=device()
        )
    assert err.value.code == code
    assert ctx.scalar(select(func.count(Concern.id))) == 0


@pytest.mark.parametrize(
    "text",
    [
        "\u200b\u200c\u200d",  # zero-width space and joiners
        "\u202e\u2066\u2069\u200f\u061c",  # RLO and other bidi controls
        "\u3164\u3164",  # Hangul filler
        "\u115f\u1160\uffa0",  # choseong, jungseong and half-width fillers
        "\u2800\u2800\u2800",  # braille blank
        "\u0301\u0308\u20dd",  # combining marks with nothing to combine with
        " \u00a0\u3000\u2060\ufeff\u00ad\u180e\U000e0041",  # spaces, joiners, tags
    ],
)
def test_posts_of_invisible_characters_are_empty(ctx, ls: ListeningSession, text: str) -> None:
    with pytest.raises(DomainError) as err:
        _post(ctx, ls, device(), text=text)
    assert err.value.code == "text_empty"
    a, _ = _post(ctx, ls, device(), text="é")  # a mark on a letter is a letter
    assert ctx.get(Concern, a.id) is not None


def test_edits_of_invisible_characters_are_empty(ctx, ls: ListeningSession, admin: User) -> None:
    concern, _ = _post(ctx, ls, device())
    with pytest.raises(DomainError) as err:
        edit_concern(ctx, concern, "\u200b\u2800", admin)
    assert err.value.code == "text_empty"


def test_lone_surrogates_are_refused_as_invalid_text(ctx, ls: ListeningSession) -> None:
    with pytest.raises(DomainError) as err:
        _post(ctx, ls, device(), text="broken \ud800 text")
    assert err.value.code == "text_invalid"
    assert ctx.scalar(select(func.count(Concern.id))) == 0


def test_text_is_nfc_normalised_and_kept_in_any_script(ctx, ls: ListeningSession) -> None:
    decomposed = "Lakota: Mitákuye oyás\u030cʼiŋ, Tiếng Việt, العربية 😀"
    concern, _ = _post(ctx, ls, device(), text=decomposed)
    assert concern.text == "Lakota: Mitákuye oyášʼiŋ, Tiếng Việt, العربية 😀"
    assert len("x" * 1000) == 1000
    long_ok, _ = _post(ctx, ls, device(), text="ŋ" * 1000)
    assert len(long_ok.text) == 1000


@pytest.mark.parametrize("key", ["", "short", "x" * 65, "bad key with spaces!!!", None, 5])
def test_malformed_client_key_is_refused(ctx, ls: ListeningSession, key: object) -> None:
    with pytest.raises(DomainError) as err:
        post_concern(ctx, fresh(ctx, ls), client_key=key, text=read_post("hello"), device=device())
    assert err.value.code == "bad_payload"


def test_closed_and_draft_sessions_take_no_posts(app: Flask, ctx, admin: User) -> None:
    draft = make_session(app, status=None)
    with pytest.raises(DomainError) as err:
        _post(ctx, draft, device())
    assert err.value.code == "session_not_open"
    closed = make_session(app)
    transition_session(ctx, fresh(ctx, closed), "close", admin)
    with pytest.raises(DomainError) as err:
        _post(ctx, closed, device())
    assert err.value.code == "session_closed"


def test_approve_first_holds_and_show_immediately_shows(app: Flask, ctx) -> None:
    held, _ = _post(ctx, make_session(app), device())
    shown, _ = _post(ctx, make_session(app, mode=ModerationMode.SHOW_IMMEDIATELY), device())
    assert held.status == ConcernStatus.HELD
    assert shown.status == ConcernStatus.SHOWN


def test_me_too_once_per_device_never_on_own_or_hidden(
    ctx, ls: ListeningSession, admin: User
) -> None:
    author, fan = device(), device()
    concern, _ = _post(ctx, ls, author)
    with pytest.raises(DomainError) as err:
        support_concern(ctx, fresh(ctx, ls), concern.id, fan)
    assert err.value.code == "concern_not_shown"
    approve_concern(ctx, concern, admin)
    assert concern.support_count == 0  # the author is not a "me too"
    assert support_concern(ctx, fresh(ctx, ls), concern.id, fan).support_count == 1
    with pytest.raises(DomainError) as err:
        support_concern(ctx, fresh(ctx, ls), concern.id, fan)
    assert err.value.code == "already_supported"
    with pytest.raises(DomainError) as err:
        support_concern(ctx, fresh(ctx, ls), concern.id, author)
    assert err.value.code == "own_concern"
    for bad in (999999, "12", None, True, -1):
        with pytest.raises(DomainError) as err:
            support_concern(ctx, fresh(ctx, ls), bad, fan)
        assert err.value.code in {"concern_not_found", "bad_payload"}
    assert supported_ids(ctx, fresh(ctx, ls), fan) == {concern.id}


def test_merge_keeps_union_of_supporters_and_originals(
    ctx, ls: ListeningSession, admin: User
) -> None:
    a, _ = _post(ctx, ls, device(), "Lights out on Elm")
    b, _ = _post(ctx, ls, device(), "Elm street is dark at night")
    c, _ = _post(ctx, ls, device(), "Please fix the street lights")
    for concern in (a, b, c):
        approve_concern(ctx, concern, admin)
    both, only_b, only_c = device(), device(), device()
    for dev, target in ((both, a), (both, b), (only_b, b), (only_c, c)):
        support_concern(ctx, fresh(ctx, ls), target.id, dev)
    merge = merge_concerns(ctx, fresh(ctx, ls), a.id, [b.id, c.id], admin)
    # 3 distinct tapping devices (the one who tapped both counts once); no authors.
    assert merge.target.support_count == 3
    assert {m.id for m in merge.target.merged} == {b.id, c.id}
    assert b.status == ConcernStatus.MERGED and b.merged_into_id == a.id
    assert b.text == "Elm street is dark at night"  # the original stays traceable
    with pytest.raises(DomainError) as err:
        support_concern(ctx, fresh(ctx, ls), b.id, both)  # resolves to a, already counted
    assert err.value.code == "already_supported"
    assert support_concern(ctx, fresh(ctx, ls), b.id, device()).id == a.id


def test_merge_refuses_bad_requests(ctx, ls: ListeningSession, admin: User) -> None:
    a, _ = _post(ctx, ls, device())
    for target, ids in (
        (a.id, []),
        (a.id, [a.id]),
        (a.id, "x"),
        (a.id, [999999]),
        (999999, [a.id]),
    ):
        with pytest.raises(DomainError):
            merge_concerns(ctx, fresh(ctx, ls), target, ids, admin)


def test_withdraw_only_by_author_and_merged_voices_survive(
    ctx, ls: ListeningSession, admin: User
) -> None:
    author = device()
    a, _ = _post(ctx, ls, author, "first")
    b, _ = _post(ctx, ls, device(), "second")
    approve_concern(ctx, a, admin)
    approve_concern(ctx, b, admin)
    merge_concerns(ctx, fresh(ctx, ls), a.id, [b.id], admin)
    with pytest.raises(DomainError) as err:
        withdraw_concern(ctx, fresh(ctx, ls), a.id, device())
    assert err.value.code == "not_yours"
    result = withdraw_concern(ctx, fresh(ctx, ls), a.id, author)
    assert a.status == ConcernStatus.WITHDRAWN
    assert result.head is b and b.merged_into_id is None
    assert b.status == ConcernStatus.HELD  # back to review before it can show again
    assert b.support_count == 0


def test_hide_needs_a_reason_from_the_list(ctx, ls: ListeningSession, admin: User) -> None:
    concern, _ = _post(ctx, ls, device())
    with pytest.raises(DomainError) as err:
        hide_concern(ctx, concern, "because", admin)
    assert err.value.code == "bad_reason"
    hide_concern(ctx, concern, "personal_information", admin)
    assert concern.status == ConcernStatus.HIDDEN
    assert concern.hide_reason.value == "personal_information"


def test_edit_keeps_original_and_pin_needs_shown(ctx, ls: ListeningSession, admin: User) -> None:
    concern, _ = _post(ctx, ls, device(), "Call me at 555 0100 about the stop")
    edit_concern(ctx, concern, "About the stop", admin)
    assert concern.text == "Call me at 555 0100 about the stop"
    assert concern.to_public_dict()["text"] == "About the stop"
    with pytest.raises(DomainError):
        pin_concern(ctx, concern, True, admin)
    approve_concern(ctx, concern, admin)
    pin_concern(ctx, concern, True, admin)
    assert concern.pinned
    with pytest.raises(DomainError):
        pin_concern(ctx, concern, "yes", admin)
    actions = ctx.scalars(
        select(ModerationAction.action).where(ModerationAction.concern_id == concern.id)
    ).all()
    assert actions == ["edit", "approve", "pin"]


def test_counts_and_my_concerns(ctx, ls: ListeningSession, admin: User) -> None:
    mine_dev = device()
    mine, _ = _post(ctx, ls, mine_dev)
    other, _ = _post(ctx, ls, device())
    approve_concern(ctx, other, admin)
    support_concern(ctx, fresh(ctx, ls), other.id, mine_dev)
    counts = concern_counts(ctx, fresh(ctx, ls))
    assert (
        counts["posted"] == 2
        and counts["held"] == 1
        and counts["shown"] == 1
        and counts["me_too"] == 1
    )
    assert [c.id for c in my_concerns(ctx, fresh(ctx, ls), mine_dev)] == [mine.id]
    claimed = [{"id": mine.id}, {"id": other.id}, "junk"]
    assert [c.id for c in my_concerns(ctx, fresh(ctx, ls), mine_dev, claimed)] == [mine.id]


def test_withdrawn_group_head_never_puts_unapproved_text_on_screen(
    ctx, ls: ListeningSession, admin: User
) -> None:
    head_author = device()
    head, _ = _post(ctx, ls, head_author, "Lights on Elm")
    held, _ = _post(ctx, ls, device(), "call Officer Smith at 555-0100 about the lights")
    approve_concern(ctx, head, admin)
    fans = [device(), device(), device()]
    for fan in fans:
        support_concern(ctx, fresh(ctx, ls), head.id, fan)
    merge_concerns(ctx, fresh(ctx, ls), head.id, [held.id], admin)
    result = withdraw_concern(ctx, fresh(ctx, ls), head.id, head_author)
    assert result.head is held and held.status == ConcernStatus.HELD  # back to review
    assert held.support_count == 3  # the "me too"s stay with the group
    with pytest.raises(DomainError) as err:
        support_concern(ctx, fresh(ctx, ls), held.id, fans[0])
    assert err.value.code in {"already_supported", "concern_not_shown"}


def test_hidden_posts_cannot_be_merged(ctx, ls: ListeningSession, admin: User) -> None:
    a, _ = _post(ctx, ls, device(), "a")
    b, _ = _post(ctx, ls, device(), "b")
    hide_concern(ctx, b, "abusive", admin)
    for target, sources in ((a.id, [b.id]), (b.id, [a.id])):
        with pytest.raises(DomainError) as err:
            merge_concerns(ctx, fresh(ctx, ls), target, sources, admin)
        assert err.value.code == "concern_hidden"


def test_withdrawing_a_member_keeps_its_taps_in_the_group_once(
    ctx, ls: ListeningSession, admin: User
) -> None:
    a, _ = _post(ctx, ls, device(), "a")
    b_author = device()
    b, _ = _post(ctx, ls, b_author, "b")
    for concern in (a, b):
        approve_concern(ctx, concern, admin)
    both, only_b = device(), device()
    for dev, target in ((both, a), (both, b), (only_b, b)):
        support_concern(ctx, fresh(ctx, ls), target.id, dev)
    merge_concerns(ctx, fresh(ctx, ls), a.id, [b.id], admin)
    assert a.support_count == 2
    withdraw_concern(ctx, fresh(ctx, ls), b.id, b_author)
    assert a.support_count == 2  # b's author left; both devices still count, once


def test_ids_beyond_the_integer_range_are_bad_payloads(ctx, ls: ListeningSession) -> None:
    with pytest.raises(DomainError) as err:
        support_concern(ctx, fresh(ctx, ls), 2**40, device())
    assert err.value.code == "bad_payload"
