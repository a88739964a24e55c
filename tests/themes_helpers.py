"""Small factories for the theme tests: concerns in every state, and a stored run."""

from __future__ import annotations

from typing import Any

from flask import Flask

from facilitator.extensions import db
from facilitator.models import Concern, ConcernStatus, ListeningSession, User
from facilitator.privacy import new_client_key
from facilitator.services import themes as service
from facilitator.theme_models import ThemeRun


def add_concern(
    ls: ListeningSession,
    text: str,
    status: ConcernStatus = ConcernStatus.SHOWN,
    **fields: Any,
) -> int:
    with db.writing() as s:
        concern = Concern(
            session_id=ls.id,
            client_key=new_client_key(),
            text=text,
            status=status,
            redactions=fields.pop("redactions", []),
            safety_kinds=fields.pop("safety_kinds", []),
            prompt_id=fields.pop("prompt_id", ls.current_prompt_id),
            **fields,
        )
        s.add(concern)
        s.flush()
        return concern.id


def stored_run(
    app: Flask, ls: ListeningSession, user: User | None, groups: list[list[int]], other=()
) -> ThemeRun:
    """A done run whose themes are ``groups`` of concern ids (as the analysis would say)."""
    with db.writing() as s:
        ls = s.get(ListeningSession, ls.id)
        run = service.request_run(s, ls, user)
        service.claim_run(s, run.id)
        s.refresh(run)
        data = service.analysis_input(s, ls)
        result = {
            "themes": [
                {
                    "id": f"theme-{n + 1}",
                    "label": f"Theme {n + 1}",
                    "keywords": [f"word{n}"],
                    "members": group,
                    "quotes": [f"Quote {n + 1}a", f"Quote {n + 1}b"],
                    "category": "T4",
                    "category_confidence": 0.5,
                    "sentiment": {"label": "negative"},
                }
                for n, group in enumerate(groups)
            ],
            "other": list(other),
            "flagged": [],
            "meta": {"backend": "lexical"},
        }
        service.store_result(s, run, result, data, duration=0.5, model_version="test")
        return run


def approved_summary_in(
    s: Any, ls: ListeningSession, user: User, themes: dict[str, list[str]]
) -> ThemeRun:
    """Inside an open write transaction ``s``: post ``themes`` (label -> texts) as shown
    concerns of ``ls``, store a run with those themes and approve it (nothing else opens
    a transaction, so this nests in a fixture's ``db.writing()``)."""
    groups = []
    for texts in themes.values():
        ids = []
        for text in texts:
            concern = Concern(
                session_id=ls.id,
                client_key=new_client_key(),
                text=text,
                status=ConcernStatus.SHOWN,
                prompt_id=ls.current_prompt_id,
                redactions=[],
                safety_kinds=[],
            )
            s.add(concern)
            s.flush()
            ids.append(concern.id)
        groups.append(ids)
    run = service.request_run(s, ls, user)
    service.claim_run(s, run.id)
    s.refresh(run)
    result = {
        "themes": [
            {
                "id": f"theme-{n + 1}",
                "label": label,
                "keywords": [],
                "members": group,
                "quotes": [themes[label][0]],
                "category": "T3",
                "category_confidence": 0.7,
                "sentiment": {},
            }
            for n, (label, group) in enumerate(zip(themes, groups, strict=True))
        ],
        "other": [],
        "flagged": [],
        "meta": {"backend": "test"},
    }
    service.store_result(s, run, result, service.analysis_input(s, ls), duration=0.1)
    service.approve_summary(s, run, run.revision, user)
    return run
