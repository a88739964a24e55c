"""Start Common Ground on the eventlet server.

    python run.py                      # 0.0.0.0:5000, SQLite in ./instance
    python run.py --port 8080 --public-url http://192.168.1.20:8080

Everything eventlet-specific lives in this file (eventlet is in maintenance mode; another
async server can replace it here without touching the app).
"""

from __future__ import annotations

import os

# psycopg's C wait function blocks the whole process under eventlet; its select()-based
# one goes through eventlet's green select. Must be set before psycopg is imported.
os.environ.setdefault("PSYCOPG_WAIT_FUNC", "wait_select")

import warnings

# eventlet warns on import that it is in maintenance mode; that is known (see the module
# docstring) and only alarms whoever starts the server.
warnings.filterwarnings("ignore", message=r"\s*Eventlet is deprecated")

import eventlet  # noqa: E402

eventlet.monkey_patch()

import argparse  # noqa: E402
import contextlib  # noqa: E402
import logging  # noqa: E402
import resource  # noqa: E402
import signal  # noqa: E402
import socket  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
from typing import Any  # noqa: E402

import eventlet.tpool  # noqa: E402
import eventlet.wsgi  # noqa: E402
import psutil  # noqa: E402
from eventlet.patcher import original  # noqa: E402

import safety  # noqa: E402
from facilitator import create_app, offload, retention  # noqa: E402
from facilitator.extensions import db, socketio  # noqa: E402
from facilitator.logs import NoAddressStream, ServerLog, configure_logging  # noqa: E402
from facilitator.migrate import upgrade_database  # noqa: E402
from facilitator.qr import qr_text  # noqa: E402
from facilitator.services.accounts import has_any_user  # noqa: E402
from facilitator.services.language import detect_language  # noqa: E402
from facilitator.themes.jobs import jobs_redis_url  # noqa: E402

# The OS thread id (the monkey-patched threading module would give a greenlet's).
_native_thread_id = original("threading").get_native_id

# No client address in the access log: the default format starts with it.
ACCESS_LOG_FORMAT = '"%(request_line)s" %(status_code)s %(body_length)s %(wall_seconds).3f'


def without_websocket_compression(app: Any) -> Any:
    """Refuse permessage-deflate: eventlet would compress every frame for every phone.

    Measured with benchmarks/live_load.py at 1,000 phones: compression took about 29% of
    the server's time and raised peak memory from about 180 to 420 MiB, for messages
    that are small JSON anyway.
    """

    def wsgi(environ: dict[str, Any], start_response: Any) -> Any:
        environ.pop("HTTP_SEC_WEBSOCKET_EXTENSIONS", None)
        return app(environ, start_response)

    return wsgi


def in_background_thread(fn: Any, *args: Any) -> Any:
    """``fn(*args)`` in eventlet's OS thread pool, at the lowest CPU priority.

    The event loop serves every phone from one thread; Argon2 hashing in a pool thread
    (and the helper threads it starts, which inherit the priority) would otherwise get
    an equal share of the CPU and slow every page while a spray of sign-ins goes on.
    """
    return eventlet.tpool.execute(_at_low_priority, fn, *args)


def _at_low_priority(fn: Any, *args: Any) -> Any:
    # Linux: the priority of this thread only (a pool thread; it stays low). Elsewhere
    # the call may fail: the work still runs off the loop, at normal priority.
    with contextlib.suppress(OSError):
        os.setpriority(os.PRIO_PROCESS, _native_thread_id(), 19)
    return fn(*args)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Start the Common Ground server.")
    parser.add_argument(
        "--host",
        default=os.environ.get("HOST", "0.0.0.0"),  # noqa: S104 - phones on the LAN must reach it
        help="address to listen on (HOST)",
    )
    parser.add_argument(
        "--port", type=int, default=int(os.environ.get("PORT", "5000")), help="port (PORT)"
    )
    parser.add_argument(
        "--database-url",
        default=None,
        help="SQLAlchemy URL (DATABASE_URL); default SQLite in instance/",
    )
    parser.add_argument(
        "--public-url", default=None, help="URL phones use to reach this server (PUBLIC_URL)"
    )
    parser.add_argument(
        "--message-queue",
        default=None,
        help="Redis URL for several server processes (SOCKETIO_MESSAGE_QUEUE)",
    )
    parser.add_argument(
        "--max-connections",
        type=int,
        default=int(os.environ.get("MAX_CONNECTIONS", "10000")),
        help="concurrent connections (MAX_CONNECTIONS); eventlet's default is 1,024",
    )
    parser.add_argument(
        "--backlog",
        type=int,
        default=int(os.environ.get("LISTEN_BACKLOG", "4096")),
        help="listen backlog (LISTEN_BACKLOG)",
    )
    parser.add_argument("--no-access-log", action="store_true", help="do not log requests")
    parser.add_argument("--no-qr", action="store_true", help="do not draw the join QR code")
    return parser.parse_args(argv)


def lan_address() -> str:
    """The first IPv4 address of an interface that is up and not loopback."""
    stats = psutil.net_if_stats()
    for name, addresses in psutil.net_if_addrs().items():
        if not stats.get(name) or not stats[name].isup:
            continue
        for address in addresses:
            if address.family == socket.AF_INET and not address.address.startswith("127."):
                return address.address
    return "127.0.0.1"


