"""Approved themes across an initiative's sessions: side by side, linked into topics.

The committee reads approved summaries only: the text frozen when a facilitator approved
a session's themes (labels, summaries, redacted quotes, counts), never posts. Two themes
of different sessions about the same thing are *linked*; the app suggests links by the
similarity of the themes' members (each approved theme keeps the centroid of its
members' embeddings, so suggestions still work after the posts are purged) and a member
confirms or rejects each one. A *topic* is a connected group of confirmed links: its
support per session, in session order, is the chart the workspace draws.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

import analysis
from facilitator.errors import Conflict, DomainError, NotFound
from facilitator.models import Concern, Initiative, ListeningSession, User, utcnow
from facilitator.services.accounts import audit
from facilitator.services.text import clean_text
from facilitator.theme_models import LinkStatus, Theme, ThemeLink, ThemeRun

CATEGORIES = tuple(f"T{n}" for n in range(1, 10))
#: Member texts per theme that go into its centroid (the largest themes are sampled).
CENTROID_TEXTS = 200


@dataclass(frozen=True)
class ApprovedTheme:
    """One theme of a session's approved summary, as the committee reads it."""

    id: int  # the Theme row: what links and action items point at
    session: ListeningSession
    run: ThemeRun
    label: str
    summary: str
    quote: str
    category: str | None
    size: int
    supporters: int
    label_es: str = ""
    summary_es: str = ""

    @property
    def support(self) -> int:
        """ "Me too" taps on its concerns."""
        return self.supporters - self.size


@dataclass
class SessionThemes:
    session: ListeningSession
    run: ThemeRun
    themes: list[ApprovedTheme] = field(default_factory=list)


@dataclass(frozen=True)
class Topic:
    """Confirmed-linked themes: one subject, followed across sessions."""

    themes: tuple[ApprovedTheme, ...]

    @property
    def label(self) -> str:
        return max(self.themes, key=lambda t: (t.supporters, -t.id)).label

    def support_by_session(self, sessions: Sequence[ListeningSession]) -> list[int]:
        """Supporters (concerns and "me too") per session, 0 where the topic was absent."""
        totals: dict[int, int] = defaultdict(int)
        for theme in self.themes:
            totals[theme.session.id] += theme.supporters
        return [totals.get(ls.id, 0) for ls in sessions]


def session_date(ls: ListeningSession) -> datetime:
    """When a session happened, for ordering: opened, else created."""
    return ls.opened_at or ls.created_at


def approved_runs(db: Session, initiative: Initiative) -> dict[int, ThemeRun]:
    """Each session's newest approved, undiscarded run (approved as it stands), by session."""
    session_ids = [ls.id for ls in initiative.sessions]
    if not session_ids:
        return {}
    runs: dict[int, ThemeRun] = {}
    for run in db.scalars(
        select(ThemeRun)
        .where(
            ThemeRun.session_id.in_(session_ids),
            ThemeRun.discarded_at.is_(None),
            ThemeRun.approved_revision == ThemeRun.revision,
            ThemeRun.approved_summary.is_not(None),
        )
        .order_by(ThemeRun.number.desc())
    ):
        runs.setdefault(run.session_id, run)
    return runs


def is_approved(theme: Theme) -> bool:
    """The theme belongs to a run that is approved as it stands and not discarded."""
    return theme.run.approved and theme.run.discarded_at is None


def approved_themes(db: Session, initiative: Initiative) -> list[SessionThemes]:
    """The approved summaries of the initiative's sessions, in session order."""
    runs = approved_runs(db, initiative)
    if not runs:
        return []
    rows = {
        (t.run_id, t.key): t
        for t in db.scalars(select(Theme).where(Theme.run_id.in_([r.id for r in runs.values()])))
    }
    sessions = sorted(
        (ls for ls in initiative.sessions if ls.id in runs), key=lambda ls: session_date(ls)
    )
    out = []
    for ls in sessions:
        run = runs[ls.id]
        block = SessionThemes(ls, run)
        for data in (run.approved_summary or {}).get("themes", []):
            row = rows.get((run.id, data["id"]))
            if row is None:  # a summary written before its themes were renamed away
                continue
            block.themes.append(
                ApprovedTheme(
                    id=row.id,
                    session=ls,
                    run=run,
                    label=data.get("label", ""),
                    summary=data.get("summary", ""),
                    quote=data.get("quote", ""),
                    category=data.get("category"),
                    size=int(data.get("size", 0)),
                    supporters=int(data.get("supporters", 0)),
                    label_es=row.label_es,
                    summary_es=row.summary_es,
                )
            )
        out.append(block)
    return out


