"""Database models. No model holds anything that identifies a participant.

A participant appears only as keyed hashes (see ``facilitator.privacy``): ``Support``
rows carry a per-session hash so one device can say "me too" once and merged concerns can
count their supporters once; a ``Concern`` carries a per-post authorship hash, so posts by
one device cannot be linked to each other.
"""

from __future__ import annotations

import enum
import re
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Enum,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
    true,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from facilitator.db import Base
from safety import Span, redact

if TYPE_CHECKING:  # the theme tables live in their own module, which imports this one
    from facilitator.theme_models import Theme


def utcnow() -> datetime:
    return datetime.now(UTC)


def as_utc(value: datetime) -> datetime:
    """A stored time with its zone: SQLite returns naive datetimes; we only store UTC."""
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _iso(value: datetime | None) -> str | None:
    return None if value is None else as_utc(value).isoformat()


class SessionStatus(enum.StrEnum):
    DRAFT = "draft"
    OPEN = "open"
    PAUSED = "paused"
    CLOSED = "closed"


class ModerationMode(enum.StrEnum):
    APPROVE_FIRST = "approve_first"
    SHOW_IMMEDIATELY = "show_immediately"


class ConcernStatus(enum.StrEnum):
    HELD = "held"
    SHOWN = "shown"
    HIDDEN = "hidden"
    WITHDRAWN = "withdrawn"
    MERGED = "merged"
    # Decided privately by the safety moderator (hide_reason says how): never shown, and
    # never counted under a public reason.
    RESOLVED = "resolved"


class HideReason(enum.StrEnum):
    OFF_TOPIC = "off_topic"
    PERSONAL_INFORMATION = "personal_information"
    ABUSIVE = "abusive"
    DUPLICATE = "duplicate"
    SPAM = "spam"
    OTHER = "other"
    # The safety moderator's private outcomes (status RESOLVED): told to nobody but staff.
    RESOLVED_PRIVATELY = "resolved_privately"
    REFERRED_TO_SUPPORT = "referred_to_support"


# What a facilitator may hide a post for; the reason is shown to its author and counted
# in the room's moderation note.
SAFETY_OUTCOMES = (HideReason.RESOLVED_PRIVATELY, HideReason.REFERRED_TO_SUPPORT)
PUBLIC_HIDE_REASONS = tuple(r for r in HideReason if r not in SAFETY_OUTCOMES)


def _enum(cls: type[enum.Enum], name: str) -> Enum:
    # Stored as plain strings (no native ENUM type) so adding a value needs no DDL.
    return Enum(
        cls,
        name=name,
        native_enum=False,
        validate_strings=True,
        length=32,
        values_callable=lambda e: [m.value for m in e],
    )


class Affiliation(enum.StrEnum):
    """Whom a committee member speaks for (joint items need police and community)."""

    POLICE = "police"
    COMMUNITY = "community"
    CITY = "city"


class User(Base):
    """A staff account: administrator, facilitator, safety moderator, committee member.

    An account may hold several roles. Participants never have accounts.
    """

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    display_name: Mapped[str] = mapped_column(String(120), default="")
    password_hash: Mapped[str] = mapped_column(String(255))
    is_admin: Mapped[bool] = mapped_column(Boolean, default=False)
    # Sees and decides on posts held for safety (self-harm, threats, abuse disclosures).
    # Meant for a victim-services partner, not police (docs/domain.md, T0).
    is_safety_moderator: Mapped[bool] = mapped_column(Boolean, default=False)
    # Runs listening sessions (console, poster, display). Accounts from before roles
    # existed were all facilitators.
    is_facilitator: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    # Sits on the joint police-community committee of the initiatives it belongs to.
    is_committee_member: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default=false()
    )
    affiliation: Mapped[Affiliation | None] = mapped_column(
        _enum(Affiliation, "affiliation"), nullable=True
    )
    is_active_account: Mapped[bool] = mapped_column(Boolean, default=True)
    # Changing it logs the account out everywhere (it is part of the login cookie).
    session_nonce: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    # Flask-Login protocol.
    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def is_active(self) -> bool:
        return self.is_active_account

    @property
    def is_anonymous(self) -> bool:
        return False

    def get_id(self) -> str:
        return f"{self.id}:{self.session_nonce}"

    @property
    def can_moderate(self) -> bool:
        """Opens consoles: facilitators, safety moderators and administrators."""
        return self.is_admin or self.is_facilitator or self.is_safety_moderator

    @property
    def roles(self) -> list[str]:
        """Role codes in a fixed order (``labels.role_labels`` names them)."""
        flags = [
            ("admin", self.is_admin),
            ("facilitator", self.is_facilitator),
            ("safety_moderator", self.is_safety_moderator),
            ("committee_member", self.is_committee_member),
        ]
        return [code for code, held in flags if held]

    def __repr__(self) -> str:
        return f"<User {self.id} {self.username!r}>"


