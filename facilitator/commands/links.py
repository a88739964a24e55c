"""Indexing approved themes for the committee's cross-session link suggestions.

Suggesting links needs each approved theme's centroid (its members' mean embedding).
Encoding is seconds of CPU for a large session, so it runs off the event loop
(:func:`facilitator.offload.run_in_thread`), between a read and one short write.
"""

from __future__ import annotations

import logging

import analysis
from embedding import model_available
from facilitator.extensions import db
from facilitator.models import Initiative, ListeningSession
from facilitator.offload import run_in_thread
from facilitator.services import theme_links as service

log = logging.getLogger(__name__)


def index_initiative(initiative: Initiative) -> int:
    """Give every approved theme of the initiative its centroid, then store the new link
    suggestions; returns how many were added (0 without the sentence model)."""
    if not model_available():
        return 0
    s = db.session
    texts = {
        run.id: service.centroid_texts(s, run)
        for run in service.runs_missing_centroids(s, initiative)
    }
    vectors: dict[int, dict[int, list[float]]] = {}
    for run_id, by_theme in texts.items():
        keys = list(by_theme)
        rows = run_in_thread(analysis.centroids, [by_theme[k] for k in keys])
        vectors[run_id] = {k: row.tolist() for k, row in zip(keys, rows, strict=True)}
    with db.writing() as w:
        for run in service.runs_missing_centroids(w, initiative):
            if run.id in vectors:
                service.store_centroids(w, run, vectors[run.id])
        return service.suggest(w, initiative)


def index_after_approval(ls: ListeningSession) -> None:
    """After a facilitator approves a session's themes: index them for the committee.

    The approval itself is committed already; if indexing fails, the committee's
    "Suggest links" button does it again, so the failure is logged, not raised.
    """
    if ls.initiative is None:
        return
    try:
        added = index_initiative(ls.initiative)
    except Exception:
        log.exception("indexing the approved themes of session %s failed", ls.id)
    else:
        log.info("session %s: approved themes indexed, %d link suggestions", ls.id, added)