@dataclass(frozen=True)
class ThemeFilter:
    """What the side-by-side view shows: a category (T1-T9, or "none"), one session,
    themes with at least this many supporters."""

    category: str = ""
    session_id: int | None = None
    min_support: int = 0

    @classmethod
    def parse(cls, category: object, session_id: object, min_support: object) -> ThemeFilter:
        """From query parameters; anything unusable is a specific error."""
        category = str(category or "")
        if category and category != "none" and category not in CATEGORIES:
            raise DomainError("bad_category", _("Choose a category from T1 to T9, or none."))
        sid = None
        if session_id not in (None, ""):
            try:
                sid = int(str(session_id))
            except ValueError:
                raise DomainError("bad_session", _("Choose one of the sessions.")) from None
        try:
            support = int(str(min_support or 0))
        except ValueError:
            raise DomainError(
                "bad_support", _("The smallest support must be a whole number.")
            ) from None
        if not 0 <= support < 1_000_000:
            raise DomainError("bad_support", _("The smallest support must be 0 or more."))
        return cls(category, sid, support)

    def keep(self, theme: ApprovedTheme) -> bool:
        if self.session_id is not None and theme.session.id != self.session_id:
            return False
        if self.category == "none" and theme.category is not None:
            return False
        if self.category not in ("", "none") and theme.category != self.category:
            return False
        return theme.supporters >= self.min_support

    def apply(self, blocks: Iterable[SessionThemes]) -> list[SessionThemes]:
        return [
            SessionThemes(b.session, b.run, [t for t in b.themes if self.keep(t)])
            for b in blocks
            if self.session_id is None or b.session.id == self.session_id
        ]


def by_id(blocks: Iterable[SessionThemes]) -> dict[int, ApprovedTheme]:
    return {t.id: t for b in blocks for t in b.themes}


def links_of(db: Session, initiative: Initiative) -> list[ThemeLink]:
    return list(
        db.scalars(
            select(ThemeLink)
            .where(ThemeLink.initiative_id == initiative.id)
            .order_by(ThemeLink.similarity.desc(), ThemeLink.id)
        )
    )


def topics(links: Iterable[ThemeLink], approved: dict[int, ApprovedTheme]) -> list[Topic]:
    """Connected groups of confirmed links among the approved themes, biggest first."""
    parent: dict[int, int] = {}

    def root(x: int) -> int:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for link in links:
        a, b = link.theme_a_id, link.theme_b_id
        if link.status == LinkStatus.CONFIRMED and a in approved and b in approved:
            parent[root(a)] = root(b)
    groups: dict[int, list[ApprovedTheme]] = defaultdict(list)
    for theme_id in parent:
        groups[root(theme_id)].append(approved[theme_id])
    found = [
        Topic(tuple(sorted(g, key=lambda t: (session_date(t.session), t.id))))
        for g in groups.values()
        if len(g) > 1
    ]
    return sorted(found, key=lambda t: (-sum(x.supporters for x in t.themes), t.label))


# --- Suggestions --------------------------------------------------------------------


#: A theme's centroid is kept after its posts are purged. The mean of a few posts'
#: embeddings says much about each of them, so a theme of fewer concerns than this is
#: represented by its approved text (label, summary, quote) instead of its posts.
CENTROID_MIN_MEMBERS = 5


def centroid_texts(db: Session, run: ThemeRun) -> dict[int, list[str]]:
    """What each theme's centroid is made of: its members' shown text while the posts
    exist and there are enough of them, else its approved label, summary and quote."""
    rows = {
        c.id: c
        for c in db.scalars(
            select(Concern).where(Concern.id.in_([m.concern_id for m in run.members]))
        )
    }
    texts: dict[int, list[str]] = {}
    for theme in run.themes:
        members = [rows[m.concern_id].shown_text for m in theme.members if m.concern_id in rows]
        if len(members) > CENTROID_TEXTS:
            step = len(members) / CENTROID_TEXTS
            members = [members[int(i * step)] for i in range(CENTROID_TEXTS)]
        if len(members) < CENTROID_MIN_MEMBERS:
            members = [t for t in (theme.label, theme.summary, theme.quote) if t]
        texts[theme.id] = members
    return texts


def store_centroids(db: Session, run: ThemeRun, vectors: dict[int, list[float]]) -> None:
    for theme in run.themes:
        if theme.id in vectors:
            theme.centroid = [round(float(x), 5) for x in vectors[theme.id]]
    db.flush()


def runs_missing_centroids(db: Session, initiative: Initiative) -> list[ThemeRun]:
    return [
        run
        for run in approved_runs(db, initiative).values()
        if any(theme.centroid is None for theme in run.themes)
    ]


