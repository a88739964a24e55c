"""Server time of the public report-back of a large initiative.

    python benchmarks/report_back.py                    # SQLite in a temporary instance
    python benchmarks/report_back.py --database-url postgresql://postgres@127.0.0.1/test

Seeds one initiative with 10 closed sessions and 100 published action items
(``report_seed.py``), then renders its public page ``/i/<id>`` and one session's
report-back ``/j/<code>`` with Flask's test client (the time the server spends, without
the network) and prints the median and 95th percentile over ``--runs`` requests, and each
page's size, raw and gzip -9. The page's weight as a phone downloads it, with its CSS,
is measured in a real browser by ``page_weight.py --report``.
"""

from __future__ import annotations

import argparse
import gzip
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.report_seed import seed_report  # noqa: E402 - needs the repository on sys.path
from facilitator import create_app  # noqa: E402
from facilitator.extensions import db  # noqa: E402
from facilitator.models import ListeningSession  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", help="default: SQLite in the temporary instance")
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--sessions", type=int, default=10)
    parser.add_argument("--items", type=int, default=100)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="cg-report-") as tmp:
        instance = Path(tmp) / "instance"
        instance.mkdir()
        url = args.database_url or f"sqlite:///{tmp}/report.db"
        initiative_id = seed_report(instance, url, args.sessions, args.items)
        app = create_app({"DATABASE_URL": url})
        with app.app_context():
            code = (
                db.session.query(ListeningSession.code)
                .filter(ListeningSession.initiative_id == initiative_id)
                .first()[0]
            )
        client = app.test_client()
        for name, path in (("initiative page", f"/i/{initiative_id}"), ("session", f"/j/{code}")):
            client.get(path)  # warm: templates compiled, connections open
            times = []
            for _ in range(args.runs):
                start = time.perf_counter()
                response = client.get(path)
                times.append((time.perf_counter() - start) * 1000)
                assert response.status_code == 200, response.status_code
            body = response.data
            p95 = statistics.quantiles(times, n=20)[18]
            print(
                f"{name:<16} {path:<22} p50 {statistics.median(times):6.1f} ms  p95 {p95:6.1f} ms"
                f"  {len(body) / 1000:6.1f} KB raw, {len(gzip.compress(body, 9)) / 1000:5.1f} KB"
                " gzipped (HTML only)"
            )
        db.session.remove()
        db.engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