class ListeningSession(Base):
    """One listening session: its framing, prompts, join code and lifecycle."""

    __tablename__ = "listening_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    purpose: Mapped[str] = mapped_column(Text, default="")
    ground_rules: Mapped[str] = mapped_column(Text, default="")
    # Where a resident can make a formal complaint (office, phone, address, web page),
    # shown in the help panel; empty shows the generic advice to ask a facilitator.
    complaint_channel: Mapped[str] = mapped_column(Text, default="", server_default="")
    # The facilitator's Spanish versions of the texts above; "" where there is none
    # (Spanish readers then see the text as written).
    title_es: Mapped[str] = mapped_column(String(200), default="", server_default="")
    purpose_es: Mapped[str] = mapped_column(Text, default="", server_default="")
    ground_rules_es: Mapped[str] = mapped_column(Text, default="", server_default="")
    complaint_channel_es: Mapped[str] = mapped_column(Text, default="", server_default="")
    code: Mapped[str] = mapped_column(String(16), unique=True)
    status: Mapped[SessionStatus] = mapped_column(
        _enum(SessionStatus, "session_status"), default=SessionStatus.DRAFT
    )
    moderation_mode: Mapped[ModerationMode] = mapped_column(
        _enum(ModerationMode, "moderation_mode"), default=ModerationMode.APPROVE_FIRST
    )
    current_prompt_id: Mapped[int | None] = mapped_column(
        ForeignKey("prompts.id", use_alter=True, name="fk_session_current_prompt"),
        nullable=True,
    )
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    # The initiative whose members may run and review this session.
    initiative_id: Mapped[int | None] = mapped_column(
        ForeignKey("initiatives.id", ondelete="SET NULL"), nullable=True, index=True
    )
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    opened_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Retention (docs/privacy.md): when the raw posts were purged, and what the public
    # report-back still needs of them, frozen as counts at that moment.
    raw_purged_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    retained_counts: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)

    prompts: Mapped[list[Prompt]] = relationship(
        back_populates="session",
        order_by="Prompt.position",
        foreign_keys="Prompt.session_id",
        cascade="all, delete-orphan",
    )
    current_prompt: Mapped[Prompt | None] = relationship(
        foreign_keys=[current_prompt_id], post_update=True
    )
    initiative: Mapped[Initiative | None] = relationship(back_populates="sessions")

    TRANSLATED = ("title", "purpose", "ground_rules", "complaint_channel")

    def text_in(self, name: str, language: str) -> str:
        """The text ``name`` (one of ``TRANSLATED``) in ``language`` if written, else as is."""
        assert name in self.TRANSLATED
        if language == "es" and getattr(self, f"{name}_es"):
            return str(getattr(self, f"{name}_es"))
        return str(getattr(self, name))

    def to_dict(self) -> dict[str, Any]:
        prompt = self.current_prompt
        return {
            "id": self.id,
            "code": self.code,
            "title": self.title,
            "title_es": self.title_es or "",
            "purpose": self.purpose,
            "purpose_es": self.purpose_es or "",
            "ground_rules": self.ground_rules,
            "ground_rules_es": self.ground_rules_es or "",
            "status": self.status.value,
            "moderation_mode": self.moderation_mode.value,
            "current_prompt": prompt.to_dict() if prompt else None,
            "prompts": [p.to_dict() for p in self.prompts],
        }

    def __repr__(self) -> str:
        return f"<ListeningSession {self.id} {self.code} {self.status.value}>"