def raise_open_file_limit(wanted: int) -> int:
    """Each connected phone holds a socket; the usual soft limit of 1,024 is too low."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = hard if hard != resource.RLIM_INFINITY else wanted
    target = max(soft, min(target, max(wanted, soft)))
    if target > soft:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
    return target


def scrub_output(stream_name: str) -> None:
    """Remove IP addresses from everything written to ``sys.<stream_name>``."""
    stream = getattr(sys, stream_name)
    if not isinstance(stream, NoAddressStream):
        setattr(sys, stream_name, NoAddressStream(stream))


def start_worker(app: Any) -> subprocess.Popen[bytes] | None:
    """Theme analysis runs in a worker process of its own, never on the event loop.

    Without Redis this server starts it (and stops it on exit), so one command is
    enough. With Redis, jobs go through RQ and ``python -m facilitator.worker`` runs
    wherever the operator starts it.
    """
    if jobs_redis_url(app) is not None:
        print("  Theme jobs: RQ (start `python -m facilitator.worker`).")
        return None
    env = dict(os.environ)
    env.update(DATABASE_URL=app.config["SQLALCHEMY_DATABASE_URI"], INSTANCE_PATH=app.instance_path)
    return subprocess.Popen(  # noqa: S603 - our own module, with this interpreter
        [sys.executable, "-m", "facilitator.worker", "--parent", str(os.getpid())], env=env
    )


def stop_worker(worker: subprocess.Popen[bytes] | None) -> None:
    if worker is None or worker.poll() is not None:
        return
    worker.send_signal(signal.SIGTERM)
    try:
        worker.wait(timeout=10)
    except subprocess.TimeoutExpired:
        worker.kill()


def main(argv: list[str] | None = None) -> None:
    # Whatever writes to stderr (eventlet's WebSocket errors, tracebacks), not only logging.
    scrub_output("stderr")
    args = parse_args(argv)
    configure_logging(logging.INFO)
    lan = lan_address()
    shown_host = lan if args.host in ("0.0.0.0", "::") else args.host  # noqa: S104
    origin = f"http://{shown_host}:{args.port}"
    public_url = (args.public_url or os.environ.get("PUBLIC_URL") or origin).rstrip("/")
    overrides = {
        "SOCKETIO_ASYNC_MODE": "eventlet",
        "PUBLIC_URL": public_url,
        # The public origin, plus this machine's own loopback for the facilitator's laptop.
        "SOCKETIO_ALLOWED_ORIGINS": sorted(
            {public_url, origin, f"http://localhost:{args.port}", f"http://127.0.0.1:{args.port}"}
        ),
    }
    if args.database_url:
        overrides["DATABASE_URL"] = args.database_url
    if args.message_queue:
        overrides["SOCKETIO_MESSAGE_QUEUE"] = args.message_queue
    app = create_app(overrides)
    # Password hashing (Argon2, tens of ms of CPU) runs in eventlet's OS thread pool: on
    # the event loop, a few sign-ins a second stalled every phone's page.
    offload.init_app(app, in_background_thread)
    # Posts are read in those threads too (the safety model), while the event loop is busy
    # with 1,000 phones. Each time a reading thread gets the GIL back (numpy releases it
    # around every matrix product) it waited up to the default 5 ms switch interval, so a
    # 20 ms read took seconds. benchmarks/live_load.py, 1,000 phones on this 2-core
    # machine: post->ack p50 2.7-4.1 s / p95 8.7 s at 5 ms; 344 / 795 ms at 0.5 ms.
    sys.setswitchinterval(0.0005)
    upgrade_database(app)
    # Load the sentence model and the safety prototypes, and the language detector, now:
    # otherwise the first post of the session waits seconds for them.
    semantic = safety.warm_up()
    detect_language("warming up the language detector", tuple(app.config["LANGUAGES"]))
    # SQLite's disk syncs (checkpoints) run in an OS thread, never on the event loop.
    db.start_checkpointer(
        spawn=socketio.start_background_task,
        sleep=socketio.sleep,
        run_in_thread=eventlet.tpool.execute,
    )

    # Raw posts of sessions approved RETENTION_DAYS ago are purged by a periodic task.
    retention.start_schedule(app)

    files = raise_open_file_limit(args.max_connections + 256)
    listener = eventlet.listen((args.host, args.port), backlog=args.backlog)

    with app.app_context():
        first_run = not has_any_user(db.session)
    print(f"\nCommon Ground is running on {public_url}", flush=True)
    print(f"  Facilitators: {public_url}/{'setup' if first_run else 'login'}")
    if first_run:
        print("  No account yet: open the address above to create the first administrator.")
    print(f"  Participants: {public_url}/join")
    if not args.no_qr:
        print(qr_text(f"{public_url}/join"))
    print(f"  Database: {app.config['SQLALCHEMY_DATABASE_URI'].split('@')[-1]}")
    print(
        "  Safety screening: rules and the multilingual model."
        if semantic
        else "  Safety screening: rules only (the sentence model is not installed)."
    )
    print(
        f"  Up to {args.max_connections:,} connections (open-file limit {files:,}).",
        "Ctrl-C stops.\n",
        flush=True,
    )

    # The addresses above are the server's own, for the facilitator; from here on the
    # output holds none (a client's address must never reach a terminal or a log file).
    scrub_output("stdout")
    worker = start_worker(app)
    try:
        eventlet.wsgi.server(
            listener,
            without_websocket_compression(app),
            max_size=args.max_connections,
            log=ServerLog(),
            log_output=not args.no_access_log,
            log_format=ACCESS_LOG_FORMAT,
            debug=False,  # no tracebacks to clients
            keepalive=True,
        )
    except KeyboardInterrupt:
        print("Stopped.")
        sys.exit(0)
    finally:
        stop_worker(worker)


if __name__ == "__main__":
    main()