def suggest(db: Session, initiative: Initiative) -> int:
    """Store new suggestions between approved themes of different sessions; returns how
    many. A pair already suggested, confirmed or rejected is never suggested again."""
    runs = approved_runs(db, initiative)
    by_session = {
        session_id: {t.id: t.centroid for t in run.themes if t.centroid}
        for session_id, run in runs.items()
    }
    known = {
        (link.theme_a_id, link.theme_b_id)
        for link in db.scalars(select(ThemeLink).where(ThemeLink.initiative_id == initiative.id))
    }
    added = 0
    for a, b, cosine in analysis.link_suggestions(by_session, analysis.LINK_THRESHOLD):
        pair = (min(int(a), int(b)), max(int(a), int(b)))
        if pair in known:
            continue
        known.add(pair)
        db.add(
            ThemeLink(
                initiative_id=initiative.id,
                theme_a_id=pair[0],
                theme_b_id=pair[1],
                similarity=round(cosine, 4),
                status=LinkStatus.SUGGESTED,
            )
        )
        added += 1
    db.flush()
    return added


# --- A member's decisions -------------------------------------------------------------


def get_link(db: Session, initiative: Initiative, link_id: object) -> ThemeLink:
    link = db.get(ThemeLink, link_id) if isinstance(link_id, int) and link_id < 2**31 else None
    if link is None or link.initiative_id != initiative.id:
        raise NotFound("link_not_found", _("There is no such link between themes."))
    return link


def _describe(link: ThemeLink) -> str:
    return f"themes {link.theme_a_id} and {link.theme_b_id}"


def decide(
    db: Session, initiative: Initiative, link: ThemeLink, decision: object, by: User
) -> ThemeLink:
    """Confirm or reject a suggestion, or undo a confirmed link (it becomes rejected)."""
    if decision not in ("confirm", "reject"):
        raise DomainError("bad_decision", _("Choose to confirm or to reject the link."))
    link.status = LinkStatus.CONFIRMED if decision == "confirm" else LinkStatus.REJECTED
    link.decided_by_id = by.id
    link.decided_at = utcnow()
    audit(
        db,
        by,
        "theme_link_confirmed" if decision == "confirm" else "theme_link_rejected",
        initiative_id=initiative.id,
        detail=_describe(link),
    )
    db.flush()
    return link


def link_themes(
    db: Session,
    initiative: Initiative,
    approved: dict[int, ApprovedTheme],
    first: object,
    second: object,
    by: User,
) -> ThemeLink:
    """A member links two approved themes of different sessions by hand (confirmed)."""
    ids = []
    for value in (first, second):
        try:
            theme_id = int(str(value))
        except ValueError:
            theme_id = -1
        if theme_id not in approved:
            raise DomainError(
                "theme_not_approved",
                _("Choose two themes from the approved summaries of this initiative."),
            )
        ids.append(theme_id)
    a, b = sorted(ids)
    if approved[a].session.id == approved[b].session.id:
        raise DomainError(
            "same_session",
            _("Both themes are from the same session: link themes of different sessions."),
        )
    link = db.scalar(select(ThemeLink).where(ThemeLink.theme_a_id == a, ThemeLink.theme_b_id == b))
    if link is None:
        link = ThemeLink(initiative_id=initiative.id, theme_a_id=a, theme_b_id=b)
        db.add(link)
    elif link.status == LinkStatus.CONFIRMED:
        raise Conflict("already_linked", _("These two themes are already linked."))
    return decide(db, initiative, link, "confirm", by)


def translate_theme(
    db: Session,
    initiative: Initiative,
    theme: ApprovedTheme,
    label_es: str,
    summary_es: str,
    by: User,
) -> Theme:
    """The committee's Spanish label and summary for a theme's public "What we heard"."""
    row = db.get(Theme, theme.id)
    assert row is not None  # ApprovedTheme rows are loaded from the table
    row.label_es = label_es.strip() and clean_text(label_es, 200, field=_("Spanish label"))
    row.summary_es = summary_es.strip() and clean_text(summary_es, 5000, field=_("Spanish summary"))
    audit(db, by, "theme_translated", initiative_id=initiative.id, detail=f"theme {theme.id}")
    db.flush()
    return row


def links_touching(db: Session, theme_ids: Sequence[int]) -> list[ThemeLink]:
    if not theme_ids:
        return []
    return list(
        db.scalars(
            select(ThemeLink).where(
                or_(ThemeLink.theme_a_id.in_(theme_ids), ThemeLink.theme_b_id.in_(theme_ids))
            )
        )
    )
