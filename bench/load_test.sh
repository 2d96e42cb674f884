#!/usr/bin/env bash
# Load test of the production setup on loopback: gunicorn with the production settings against a
# throwaway PostgreSQL database holding the demo data (default) or N generated commitments, then
# bench/load_test.py (50 clients, 60 s). Drops the database afterwards.
#   bench/load_test.sh [demo|N] [python]
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${1:-demo}
PY=${2:-.venv/bin/python}
BIN=$(dirname "$PY")
PORT=${LOAD_PORT:-18$((RANDOM % 900 + 100))}
DB=load_$$
export DJANGO_SETTINGS_MODULE=tracker.settings_production
export SECRET_KEY="load-$(head -c 48 /dev/urandom | base64 | tr -d '/+=\n')"
export ALLOWED_HOSTS=127.0.0.1
export DATABASE_URL="postgres://postgres@127.0.0.1:5432/$DB"
export STATIC_ROOT; STATIC_ROOT=$(mktemp -d)
GUNICORN_PID=""
cleanup() {
  [ -n "$GUNICORN_PID" ] && kill "$GUNICORN_PID" 2>/dev/null && wait "$GUNICORN_PID" 2>/dev/null || true
  dropdb -h 127.0.0.1 -U postgres --if-exists "$DB" || true
  rm -rf "$STATIC_ROOT"
}
trap cleanup EXIT
createdb -h 127.0.0.1 -U postgres "$DB"
if [ "$DATA" = demo ]; then
  "$PY" manage.py migrate --noinput -v0
  "$PY" manage.py load_demo > /dev/null
else
  # bench_list_pages.populate() builds N commitments (with recipients and closing letters).
  DJANGO_SETTINGS_MODULE=tracker.settings "$PY" -c "import sys; sys.argv=['populate', '$DATA']; sys.path.insert(0, 'bench'); import bench_list_pages as b; b.populate()"
fi
"$PY" manage.py collectstatic --noinput -v0
GUNICORN_BIND="127.0.0.1:$PORT" "$BIN/gunicorn" --config gunicorn.conf.py &
GUNICORN_PID=$!
for _ in $(seq 1 30); do curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break; sleep 1; done
echo "data: $DATA; gunicorn: ${GUNICORN_WORKERS:-2*cores+1} workers x ${GUNICORN_THREADS:-4} threads; $(nproc) cores"
"$PY" bench/load_test.py "http://127.0.0.1:$PORT" --clients "${CLIENTS:-50}" --seconds "${SECONDS_:-60}"
