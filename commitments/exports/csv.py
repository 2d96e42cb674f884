"""CSV mechanics: dialects, cells a spreadsheet would run as a formula, and streaming."""

import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.http import StreamingHttpResponse
from django.utils.http import content_disposition_header

# A cell starting with one of these is run as a formula by Excel or LibreOffice (OWASP "CSV
# injection"). Such a cell gets a leading single quote. Only text is neutralised: numbers are
# written as numbers (dagen_te_laat is never negative), and so are dates (ISO, start with a digit).
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


_FORMULA_FIRST = frozenset(FORMULA_PREFIXES)  # each prefix is one character


def neutralised(cells: list) -> list:
    """The cells of one line, safe for spreadsheets: text starting with a formula prefix gets a
    leading quote; None stays None, which csv.writer writes as an empty cell."""
    return ["'" + cell if isinstance(cell, str) and cell[:1] in _FORMULA_FIRST else cell for cell in cells]


def neutralise(value):
    """One cell value safe for spreadsheets: None -> "", dangerous text gets a leading quote."""
    return "" if value is None else neutralised([value])[0]


# The file is written into a buffer and sent in blocks of about this many characters: a write to
# the socket per block rather than per line.
BLOCK_SIZE = 64 * 1024


def _take(buffer: io.StringIO) -> bytes:
    data = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return data.encode("utf-8")


def csv_lines(rows: Iterable, columns, dialect: Dialect, context) -> Iterator[bytes]:
    """The encoded CSV file in blocks: the header first (the download starts at once), then the
    rows, one line each.

    An error while the rows are read (the database gone, a bug) is raised, not caught: the server
    then breaks the connection without ending the chunked response, so the client sees a failed
    download rather than a file that looks complete.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=dialect.delimiter)
    if dialect.bom:
        buffer.write("\ufeff")
    writer.writerow([column.header for column in columns])
    yield _take(buffer)
    values = [column.value for column in columns]
    for row in rows:
        writer.writerow(neutralised([value(row, context) for value in values]))
        if buffer.tell() >= BLOCK_SIZE:
            yield _take(buffer)
    if buffer.tell():
        yield _take(buffer)


def csv_response(rows: Iterable, columns, dialect: Dialect, context, filename: str) -> StreamingHttpResponse:
    """A streaming CSV download of `rows`, one cell per column."""
    response = StreamingHttpResponse(csv_lines(rows, columns, dialect, context), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response
