"""How long the retention purge of one big session takes (figures are printed, not asserted).

    python benchmarks/retention_bench.py                       # 2,000 posts, SQLite
    python benchmarks/retention_bench.py -n 10000 --me-too 5
    python benchmarks/retention_bench.py --database-url postgresql://postgres@127.0.0.1/bench

With ``--database-url`` the database must be empty and yours to fill: the script creates
the tables and leaves them. It makes one closed session with ``-n`` posts, ``--me-too``
"me too" rows each, a theme run holding every post as a member and its approved
summary, then times ``purge_due_sessions`` (one transaction) and a second, idle check.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from datetime import timedelta

from facilitator import create_app
from facilitator.extensions import db
from facilitator.models import Concern, ConcernStatus, ListeningSession, Support, utcnow
from facilitator.privacy import new_client_key
from facilitator.retention import purge_due_sessions
from facilitator.services import themes
from facilitator.services.accounts import create_user
from facilitator.services.sessions import SessionDetails, create_session, transition_session
from facilitator.theme_models import Theme, ThemeMember, ThemeRun


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("-n", type=int, default=2000, help="posts in the session")
    parser.add_argument("--me-too", type=int, default=5, help='"me too" rows per post')
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="cg-retention-")
    os.environ["INSTANCE_PATH"] = folder
    url = args.database_url or f"sqlite:///{folder}/bench.db"
    app = create_app({"DATABASE_URL": url})
    with app.app_context():
        db.create_all()
        with db.writing() as s:
            user = create_user(s, f"bench-{os.getpid()}", "a long bench passphrase", is_admin=True)
            ls = create_session(
                s, SessionDetails(title="Bench", purpose="", ground_rules="", prompts=["?"]), user
            )
            transition_session(s, ls, "open", user)
            concerns = [
                Concern(
                    session_id=ls.id,
                    client_key=new_client_key(),
                    text=f"Post {i}: the street lights on Elm have been out for weeks " * 2,
                    status=ConcernStatus.SHOWN,
                    redactions=[],
                    safety_kinds=[],
                    support_count=args.me_too,
                )
                for i in range(args.n)
            ]
            s.add_all(concerns)
            s.flush()
            s.add_all(
                Support(concern_id=c.id, supporter_hash=f"{j:02d}{c.id:062d}")
                for c in concerns
                for j in range(args.me_too)
            )
            run = themes.request_run(s, ls, user)
            run.status = themes.RunStatus.DONE
            theme = Theme(run=run, key="theme-1", label="Street lights", quotes=["q"], quote="q")
            s.add(theme)
            s.flush()
            s.add_all(
                ThemeMember(run_id=run.id, theme_id=theme.id, concern_id=c.id, supporters=6)
                for c in concerns
            )
            s.flush()
            themes.approve_summary(s, run, run.revision, user)
            transition_session(s, ls, "close", user)
            session_id, run_id = ls.id, run.id
        later = utcnow() + timedelta(days=91)
        start = time.perf_counter()
        purged = purge_due_sessions(later, 90)
        first = time.perf_counter() - start
        start = time.perf_counter()
        again = purge_due_sessions(later, 90)
        second = time.perf_counter() - start
        ls = db.session.get(ListeningSession, session_id)
        run = db.session.get(ThemeRun, run_id)
        assert ls.raw_purged_at is not None and run.approved_summary is not None and not again
    counts = purged[0]
    print(f"database: {db.engine.dialect.name}")
    print(
        f"purged {counts.posts:,} posts, {counts.me_too:,} me-too rows, "
        f"{counts.theme_members:,} theme members in {first * 1000:.0f} ms"
    )
    print(f"second check (nothing due): {second * 1000:.1f} ms")


if __name__ == "__main__":
    main()
