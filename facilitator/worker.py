"""Run theme analysis jobs: ``python -m facilitator.worker``.

With Redis configured (``JOBS_REDIS_URL``, or a ``redis://`` ``SOCKETIO_MESSAGE_QUEUE``)
this is an RQ worker on the themes queue; progress reaches every server process's
consoles through the Socket.IO message queue. Without Redis it is the embedded worker
that ``python run.py`` starts and stops itself: it polls the database for queued runs.
"""

from __future__ import annotations

import argparse
import logging
import signal
from typing import Any

from redis import Redis
from rq import Worker

from facilitator.themes.jobs import QUEUE_NAME, jobs_redis_url, work_queued, worker_app


class Stopped(Exception):
    """The worker was asked to stop (SIGTERM) in the middle of a job."""


def _stop(_signum: int, _frame: Any) -> None:
    # An Exception, not SystemExit: the job catches it and marks its run failed, so
    # nothing is left "running".
    raise Stopped


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Run Common Ground's theme analysis jobs.")
    parser.add_argument("--once", action="store_true", help="run what is queued, then exit")
    parser.add_argument("--parent", type=int, default=None, help="exit when this pid is gone")
    parser.add_argument("--poll", type=float, default=0.5, help="seconds between polls")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    app = worker_app()
    url = jobs_redis_url(app)
    if url is not None:
        # Each job builds its own app context (facilitator.themes.jobs.run_job).
        Worker([QUEUE_NAME], connection=Redis.from_url(url)).work(burst=args.once)
        return
    signal.signal(signal.SIGTERM, _stop)
    with app.app_context():
        try:
            work_queued(args.poll, once=args.once, parent=args.parent)
        except Stopped:  # between jobs: nothing to clean up
            return


if __name__ == "__main__":
    main()
