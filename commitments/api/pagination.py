"""Keyset ("cursor") pagination over a queryset's own ordering, with empty values last.

DRF's CursorPagination keys on one field and cannot page through nullable sort keys (a
commitment without a due date). Here the cursor holds the last row's value of every ordering
key, the primary key last, so a page costs the same at row 10 or row 100,000, and rows added
or changed between two requests neither repeat nor vanish from the pages a client walks.
"""

import base64
import datetime
import json

from django.db.models import F, OrderBy, Q
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import BasePagination
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

MAX_PAGE_SIZE = 200


def ordering_keys(queryset) -> list[tuple[str, bool]]:
    """The queryset's ordering as (name, descending) pairs, ending with the primary key."""
    keys = []
    for item in queryset.query.order_by or queryset.model._meta.ordering:
        if isinstance(item, OrderBy) and isinstance(item.expression, F):
            keys.append((item.expression.name, item.descending))
        elif isinstance(item, str):
            keys.append((item.lstrip("-"), item.startswith("-")))
        else:  # pragma: no cover - an ordering this paginator was not written for
            raise TypeError(f"Cannot page by {item!r}")
        if "__" in keys[-1][0]:  # pragma: no cover - keys must be fields of the row itself
            raise TypeError(f"Cannot page by a related field ({keys[-1][0]})")
    keys = [("pk" if name in ("pk", "id") else name, descending) for name, descending in keys]
    names = [name for name, _ in keys]
    if "pk" in names:  # the primary key is unique: keys after it never decide
        return keys[: names.index("pk") + 1]
    return [*keys, ("pk", False)]


def _encode(value):
    if isinstance(value, datetime.datetime):
        return {"dt": value.isoformat()}
    if isinstance(value, datetime.date):
        return {"d": value.isoformat()}
    if isinstance(value, datetime.timedelta):
        return {"t": value.total_seconds()}
    return value


def _decode(value):
    if isinstance(value, dict):
        ((kind, raw),) = value.items()
        if kind == "dt":
            return datetime.datetime.fromisoformat(raw)
        if kind == "d":
            return datetime.date.fromisoformat(raw)
        if kind == "t":
            return datetime.timedelta(seconds=float(raw))
        raise ValueError(kind)
    if value is None or isinstance(value, (int, str)):
        return value
    raise ValueError(value)


def _after(keys, values) -> Q:
    """Rows after `values` in the order `keys`, empty values sorting last either way."""
    condition = Q(pk__in=[])
    equal = Q()
    for (name, descending), value in zip(keys, values, strict=True):
        if value is not None:
            later = Q(**{f"{name}__{'lt' if descending else 'gt'}": value})
            if name != "pk":
                later |= Q(**{f"{name}__isnull": True})
            condition |= equal & later
            equal &= Q(**{name: value})
        else:
            equal &= Q(**{f"{name}__isnull": True})
    return condition


class KeysetCursorPagination(BasePagination):
    """`?cursor=` from the previous page's `next` link, `?page_size=` up to 200 (default 50)."""

    cursor_query_param = "cursor"
    page_size_query_param = "page_size"
    default_page_size = 50
    invalid_cursor_message = _("Not a cursor from a next link.")

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        self.page_size = self._page_size(request)
        keys = ordering_keys(queryset)
        queryset = queryset.order_by(
            *[
                F(name).desc(nulls_last=True) if descending else F(name).asc(nulls_last=True)
                for name, descending in keys
            ]
        )
        cursor = request.query_params.get(self.cursor_query_param)
        if cursor:
            queryset = queryset.filter(_after(keys, self._decode_cursor(cursor, len(keys))))
        rows = list(queryset[: self.page_size + 1])
        self.has_next = len(rows) > self.page_size
        self.rows = rows[: self.page_size]
        self.next_values = [self._value(self.rows[-1], name) for name, _ in keys] if self.has_next else None
        return self.rows

    @staticmethod
    def _value(row, name):
        return row.pk if name == "pk" else getattr(row, name)

    def _page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if not raw:
            return self.default_page_size
        try:
            size = int(raw)
        except ValueError:
            size = 0
        if not 1 <= size <= MAX_PAGE_SIZE:
            raise ValidationError({self.page_size_query_param: [_("A whole number from 1 to 200.")]})
        return size

    def _decode_cursor(self, cursor, length):
        try:
            padded = cursor + "=" * (-len(cursor) % 4)
            values = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
            if not isinstance(values, list) or len(values) != length:
                raise ValueError(values)
            return [_decode(value) for value in values]
        except (ValueError, TypeError, UnicodeError):
            raise ValidationError({self.cursor_query_param: [self.invalid_cursor_message]}) from None

    def encode_cursor(self, values) -> str:
        raw = json.dumps([_encode(value) for value in values], separators=(",", ":"))
        return base64.urlsafe_b64encode(raw.encode("ascii")).decode("ascii").rstrip("=")

    def get_next_link(self):
        if not self.has_next:
            return None
        url = self.request.build_absolute_uri()
        return replace_query_param(url, self.cursor_query_param, self.encode_cursor(self.next_values))

    def get_first_link(self):
        return remove_query_param(self.request.build_absolute_uri(), self.cursor_query_param)

    def get_paginated_response(self, data):
        return Response({"next": self.get_next_link(), "first": self.get_first_link(), "results": data})

    def get_paginated_response_schema(self, schema):
        return {
            "type": "object",
            "required": ["next", "first", "results"],
            "properties": {
                "next": {
                    "type": "string",
                    "format": "uri",
                    "nullable": True,
                    "description": "The next page; null on the last.",
                },
                "first": {"type": "string", "format": "uri", "description": "The first page of this selection."},
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": self.cursor_query_param,
                "required": False,
                "in": "query",
                "description": "Opaque cursor from the previous page's `next` link.",
                "schema": {"type": "string"},
            },
            {
                "name": self.page_size_query_param,
                "required": False,
                "in": "query",
                "description": f"Rows per page, 1 to {MAX_PAGE_SIZE} (default {self.default_page_size}).",
                "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE},
            },
        ]
