#!/usr/bin/env bash
# Production smoke test on loopback: gunicorn with the production settings against PostgreSQL and
# the demo data; checks a page, /healthz and a full CSV export through it, that a worker killed
# mid-export, or an error in it, makes the download fail visibly (scripts/killed_export_check.py), then a pg_dump /
# pg_restore round trip that must give byte-identical exports. Bounded: about a minute.
#   scripts/production_smoke.sh [python]     (PGHOST 127.0.0.1, user postgres, trust auth)
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${1:-.venv/bin/python}
BIN=$(dirname "$PY")
PORT=${SMOKE_PORT:-18$((RANDOM % 900 + 100))}
DB=${SMOKE_DB:-smoke_$$}
PG="postgres://postgres@127.0.0.1:5432"
export DJANGO_SETTINGS_MODULE=tracker.settings_production
export SECRET_KEY="smoke-$(head -c 48 /dev/urandom | base64 | tr -d '/+=\n')"
export ALLOWED_HOSTS=127.0.0.1
export DATABASE_URL="$PG/$DB"
export STATIC_ROOT; STATIC_ROOT=$(mktemp -d)
GUNICORN_PID=""
cleanup() {
  [ -n "$GUNICORN_PID" ] && kill "$GUNICORN_PID" 2>/dev/null && wait "$GUNICORN_PID" 2>/dev/null || true
  dropdb -h 127.0.0.1 -U postgres --if-exists "$DB" || true
  dropdb -h 127.0.0.1 -U postgres --if-exists "${DB}_restored" || true
  rm -rf "$STATIC_ROOT" "${DUMP:-}"
}
trap cleanup EXIT

createdb -h 127.0.0.1 -U postgres "$DB"
"$PY" manage.py migrate --noinput -v0
"$PY" manage.py load_demo > /dev/null
"$PY" manage.py collectstatic --noinput -v0

GUNICORN_BIND="127.0.0.1:$PORT" GUNICORN_WORKERS=2 GUNICORN_THREADS=2 "$BIN/gunicorn" --config gunicorn.conf.py &
GUNICORN_PID=$!
for _ in $(seq 1 30); do curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break; sleep 1; done

# Behind the proxy the scheme is https; the header says so (SECURE_PROXY_SSL_HEADER).
get() { curl -fsS -H "X-Forwarded-Proto: https" "$@"; }
get "http://127.0.0.1:$PORT/healthz" | grep -q '"ok"'
echo "healthz: ok"
headers=$(get -D - -o /dev/null "http://127.0.0.1:$PORT/toezeggingen/")
grep -qi '^content-security-policy:' <<<"$headers"
grep -qi '^x-request-id:' <<<"$headers"
echo "list page: 200, with CSP and request id"
get "http://127.0.0.1:$PORT/static/css/site.css" -o /dev/null
echo "static files: served"
get "http://127.0.0.1:$PORT/toezeggingen/export.csv" -o "$STATIC_ROOT/export.csv"
rows=$(( $("$PY" -c "import csv,sys; print(sum(1 for _ in csv.reader(open(sys.argv[1], encoding='utf-8-sig'))))" "$STATIC_ROOT/export.csv") - 1 ))
expected=$("$PY" manage.py shell -v 0 --no-imports -c "from commitments.models import Commitment; print(Commitment.objects.count())")
[ "$rows" = "$expected" ] || { echo "export has $rows rows, expected $expected"; exit 1; }
echo "full export: $rows rows"

# A worker killed (SIGKILL) halfway through a large export: the client must see the download
# fail, never a shorter file that looks complete, and the database must be as it was.
kill_started=$SECONDS
"$PY" scripts/killed_export_check.py fill "${SMOKE_KILL_ROWS:-10000}"
# Every row of every table (pg_dump's per-run \restrict key left out).
dump_data() { pg_dump -h 127.0.0.1 -U postgres --data-only "$DB" 2>/dev/null | grep -v '^\\\(un\)\?restrict ' | sha256sum; }
data_before=$(dump_data)
"$PY" scripts/killed_export_check.py check "http://127.0.0.1:$PORT" "$GUNICORN_PID"
[ "$(dump_data)" = "$data_before" ] || { echo "the database changed during the killed export"; exit 1; }
echo "killed export: the client saw the transfer fail; database unchanged ($((SECONDS - kill_started)) s)"
get "http://127.0.0.1:$PORT/healthz" | grep -q '"ok"'
echo "healthz after the kill: ok (gunicorn replaced the worker)"
# An error in the worker midway (its database session ended): the download must fail the same way.
"$PY" scripts/killed_export_check.py check-db "http://127.0.0.1:$PORT"
echo "export with a database error midway: the client saw the transfer fail"
kill -TERM "$GUNICORN_PID"; wait "$GUNICORN_PID" || true; GUNICORN_PID=""
echo "gunicorn stopped gracefully"

# Backup and restore: pg_dump (custom format) of the loaded database, pg_restore into a new one;
# the exports of both must be byte-identical.
DUMP=$(mktemp)
pg_dump -h 127.0.0.1 -U postgres -Fc -f "$DUMP" "$DB"
createdb -h 127.0.0.1 -U postgres "${DB}_restored"
pg_restore -h 127.0.0.1 -U postgres --no-owner --exit-on-error -d "${DB}_restored" "$DUMP"
checksum() {
  DATABASE_URL="$PG/$1" "$PY" scripts/export_checksum.py
}
before=$(checksum "$DB"); after=$(checksum "${DB}_restored")
echo "exports before: $before"
echo "exports after:  $after"
[ "$before" = "$after" ]
echo "backup and restore: identical exports"
