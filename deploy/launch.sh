#!/usr/bin/env bash
# Start N Common Ground processes on consecutive loopback ports, sharing one PostgreSQL
# database and one Redis, for nginx (deploy/commonground.nginx) to balance. See README,
# "Several processes behind nginx".
#
#   DATABASE_URL=postgresql://commonground@127.0.0.1/commonground \
#   REDIS_URL=redis://127.0.0.1:6379/0 \
#   PUBLIC_URL=http://192.168.1.20 \
#   deploy/launch.sh 4 5001
#
# Every process gets the same DATABASE_URL, SECRET_KEY (generated once into the instance
# folder if unset), SOCKETIO_MESSAGE_QUEUE and RATELIMIT_STORAGE_URI (both REDIS_URL) and
# PUBLIC_URL (the address phones use: nginx's, not a process's). Migrations run once,
# from the first process, before the others start. Ctrl-C or SIGTERM stops them all.
set -euo pipefail
cd "$(dirname "$0")/.."

count="${1:?usage: deploy/launch.sh PROCESSES FIRST_PORT}"
first_port="${2:?usage: deploy/launch.sh PROCESSES FIRST_PORT}"
: "${DATABASE_URL:?set DATABASE_URL (PostgreSQL: SQLite cannot be shared by processes)}"
: "${REDIS_URL:?set REDIS_URL, e.g. redis://127.0.0.1:6379/0}"
: "${PUBLIC_URL:?set PUBLIC_URL to the address nginx serves, e.g. http://192.168.1.20}"
case "$DATABASE_URL" in
  sqlite*) echo "launch.sh: several processes need PostgreSQL, not SQLite" >&2; exit 2 ;;
esac

export INSTANCE_PATH="${INSTANCE_PATH:-$PWD/instance}"
mkdir -p "$INSTANCE_PATH"
if [ -z "${SECRET_KEY:-}" ]; then
  if [ ! -s "$INSTANCE_PATH/secret_key" ]; then
    (umask 077 && python3 -c 'import secrets; print(secrets.token_hex(32))' >"$INSTANCE_PATH/secret_key")
  fi
  SECRET_KEY="$(cat "$INSTANCE_PATH/secret_key")"
fi
export SECRET_KEY DATABASE_URL PUBLIC_URL
export SOCKETIO_MESSAGE_QUEUE="$REDIS_URL" RATELIMIT_STORAGE_URI="$REDIS_URL"
python="${PYTHON:-python3}"

pids=()
stop() {
  trap - INT TERM EXIT
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait || true
}
trap stop INT TERM EXIT

wait_up() {  # until the process answers /healthz (503 counts: it is up, Redis may lag)
  local port="$1" pid="$2"
  for _ in $(seq 1 150); do
    kill -0 "$pid" 2>/dev/null || { echo "launch.sh: process on port $port exited" >&2; return 1; }
    if "$python" - "$port" <<'PY' 2>/dev/null; then return 0; fi
import sys, urllib.error, urllib.request
try:
    urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/healthz", timeout=1)
except urllib.error.HTTPError:
    pass
PY
    sleep 0.2
  done
  echo "launch.sh: process on port $port did not start" >&2
  return 1
}

echo "upstream lines for deploy/commonground.nginx:"
for i in $(seq 0 $((count - 1))); do
  port=$((first_port + i))
  echo "    server 127.0.0.1:$port;"
  "$python" run.py --host 127.0.0.1 --port "$port" --public-url "$PUBLIC_URL" --no-qr \
    --no-access-log ${LAUNCH_ARGS:-} &
  pids+=("$!")
  # The first process applies the migrations; the others start once it is up.
  if [ "$i" -eq 0 ]; then wait_up "$port" "$!"; fi
done
for i in $(seq 1 $((count - 1))); do wait_up $((first_port + i)) "${pids[$i]}"; done
echo "launch.sh: $count processes up (pids ${pids[*]}); Ctrl-C stops them"
wait -n "${pids[@]}" || true
echo "launch.sh: a process exited; stopping the others" >&2
