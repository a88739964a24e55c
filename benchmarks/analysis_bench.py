"""Benchmark: time and peak memory to turn 1,000 and 10,000 concerns into themes.

Usage::

    python benchmarks/analysis_bench.py [--sizes 1000 10000] [--backend auto] [--repeat 3]
    python benchmarks/analysis_bench.py --in-app [--sizes 1000]

``--in-app`` times the job path instead, as the worker runs it after "Find themes": a
queued run on a session of n shown concerns (a temporary SQLite database), then
``facilitator.themes.jobs.execute`` (the adapter, the analysis with its progress
reports, storing the result in one transaction). "First" includes loading the model;
"warm" is a second run in the same process, as the worker keeps the model loaded.

Texts are Banking77 messages read from ../shared/data (short texts written by ordinary
people, like concerns); when n exceeds the file, texts are reused with a suffix. Each
case runs in a fresh child process so its peak resident memory (ru_maxrss) is its own.
"Cold" includes importing the package and loading the embedding model; "warm" is a
second call in the same process (the web app keeps the model loaded). Prints figures
only: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "banking77_train.csv"


def _texts(n: int) -> list[str]:
    if DATA.exists():
        with DATA.open(encoding="utf-8", newline="") as handle:
            base = [row["text"] for row in csv.DictReader(handle)]
    else:  # keeps the benchmark runnable without the shared data
        base = [f"concern number {i} about streetlights and response times" for i in range(500)]
    return [
        base[i % len(base)] + ("" if i < len(base) else f" ({i // len(base)})") for i in range(n)
    ]


def _child(n: int, backend: str, repeat: int) -> None:
    start = time.perf_counter()
    from analysis import Concern, ThemeFinder

    import_s = time.perf_counter() - start
    concerns = [Concern(id=i, text=text, support=i % 4) for i, text in enumerate(_texts(n))]
    runs = []
    themes = 0
    finder = None
    for _ in range(repeat):
        t0 = time.perf_counter()
        finder = ThemeFinder(backend=backend, random_state=0).fit(concerns)
        runs.append(time.perf_counter() - t0)
        themes = len(finder.themes_)
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps(
            {
                "n": n,
                "backend": finder.backend_ if finder else backend,
                "import_s": import_s,
                "first_s": runs[0],
                "warm_s": min(runs[1:]) if len(runs) > 1 else None,
                "themes": themes,
                "peak_mib": peak_kib / 1024,
            }
        )
    )


def _child_in_app(n: int, repeat: int) -> None:
    import tempfile

    from facilitator import create_app
    from facilitator.config import TestingConfig
    from facilitator.extensions import db
    from facilitator.models import Concern, ConcernStatus, ListeningSession
    from facilitator.privacy import new_client_key
    from facilitator.services import themes as service
    from facilitator.services.accounts import create_user
    from facilitator.services.sessions import SessionDetails, create_session, transition_session
    from facilitator.theme_models import ThemeRun
    from facilitator.themes import jobs

    folder = tempfile.mkdtemp(prefix="cg-bench-")
    os.environ["INSTANCE_PATH"] = folder

    class Config(TestingConfig):
        DATABASE_URL = f"sqlite:///{folder}/bench.db"

    app = create_app(Config)
    runs = []
    themes = 0
    with app.app_context():
        db.create_all()
        with db.writing() as s:
            user = create_user(s, "bench", "bench-password-long-enough", is_admin=True)
            details = SessionDetails(
                title="Benchmark", purpose="", ground_rules="", prompts=["What happened?"]
            )
            ls = create_session(s, details, user)
            transition_session(s, ls, "open", user)
            for i, text in enumerate(_texts(n)):
                s.add(
                    Concern(
                        session_id=ls.id,
                        client_key=new_client_key(),
                        text=text,
                        status=ConcernStatus.SHOWN,
                        support_count=i % 4,
                        redactions=[],
                        safety_kinds=[],
                        prompt_id=ls.current_prompt_id,
                    )
                )
            session_id, user_id = ls.id, user.id
        for _ in range(repeat):
            t0 = time.perf_counter()
            with db.writing() as s:
                ls = s.get(ListeningSession, session_id)
                run_id = service.request_run(s, ls, s.get(type(user), user_id)).id
            run = jobs.execute(run_id)
            runs.append(time.perf_counter() - t0)
            assert run is not None and run.status.value == "done", run and run.error
            themes = len(db.session.get(ThemeRun, run_id).themes)
            with db.writing() as s:  # a new run needs the previous one out of the way
                service.discard_run(s, s.get(ThemeRun, run_id), s.get(type(user), user_id))
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps(
            {
                "n": n,
                "backend": "job path",
                "first_s": runs[0],
                "warm_s": min(runs[1:]) if len(runs) > 1 else None,
                "themes": themes,
                "peak_mib": peak_kib / 1024,
            }
        )
    )


def main() -> int:
    """Run every case in a child process and print a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--backend", default="auto")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--in-app", action="store_true", help="time the job path")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        if args.in_app:
            _child_in_app(args.child, args.repeat)
        else:
            _child(args.child, args.backend, args.repeat)
        return 0
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"cpus: {os.cpu_count()}, python {sys.version.split()[0]}, load average before: {load}")
    print("| n | backend | first call (s) | warm (s) | themes | peak RSS (MiB) | load after |")
    print("|---|---|---|---|---|---|---|")
    for n in args.sizes:
        done = subprocess.run(  # noqa: S603 - this interpreter running this file
            [
                sys.executable,
                __file__,
                "--child",
                str(n),
                "--backend",
                args.backend,
                "--repeat",
                str(args.repeat),
                *(["--in-app"] if args.in_app else []),
            ],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        )
        row = json.loads(done.stdout.strip().splitlines()[-1])
        row["load"] = os.getloadavg()[0]
        warm = f"{row['warm_s']:.2f}" if row["warm_s"] is not None else "-"
        print(
            f"| {row['n']:,} | {row['backend']} | {row['first_s']:.2f} | {warm} | "
            f"{row['themes']} | {row['peak_mib']:.0f} | {row['load']:.1f} |"
        )
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
