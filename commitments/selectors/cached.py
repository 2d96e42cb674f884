"""Figures cached under the data version: never stale, recomputed only after a write.

`cached(name, compute, *key_parts, today=...)` returns `compute()`, kept in Django's cache under
the name, the data version (`current_version()`, see `commitments.models.dataversion`), the day,
the active language and the key parts. Any write to the data changes the version and a new day
changes the date, so an entry is only ever read for the data and the day it was computed for: no
expiry is needed for correctness (old entries fall out of the cache by its size limit).

One indexed single-row query reads the version. A page that caches more than one value reads it
once and passes it on (`version=`), so a request asks for it at most once. Values must pickle
(dataclasses, lists, model instances); the cache is `CACHES["default"]` (see the README).
"""

import datetime
import hashlib
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.db import connections, router
from django.utils import translation

from ..models import DataVersion
from ..models.dataversion import DATA_VERSION_ID

T = TypeVar("T")

_MISSING = object()
# The default of `version=`: read the current version.
READ = object()
# Memcached refuses keys over 250 characters; longer keys are hashed.
_MAX_KEY_LENGTH = 200


def current_version() -> str | None:
    """The data version as the reading connection sees it; None when it cannot tell (no row).

    Inside a transaction that has written, the version names that transaction's own state (its
    token), which no other transaction ever sees.
    """
    connection = connections[router.db_for_read(DataVersion) or "default"]
    table = connection.ops.quote_name(DataVersion._meta.db_table)
    token = "current_setting('tz.data_token', true)" if connection.vendor == "postgresql" else "''"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT counter, {token} FROM {table} WHERE id = %s", [DATA_VERSION_ID])
        row = cursor.fetchone()
    if row is None:
        return None
    counter, token = row
    return f"{counter}.{token}" if token else str(counter)


def cache_key(name: str, version: str, today: datetime.date, *key_parts, per_language: bool = True) -> str:
    language = (translation.get_language() or "") if per_language else "*"
    key = ":".join(["figures", name, version, today.isoformat(), language, *map(str, key_parts)])
    if len(key) > _MAX_KEY_LENGTH:
        key = f"figures:{name}:{hashlib.sha256(key.encode()).hexdigest()}"
    return key


def cached(
    name: str,
    compute: Callable[[], T],
    *key_parts,
    today: datetime.date,
    version: str | None | object = READ,
    per_language: bool = True,
) -> T:
    """`compute()`, from the cache when the data, the day and the language are the same as when
    it was last computed. Without a version (`None`), computed every time.

    `version`: the data version, when the caller has read it already (`current_version()`).
    `per_language=False` for values that read the same in every language (numbers, model rows):
    one entry serves every language.
    """
    if version is READ:
        version = current_version()
    if version is None:
        return compute()
    key = cache_key(name, str(version), today, *key_parts, per_language=per_language)
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = compute()
        cache.set(key, value, timeout=None)
    return value  # type: ignore[return-value]
