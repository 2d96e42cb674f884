"""CSV mechanics: dialects, cells a spreadsheet would run as a formula, and streaming."""

import csv
import io
import queue
import threading
from collections.abc import Iterator
from dataclasses import dataclass

from django.db import connections
from django.http import StreamingHttpResponse
from django.utils.http import content_disposition_header

# A cell starting with one of these is run as a formula by Excel or LibreOffice (OWASP "CSV
# injection"). Such a text cell gets a leading single quote (`columns.text`).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Dialect:
    delimiter: str
    bom: bool


DIALECTS = {
    # RFC 4180: comma, UTF-8 without BOM, CRLF line ends (the csv module's default).
    "rfc4180": Dialect(delimiter=",", bom=False),
    # Excel with Dutch regional settings expects semicolons, and a BOM to read UTF-8.
    "excel": Dialect(delimiter=";", bom=True),
}
DEFAULT_DIALECT = "rfc4180"


# The file is written into a buffer and sent in blocks of about this many characters: a write to
# the socket per block rather than per line.
BLOCK_SIZE = 64 * 1024


def _take(buffer: io.StringIO) -> bytes:
    data = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return data.encode("utf-8")


def csv_lines(rows, columns, dialect: Dialect, context) -> Iterator[bytes]:
    """The encoded CSV file in blocks: the header first (the download starts at once), then a line
    per row of `rows` (`rows.ExportRows`), one cell per column.

    PostgreSQL writes the lines itself (COPY … CSV), SQLite's rows go through Python's csv writer:
    the same cells, the same bytes. An error while the rows are read (the database gone, a bug) is
    raised, not caught: the server then breaks the connection without ending the chunked response,
    so the client sees a failed download rather than a file that looks complete.
    """
    buffer = io.StringIO()
    if dialect.bom:
        buffer.write("\ufeff")
    csv.writer(buffer, delimiter=dialect.delimiter).writerow([column.header for column in columns])
    yield _take(buffer)
    with rows.cells(columns, context) as cells:
        if connections[cells.db].vendor == "postgresql":
            yield from _copied(cells, dialect)
        else:
            yield from _written(cells, dialect)


def _written(cells, dialect: Dialect) -> Iterator[bytes]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=dialect.delimiter)
    for row in cells.iterator(chunk_size=2000):
        writer.writerow(row)
        if buffer.tell() >= BLOCK_SIZE:
            yield _take(buffer)
    if buffer.tell():
        yield _take(buffer)


def _copied(cells, dialect: Dialect) -> Iterator[bytes]:
    """The lines PostgreSQL's COPY writes for the query `cells`, as Python's csv writer would.

    COPY writes what Python's writer does (quotes around a cell with the delimiter, a quote or a
    line break; quotes doubled; NULL as nothing), but ends each line with LF: the writer's CRLF is
    put back. COPY pushes its rows into a file, so it runs in a thread on the request's connection
    (inside its transaction) and hands over blocks: reading rows and sending blocks overlap.
    """
    connection = connections[cells.db]
    sql, params = cells.query.get_compiler(using=cells.db).as_sql()
    delimiter = connection.ops.compose_sql("%s", [dialect.delimiter])
    copy = f"COPY ({connection.ops.compose_sql(sql, params)}) TO STDOUT WITH (FORMAT csv, DELIMITER {delimiter})"
    sink = _Blocks()
    raw = connection.connection

    def run():
        try:
            with raw.cursor() as cursor:
                cursor.copy_expert(copy, sink)
            sink.close()
        except BaseException as error:  # handed to the request's thread, which raises it
            sink.fail(error)

    thread = threading.Thread(target=run, name="csv-copy", daemon=True)
    thread.start()
    finished = False
    try:
        yield from sink.blocks()
        finished = True
    finally:
        if not finished:
            # The client went away or the stream failed: stop the query (it ends with an error,
            # which the transaction's rollback clears) and let the thread finish.
            raw.cancel()
            sink.abandon()
        thread.join()


class _Blocks:
    """A file for COPY to write to (one call per row), read as blocks of about BLOCK_SIZE bytes."""

    _END = object()

    def __init__(self):
        self._queue: queue.Queue = queue.Queue(maxsize=8)
        self._lines: list[bytes] = []
        self._size = 0
        self._abandoned = False

    def write(self, line: bytes) -> None:
        # libpq hands over one whole row per call: its last byte is the row's LF.
        self._lines.append(line[:-1] + b"\r\n")
        self._size += len(line) + 1
        if self._size >= BLOCK_SIZE:
            self._put(b"".join(self._lines))
            self._lines, self._size = [], 0

    def close(self) -> None:
        if self._lines:
            self._put(b"".join(self._lines))
        self._put(self._END)

    def fail(self, error: BaseException) -> None:
        self._put(error)

    def abandon(self) -> None:
        """Nobody reads any more: drop what comes."""
        self._abandoned = True
        while not self._queue.empty():
            self._queue.get_nowait()

    def _put(self, item) -> None:
        while not self._abandoned:
            try:
                self._queue.put(item, timeout=0.1)
                return
            except queue.Full:
                continue

    def blocks(self) -> Iterator[bytes]:
        while (item := self._queue.get()) is not self._END:
            if isinstance(item, BaseException):
                raise item
            yield item


def csv_response(rows, columns, dialect: Dialect, context, filename: str) -> StreamingHttpResponse:
    """A streaming CSV download of `rows` (`rows.ExportRows`), one cell per column."""
    response = StreamingHttpResponse(csv_lines(rows, columns, dialect, context), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response