class Prompt(Base):
    """A question put to the room; a session has one or more, one of them current."""

    __tablename__ = "prompts"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("listening_sessions.id", ondelete="CASCADE"), index=True
    )
    text: Mapped[str] = mapped_column(Text)
    # The facilitator's Spanish version, shown to Spanish readers and under the prompt on
    # the display (docs/domain.md: Spanish everywhere). None: there is none.
    text_es: Mapped[str | None] = mapped_column(Text, nullable=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    session: Mapped[ListeningSession] = relationship(
        back_populates="prompts", foreign_keys=[session_id]
    )

    def text_in(self, language: str) -> str:
        """The prompt in ``language`` when there is a version in it, else as written."""
        return self.text_es if language == "es" and self.text_es else self.text

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "text": self.text, "text_es": self.text_es}

    def __repr__(self) -> str:
        return f"<Prompt {self.id} of session {self.session_id}>"


class Concern(Base):
    """A concern posted in a session, by a participant or on someone's behalf."""

    __tablename__ = "concerns"
    __table_args__ = (UniqueConstraint("session_id", "client_key", name="uq_concern_client_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("listening_sessions.id", ondelete="CASCADE"), index=True
    )
    prompt_id: Mapped[int | None] = mapped_column(
        ForeignKey("prompts.id", ondelete="SET NULL"), nullable=True
    )
    # Random key chosen by the phone per post: the same post sent twice is stored once.
    client_key: Mapped[str] = mapped_column(String(64))
    # HMAC of (session, device token, client key): proves authorship to the device that
    # holds the token, links to nothing else. Null for posts entered on someone's behalf.
    author_hash: Mapped[str | None] = mapped_column(String(64), nullable=True)
    text: Mapped[str] = mapped_column(Text)  # as posted (NFC), never changed
    display_text: Mapped[str | None] = mapped_column(Text, nullable=True)  # facilitator edit
    language: Mapped[str | None] = mapped_column(String(16), nullable=True)
    # Identifying details found in ``text`` ([{"start", "end", "kind"}], offsets into it),
    # replaced by placeholders wherever the post is shown; facilitators can drop any.
    redactions: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    # Non-empty when the post looks like self-harm, a threat or an abuse disclosure: it
    # is then held for a safety moderator whatever the moderation mode.
    safety_kinds: Mapped[list[str]] = mapped_column(JSON, default=list)
    status: Mapped[ConcernStatus] = mapped_column(
        _enum(ConcernStatus, "concern_status"), default=ConcernStatus.HELD, index=True
    )
    hide_reason: Mapped[HideReason | None] = mapped_column(
        _enum(HideReason, "hide_reason"), nullable=True
    )
    pinned: Mapped[bool] = mapped_column(Boolean, default=False)
    merged_into_id: Mapped[int | None] = mapped_column(
        ForeignKey("concerns.id", ondelete="SET NULL"), nullable=True, index=True
    )
    on_behalf: Mapped[bool] = mapped_column(Boolean, default=False)
    entered_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    # "Me too" taps by others: each distinct device that tapped this concern or one merged
    # into it, once. Authors are not counted. Kept here so a display needs no aggregate
    # query; the app, the export (column ``me_too``) and the analysis input all mean this.
    support_count: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    moderated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Every change stamps it, so a console that hears of changes out of order keeps the
    # newest (broadcasts can overtake each other between commit and emit).
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )

    merged: Mapped[list[Concern]] = relationship(
        foreign_keys=[merged_into_id], order_by="Concern.id"
    )

    @property
    def shown_text(self) -> str:
        """What others may see: the facilitator's edit, else the post with details redacted."""
        if self.display_text is not None:
            return self.display_text
        if not self.redactions:
            return self.text
        spans = [
            Span(r["start"], r["end"], r["kind"], self.text[r["start"] : r["end"]])
            for r in self.redactions
        ]
        return redact(self.text, spans, language=self.language).text

    @property
    def safety_hold(self) -> bool:
        """It looked like self-harm, a threat or an abuse disclosure when it arrived."""
        return bool(self.safety_kinds)

    @property
    def held_for_safety(self) -> bool:
        """Waiting for a safety moderator (the count "Held for safety")."""
        return self.safety_hold and self.status == ConcernStatus.HELD

    @property
    def safety_only(self) -> bool:
        """Held for safety, or resolved privately: nobody but a safety moderator may see or
        act on it."""
        return self.safety_hold and self.status in (ConcernStatus.HELD, ConcernStatus.RESOLVED)

    def to_public_dict(self) -> dict[str, Any]:
        """What participants and the display may see."""
        return {
            "id": self.id,
            "text": self.shown_text,
            "support": self.support_count,
            "pinned": self.pinned,
            "prompt_id": self.prompt_id,
            "language": self.language,
            # To the minute: finer times could help match a post to someone in the room.
            "created_at": _iso(self.created_at.replace(second=0, microsecond=0)),
        }

    def to_dict(self) -> dict[str, Any]:
        """What facilitators see: everything but the authorship hash."""
        data = self.to_public_dict()
        data.update(
            created_at=_iso(self.created_at),
            original_text=self.text,
            edited=self.display_text is not None,
            status=self.status.value,
            hide_reason=self.hide_reason.value if self.hide_reason else None,
            merged_into_id=self.merged_into_id,
            merged_ids=[c.id for c in self.merged],
            on_behalf=self.on_behalf,
            redactions=[
                {**r, "text": self.text[r["start"] : r["end"]]} for r in self.redactions or []
            ],
            safety_kinds=list(self.safety_kinds or []),
            moderated_at=_iso(self.moderated_at),
            updated_at=_iso(self.updated_at),
        )
        return data

    def to_author_dict(self) -> dict[str, Any]:
        """What the author's own phone is told about its post.

        A safety moderator's private outcome is not told: the phone says only that the
        post was read and not shown.
        """
        reason = self.hide_reason if self.hide_reason in PUBLIC_HIDE_REASONS else None
        return {
            "id": self.id,
            "client_key": self.client_key,
            "text": self.text,
            "status": self.status.value,
            "hide_reason": reason.value if reason else None,
        }

    def __repr__(self) -> str:
        return f"<Concern {self.id} {self.status.value}>"


