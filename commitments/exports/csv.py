"""CSV mechanics: dialects, cells a spreadsheet would run as a formula, and streaming."""

import csv
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


def neutralise(value):
    """A cell value safe for spreadsheets: None -> "", dangerous text gets a leading quote."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


class _Echo:
    """A file-like object whose write() returns the line, so csv.writer can feed a generator."""

    def write(self, value):
        return value


def csv_lines(rows: Iterable, columns, dialect: Dialect, context) -> Iterator[bytes]:
    """The encoded lines of a CSV file: the header, then one line per row."""
    writer = csv.writer(_Echo(), delimiter=dialect.delimiter)
    header = writer.writerow([column.header for column in columns])
    yield (("\ufeff" + header) if dialect.bom else header).encode("utf-8")
    for row in rows:
        yield writer.writerow([neutralise(column.value(row, context)) for column in columns]).encode("utf-8")


def csv_response(rows: Iterable, columns, dialect: Dialect, context, filename: str) -> StreamingHttpResponse:
    """A streaming CSV download of `rows`, one cell per column."""
    response = StreamingHttpResponse(csv_lines(rows, columns, dialect, context), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response
