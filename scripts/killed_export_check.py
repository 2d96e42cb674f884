"""A worker killed halfway through a CSV export must not hand the client a complete-looking file.

Run by scripts/production_smoke.sh against its gunicorn (production settings, PostgreSQL):

    scripts/killed_export_check.py fill N          # N more commitments, copies of the loaded ones
    scripts/killed_export_check.py check URL PID   # PID: the gunicorn master
    scripts/killed_export_check.py check-db URL    # an error in the worker instead of a kill

`check` starts the export with a small receive buffer and reads only its first part, so the
worker stays blocked mid-stream; it finds the worker process that holds the connection (a child
of the master, through /proc), kills it with SIGKILL, then reads on. Passing means the client
saw the transfer fail (the chunked body has no final chunk, or the connection was reset) and got
fewer rows than the database holds. A read that ends cleanly (a body without chunking or
length, a buffered response) exits 1.

`check-db` does the same with an error instead of a kill: it ends the PostgreSQL session that
reads the export's rows (pg_terminate_backend), so the worker's next fetch raises; the worker must
break the connection (gunicorn does when a streamed body raises), not end the file cleanly.
"""

import http.client
import os
import signal
import socket
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
EXPORT = "/toezeggingen/export.csv"
# Kept small so the server's send buffer fills and the worker blocks after a few MB of the body.
RECEIVE_BUFFER = 32 * 1024
FIRST_PART = 256 * 1024


def fill(count: int) -> None:
    """Add `count` copies of the loaded commitments (plain commitments only), in one transaction."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings_production")
    import django

    django.setup()
    from django.db import transaction

    from commitments.models import Commitment

    originals = list(Commitment.objects.filter(motion__isnull=True))
    copies = []
    for index in range(count):
        copy = Commitment(
            **{
                f.attname: getattr(originals[index % len(originals)], f.attname)
                for f in Commitment._meta.concrete_fields
            }
        )
        copy.pk, copy.number = None, ""
        copies.append(copy)
    with transaction.atomic():
        Commitment.objects.bulk_create(copies, batch_size=5000)
    print(f"{Commitment.objects.count()} commitments")


def _socket_inodes(port_here: int, port_there: int) -> set[str]:
    """Inodes of the server side of the loopback connection between these two ports."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            local, remote = int(fields[1].rsplit(":", 1)[1], 16), int(fields[2].rsplit(":", 1)[1], 16)
            if (local, remote) == (port_there, port_here):
                inodes.add(fields[9])
    return inodes


def _children(parent: int) -> list[int]:
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            # "pid (comm) state ppid ...": comm may hold spaces, so split after its closing ")".
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == parent:
            children.append(int(stat.parent.name))
    return children


def serving_worker(master: int, client_port: int, server_port: int) -> int:
    """The pid of the gunicorn worker (a child of `master`) that holds the client's connection."""
    inodes = {f"socket:[{inode}]" for inode in _socket_inodes(client_port, server_port)}
    for pid in _children(master):
        for fd in Path(f"/proc/{pid}/fd").iterdir():
            try:
                if os.readlink(fd) in inodes:
                    return pid
            except OSError:
                continue
    raise SystemExit(f"no worker of gunicorn {master} holds the export's connection")


def _start_export(url: str):
    """(socket, response, first part of the body) of an export the client reads slowly."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, RECEIVE_BUFFER)
    sock.settimeout(30)
    sock.connect((parts.hostname, parts.port))
    connection.sock = sock
    connection.request("GET", EXPORT, headers={"X-Forwarded-Proto": "https"})
    response = connection.getresponse()
    if response.status != 200:
        raise SystemExit(f"export answered {response.status}")
    body = response.read(FIRST_PART)
    time.sleep(0.5)  # let the worker fill its send buffer and block
    return sock, response, body


def check(url: str, master: int) -> int:
    sock, response, body = _start_export(url)
    worker = serving_worker(master, sock.getsockname()[1], urlsplit(url).port)
    os.kill(worker, signal.SIGKILL)
    print(f"killed worker {worker} after {len(body)} bytes of the body")
    return _read_on(response, body)


def check_database_error(url: str) -> int:
    import psycopg2

    _sock, response, body = _start_export(url)
    database = psycopg2.connect(os.environ["DATABASE_URL"])
    database.autocommit = True
    with database.cursor() as cursor:
        # The export's session: the one in a transaction (it reads its rows in one, through a
        # server-side cursor); the workers' other sessions are idle between requests.
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database()"
            " AND pid <> pg_backend_pid() AND backend_type = 'client backend' AND xact_start IS NOT NULL"
        )
        ended = cursor.fetchall()
    database.close()
    if len(ended) != 1:
        print(f"FAIL: expected one session streaming the export, found {len(ended)}")
        return 1
    print(f"ended the export's database session after {len(body)} bytes of the body")
    return _read_on(response, body)


def _read_on(response, body: bytes) -> int:
    try:
        body += response.read()
    except (http.client.IncompleteRead, ConnectionError) as error:
        print(f"client saw the transfer fail: {type(error).__name__}")
        return 0
    lines = body.count(b"\n")
    print(f"FAIL: the body ended cleanly ({len(body)} bytes, {lines} lines) though its worker was killed")
    return 1


if __name__ == "__main__":
    if sys.argv[1:2] == ["fill"]:
        fill(int(sys.argv[2]))
    elif sys.argv[1:2] == ["check"]:
        sys.exit(check(sys.argv[2], int(sys.argv[3])))
    elif sys.argv[1:2] == ["check-db"]:
        sys.exit(check_database_error(sys.argv[2]))
    else:
        sys.exit(__doc__)