class Support(Base):
    """One "me too" from one device on one concern (or on the concern it was merged into)."""

    __tablename__ = "supports"
    __table_args__ = (UniqueConstraint("concern_id", "supporter_hash", name="uq_support_once"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    concern_id: Mapped[int] = mapped_column(
        ForeignKey("concerns.id", ondelete="CASCADE"), index=True
    )
    # HMAC of (session, device token): the same within one session, unlinkable across.
    supporter_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    def __repr__(self) -> str:
        return f"<Support on {self.concern_id}>"


class SupportResource(Base):
    """A local source of help shown on every participant screen (docs/domain.md).

    ``verified_on`` is when someone last checked that the number or address works: it
    is shown to facilitators so that nobody is sent to a dead line.
    """

    __tablename__ = "support_resources"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("listening_sessions.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    contact: Mapped[str] = mapped_column(String(200))
    note: Mapped[str] = mapped_column(String(500), default="")
    verified_on: Mapped[date] = mapped_column(Date)
    position: Mapped[int] = mapped_column(Integer, default=0)

    @property
    def phone(self) -> str | None:
        """The contact as a dialable number, if it is one."""
        digits = re.sub(r"[^\d+]", "", self.contact)
        return digits if re.fullmatch(r"\+?\d{3,15}", digits) else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "contact": self.contact,
            "phone": self.phone,
            "note": self.note,
            "verified_on": self.verified_on.isoformat(),
        }

    def __repr__(self) -> str:
        return f"<SupportResource {self.name!r} of session {self.session_id}>"


class ModerationAction(Base):
    """Audit log: who moderated what, when and why. Never records participant identity."""

    __tablename__ = "moderation_actions"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("listening_sessions.id", ondelete="CASCADE"), index=True
    )
    # Indexed: deleting a session's posts (the retention purge) looks rows up by it.
    concern_id: Mapped[int | None] = mapped_column(
        ForeignKey("concerns.id", ondelete="SET NULL"), nullable=True, index=True
    )
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    action: Mapped[str] = mapped_column(String(32))
    detail: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    def __repr__(self) -> str:
        return f"<ModerationAction {self.action} on {self.concern_id}>"


class Initiative(Base):
    """A committee's work: several listening sessions and what follows them.

    Facilitators and committee members see only the initiatives they belong to.
    """

    __tablename__ = "initiatives"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    title_es: Mapped[str] = mapped_column(String(200), default="", server_default="")
    description: Mapped[str] = mapped_column(Text, default="", server_default="")
    description_es: Mapped[str] = mapped_column(Text, default="", server_default="")
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    sessions: Mapped[list[ListeningSession]] = relationship(
        back_populates="initiative", order_by="ListeningSession.id"
    )
    memberships: Mapped[list[InitiativeMember]] = relationship(
        back_populates="initiative", cascade="all, delete-orphan"
    )

    def __repr__(self) -> str:
        return f"<Initiative {self.id} {self.title!r}>"


class InitiativeMember(Base):
    """An account that belongs to an initiative (and so sees its sessions)."""

    __tablename__ = "initiative_members"
    __table_args__ = (UniqueConstraint("initiative_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    initiative_id: Mapped[int] = mapped_column(
        ForeignKey("initiatives.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    added_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    initiative: Mapped[Initiative] = relationship(back_populates="memberships")
    user: Mapped[User] = relationship()

    def __repr__(self) -> str:
        return f"<InitiativeMember user {self.user_id} of {self.initiative_id}>"


class AuditEvent(Base):
    """Who changed an account or an initiative, when, and what (never a password or token)."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    actor_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )
    action: Mapped[str] = mapped_column(String(40))
    subject_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )
    initiative_id: Mapped[int | None] = mapped_column(
        ForeignKey("initiatives.id", ondelete="SET NULL"), nullable=True
    )
    detail: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    def __repr__(self) -> str:
        return f"<AuditEvent {self.action} by {self.actor_id}>"


class PasswordReset(Base):
    """A one-time link an administrator hands to someone who lost their password.

    Only a hash of the token is stored: the link is shown once, to the administrator.
    """

    __tablename__ = "password_resets"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)

    def __repr__(self) -> str:
        return f"<PasswordReset for {self.user_id}>"


class ResponseType(enum.StrEnum):
    """What kind of answer an action item gives (docs/domain.md, the action-item record)."""

    ACKNOWLEDGE = "acknowledge"
    EXPLAIN = "explain"
    CHANGE_POLICY = "change_policy"
    TRAIN = "train"
    RESOURCE = "resource"
    REFER = "refer"
    DECLINE = "decline"


class OwnerRole(enum.StrEnum):
    POLICE = "police"
    COMMUNITY = "community"
    JOINT = "joint"


class ItemStatus(enum.StrEnum):
    PROPOSED = "proposed"
    ACCEPTED = "accepted"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DECLINED = "declined"


class ActionItem(Base):
    """ "You said / We did": what a committee will do about what residents said.

    The summary and quote are de-identified text written (or taken from an approved
    theme summary) when the item is made, never references to posts, so nothing here
    breaks when raw posts are purged.
    """

    __tablename__ = "action_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    initiative_id: Mapped[int] = mapped_column(
        ForeignKey("initiatives.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(200))
    title_es: Mapped[str] = mapped_column(String(200), default="")
    summary: Mapped[str] = mapped_column(Text, default="")  # what was said, de-identified
    summary_es: Mapped[str] = mapped_column(Text, default="")
    quote: Mapped[str] = mapped_column(Text, default="")  # at most one, redacted
    response_type: Mapped[ResponseType] = mapped_column(_enum(ResponseType, "response_type"))
    owner_role: Mapped[OwnerRole] = mapped_column(_enum(OwnerRole, "owner_role"))
    lead_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )
    due_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    status: Mapped[ItemStatus] = mapped_column(
        _enum(ItemStatus, "item_status"), default=ItemStatus.PROPOSED
    )
    progress: Mapped[int] = mapped_column(Integer, default=0)  # percent
    we_did: Mapped[str] = mapped_column(Text, default="")
    we_did_es: Mapped[str] = mapped_column(Text, default="")
    decline_reason: Mapped[str] = mapped_column(Text, default="")
    decline_reason_es: Mapped[str] = mapped_column(Text, default="")
    reported_back_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )

    milestones: Mapped[list[Milestone]] = relationship(
        back_populates="item", cascade="all, delete-orphan", order_by="Milestone.due_on"
    )
    changes: Mapped[list[StatusChange]] = relationship(
        back_populates="item", cascade="all, delete-orphan", order_by="StatusChange.id"
    )
    sign_offs: Mapped[list[SignOff]] = relationship(
        back_populates="item", cascade="all, delete-orphan", order_by="SignOff.id"
    )
    lead: Mapped[User | None] = relationship(foreign_keys=[lead_id])
    # The approved themes it answers (facilitator.theme_models.action_item_themes).
    themes: Mapped[list[Theme]] = relationship(
        secondary="action_item_themes", order_by="Theme.id", back_populates="action_items"
    )

    def is_overdue(self, today: date) -> bool:
        """Past its due date and neither done nor declined."""
        return (
            self.due_on is not None
            and self.due_on < today
            and self.status not in (ItemStatus.DONE, ItemStatus.DECLINED)
        )

    def __repr__(self) -> str:
        return f"<ActionItem {self.id} {self.status.value}>"


class Milestone(Base):
    """A dated step of an action item, public with it."""

    __tablename__ = "action_item_milestones"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(
        ForeignKey("action_items.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(200))
    title_es: Mapped[str] = mapped_column(String(200), default="")
    due_on: Mapped[date] = mapped_column(Date)
    done_on: Mapped[date | None] = mapped_column(Date, nullable=True)

    item: Mapped[ActionItem] = relationship(back_populates="milestones")

    def __repr__(self) -> str:
        return f"<Milestone {self.title!r} of {self.item_id}>"


class StatusChange(Base):
    """Who changed an item's status, when and why: the item's timeline (public once it is)."""

    __tablename__ = "action_item_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(
        ForeignKey("action_items.id", ondelete="CASCADE"), index=True
    )
    from_status: Mapped[ItemStatus | None] = mapped_column(
        _enum(ItemStatus, "item_status"), nullable=True
    )
    to_status: Mapped[ItemStatus] = mapped_column(_enum(ItemStatus, "item_status"))
    progress: Mapped[int] = mapped_column(Integer, default=0)
    why: Mapped[str] = mapped_column(Text, default="")
    by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    item: Mapped[ActionItem] = relationship(back_populates="changes")
    by: Mapped[User | None] = relationship()

    def __repr__(self) -> str:
        return f"<StatusChange {self.from_status} -> {self.to_status.value}>"


class SignOff(Base):
    """A committee member's agreement to a step of a joint item (accept, or confirm done)."""

    __tablename__ = "action_item_sign_offs"
    __table_args__ = (UniqueConstraint("item_id", "step", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(
        ForeignKey("action_items.id", ondelete="CASCADE"), index=True
    )
    step: Mapped[ItemStatus] = mapped_column(_enum(ItemStatus, "item_status"))
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )
    # Kept with the sign-off: the member's affiliation may change later.
    affiliation: Mapped[Affiliation] = mapped_column(_enum(Affiliation, "affiliation"))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    item: Mapped[ActionItem] = relationship(back_populates="sign_offs")

    def __repr__(self) -> str:
        return f"<SignOff {self.step.value} by {self.affiliation.value}>"


class FeedbackAnswer(enum.StrEnum):
    YES = "yes"
    PARTLY = "partly"
    NO = "no"


class ItemFeedback(Base):
    """A resident's "did this answer your concern?" on a public item: once per device.

    ``device_hash`` is keyed for this purpose and this item only (see
    ``facilitator.privacy.feedback_hash``): it cannot be linked to the device's posts,
    its "me too"s, or its answers on other items. There is no free text.
    """

    __tablename__ = "action_item_feedback"
    __table_args__ = (UniqueConstraint("item_id", "device_hash"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(
        ForeignKey("action_items.id", ondelete="CASCADE"), index=True
    )
    device_hash: Mapped[str] = mapped_column(String(64))
    answer: Mapped[FeedbackAnswer] = mapped_column(_enum(FeedbackAnswer, "feedback_answer"))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    def __repr__(self) -> str:
        return f"<ItemFeedback {self.answer.value} on {self.item_id}>"
