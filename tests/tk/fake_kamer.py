"""A stand-in for the Kamer's OData API on 127.0.0.1 (loopback only), serving recorded pages.

The tests of the client and of `sync_tk` against the live API use it: paging, retries and
failures run over real HTTP without the network.
"""

import json
import threading
import time
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

PAGES = Path(__file__).resolve().parent.parent / "data" / "tk" / "pages"
API = "/OData/v4/2.0/"


@dataclass
class Reply:
    """One answer of the stand-in."""

    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds to wait before answering, to outlast a client's timeout
    missing: int = 0  # bytes promised in Content-Length but never sent


@dataclass
class Request:
    path: str  # with its query string, as sent
    headers: dict[str, str]

    @property
    def query(self) -> str:
        return urllib.parse.urlsplit(self.path).query


class FakeKamer:
    """Replies by request path (exact path and query first, then the path alone).

    A path given several replies answers with them in turn and repeats the last one.
    """

    def __init__(self, base_url: str):
        self.base_url = base_url
        self.requests: list[Request] = []
        self.routes: dict[str, list[Reply]] = {}
        self.lock = threading.Lock()

    def serve(self, path: str, *replies: Reply) -> None:
        self.routes[path] = list(replies)

    def take(self, path: str, headers: dict[str, str]) -> Reply:
        with self.lock:
            self.requests.append(Request(path, headers))
            replies = self.routes.get(path) or self.routes.get(urllib.parse.urlsplit(path).path)
            if not replies:
                return Reply(b'{"error": "no such route"}', status=404)
            return replies.pop(0) if len(replies) > 1 else replies[0]

    def hits(self, path: str) -> int:
        return sum(1 for request in self.requests if urllib.parse.urlsplit(request.path).path == path)

    def url(self, path: str) -> str:
        return urllib.parse.urljoin(self.base_url, path)

    def page(self, name: str, next_path: str | None = None) -> Reply:
        """A recorded page as an OData envelope, linking to `next_path` on this server if given."""
        data = json.loads((PAGES / name).read_text(encoding="utf-8"))
        envelope = data if isinstance(data, dict) else {"@odata.context": self.url(API + "$metadata#Besluit")}
        envelope["value"] = data["value"] if isinstance(data, dict) else data
        if next_path:
            envelope["@odata.nextLink"] = self.url(next_path)
        return Reply(json.dumps(envelope, ensure_ascii=False).encode(), headers={"Content-Type": "application/json"})


class _Handler(BaseHTTPRequestHandler):
    server: "_Server"

    def do_GET(self) -> None:
        reply = self.server.kamer.take(self.path, dict(self.headers))
        if reply.delay:
            time.sleep(reply.delay)
        try:
            self.send_response(reply.status)
            for name, value in reply.headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(reply.body) + reply.missing))
            self.end_headers()
            self.wfile.write(reply.body)
        except OSError:
            pass  # the client gave up waiting: nobody to answer

    def log_message(self, format, *args) -> None:
        pass


class _Server(ThreadingHTTPServer):
    kamer: FakeKamer

    def handle_error(self, request, client_address) -> None:
        pass  # a client that timed out and hung up is part of the tests


@contextmanager
def running_kamer() -> Iterator[FakeKamer]:
    server = _Server(("127.0.0.1", 0), _Handler)
    host, port = server.server_address[:2]
    server.kamer = FakeKamer(f"http://{host}:{port}{API}")
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True)
    thread.start()
    try:
        yield server.kamer
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
