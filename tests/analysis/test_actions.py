from __future__ import annotations

from analysis.actions import draft_action_item, priority, public_result
from analysis.models import Sentiment, Theme, ThemeResult


def theme(theme_id="theme-1", size=3, support=0, category="T3"):
    return Theme(
        id=theme_id,
        label="Body camera video",
        keywords=("video", "body", "camera"),
        members=tuple(f"{theme_id}-{i}" for i in range(size)),
        support=support,
        quotes=("Call me at 555-123-4567 about case #A1234", "Release the video"),
        category=category,
        category_label="Information, transparency and technology",
        category_confidence=0.8,
        sentiment=Sentiment("negative", -0.5, 2, 1, 0),
    )


def test_action_item_fields():
    item = draft_action_item(theme(size=6, support=9), total_supporters=40)
    assert item.owner == "police"
    assert item.priority == "high"
    assert item.status == "proposed" and item.we_did == ""
    assert item.quote is not None and "555" not in item.quote
    assert item.you_said.startswith('6 concerns, 9 "me too"')
    assert "people" not in item.you_said
    assert (item.concerns, item.support, item.people) == (6, 9, None)
    assert draft_action_item(theme(category=None), 40).owner == "joint"


def test_priority_levels():
    assert priority(theme(size=2, support=1), 100) == "low"
    assert priority(theme(size=3, support=3), 100) == "medium"


def test_public_result_folds_small_themes():
    big, small = theme("theme-1", size=4, support=3), theme("theme-2", size=3, support=1)
    items = (draft_action_item(big, 20), draft_action_item(small, 20))
    result = ThemeResult((big, small), ("x",), items, ("flag",), "lexical", 9, 0)
    public = public_result(result)
    assert [t.id for t in public.themes] == ["theme-1"]
    assert set(public.other) == {"x", *small.members}
    assert [i.theme_id for i in public.action_items] == ["theme-1"]
    assert public.flagged == () and public.public
    assert len(public.themes[0].quotes) == 1 and "555" not in public.themes[0].quotes[0]
