"""Re-deriving due dates in bulk: after an edit of the recess calendar, and `rederive_deadlines`.

The same rules as one commitment's `deadlines._derive`, for many rows at once:

- a date set by hand, or recorded without a phrase, stands (`deadlines.date_stands`);
- a row whose derived values did not change is not written: no history row, no deadline-history
  entry;
- a row whose due date moved gets one history row and one `DeadlineChange` (source
  "herberekend", with the reason); a row of which only the earliest date or the explanation
  changed gets one history row.

The work is a `DeadlineRederivation` row (the queue), processed in batches of a few thousand
commitments in primary-key order. Each batch is one transaction that also records the progress,
so an interrupted run resumes where it stopped, and memory stays flat whatever the size. The
engine runs once per distinct (phrase, chamber, date said) within a run; rows are read as plain
values, and only the rows that change are loaded as models (locked) and written in bulk.

Who runs it: one worker at a time (a PostgreSQL advisory lock), so two runs never write the same
rows from different calendars; every batch reads the calendar afresh. A recess edit that touches
few commitments is done inside the clerk's request; a larger one is queued and run by a thread
started when the request's transaction commits (`TRACKER_REDERIVE_IN_BACKGROUND`). What a thread
leaves unfinished (the server stopped) is run by `manage.py rederive_deadlines --pending` (cron).
"""

import datetime
import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.db import connection, connections, transaction
from django.db.models import Field, QuerySet
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from .. import clock
from ..deadlines import RecessCalendar
from ..models import Commitment, DeadlineChange, DeadlineRederivation, DeadlineSource, Recess
from ..selectors.calendar import calendar_from_database
from . import deadlines
from .records import Actor, acting_user, clip, delete_with_reason, max_length, save_with_reason

logger = logging.getLogger(__name__)

BATCH_SIZE = 2000
# What a derived date depends on in a recess row (a note or a confidence edit changes no date).
_RECESS_DATE_FIELDS = ("chamber", "kind", "start", "end")
# The stored result of the engine, in the order the rows are compared.
_RESULT_FIELDS = ("due_date", *deadlines._DERIVED_FIELDS)
# What a batch reads of each commitment: its key, the engine's inputs, the stored result.
_ROW_VALUES = (
    "pk",
    "deadline_phrase",
    "chamber",
    "made_on",
    "source_activity__date",
    "source_activity__date_latest",
    *_RESULT_FIELDS,
)
_REASON_LENGTH = max_length(DeadlineChange, "reason")
# A distinct (phrase, chamber, date) per entry; a bound keeps a run over every date flat.
_CACHE_LIMIT = 100_000
# Any constant: the key of the advisory lock that lets one re-derivation worker run at a time.
_LOCK_KEY = 7_240_117
_local_lock = threading.Lock()

Progress = Callable[[DeadlineRederivation], None]


class _Deriver:
    """The engine's results for one run, cached per distinct input, against the current calendar."""

    def __init__(self) -> None:
        self._recesses: tuple | None = None
        self.calendar: RecessCalendar | None = None
        self._cache: dict[tuple, tuple] = {}

    def refresh(self) -> None:
        """Read the calendar (one query); a calendar that changed meanwhile empties the cache."""
        calendar = calendar_from_database()
        recesses = tuple(calendar)
        if recesses != self._recesses:
            self._recesses, self.calendar, self._cache = recesses, calendar, {}

    def result(
        self,
        phrase: str,
        chamber: str,
        made_on: datetime.date | None,
        activity_date: datetime.date | None,
        activity_date_latest: datetime.date | None,
    ) -> tuple:
        said, note = deadlines.said_on(made_on, activity_date, activity_date_latest)
        key = ((phrase or "").strip(), chamber, said, note)
        cached = self._cache.get(key)
        if cached is None:
            if len(self._cache) >= _CACHE_LIMIT:
                self._cache.clear()
            fields = deadlines.derived_fields(phrase, chamber, said, note, calendar=self.calendar)
            cached = self._cache[key] = tuple(fields[name] for name in _RESULT_FIELDS)
        return cached

    def result_of(self, commitment: Commitment) -> tuple:
        activity = commitment.source_activity if commitment.source_activity_id else None
        return self.result(
            commitment.deadline_phrase,
            commitment.chamber,
            commitment.made_on,
            activity.date if activity else None,
            activity.date_latest if activity else None,
        )


# --- the queue ---------------------------------------------------------------------------------


def queue(
    reason: str,
    *,
    user: Actor = None,
    chamber: str = "",
    every_phrase: bool = False,
    period: tuple[datetime.date, datetime.date] | None = None,
) -> DeadlineRederivation:
    """Record a re-derivation to do (not started): of the recess-anchored due dates (or, with
    `every_phrase`, of every derived one), of one chamber or both, and, given the `period` of a
    recess, only of the commitments whose due date can depend on it. Counts what it will read."""
    job = DeadlineRederivation(
        reason=clip(reason, _REASON_LENGTH),
        requested_by=acting_user(user),
        chamber=chamber,
        every_phrase=every_phrase,
        period_start=period[0] if period else None,
        period_end=period[1] if period else None,
    )
    job.estimated = job.commitments().count()
    job.save()
    return job


def pending() -> QuerySet[DeadlineRederivation]:
    """The re-derivations not finished, oldest first (the queue)."""
    return DeadlineRederivation.objects.filter(finished_at__isnull=True).order_by("pk")


def run(job: DeadlineRederivation, *, batch_size: int = BATCH_SIZE, progress: Progress | None = None) -> None:
    """Do (or go on with) `job`, batch by batch, until it is finished. Call it holding the worker
    lock (`process_pending`, or inside a transaction that took `_lock_for_transaction`)."""
    deriver = _Deriver()
    user = job.requested_by
    if job.started_at is None:
        job.started_at = timezone.now()
        job.save(update_fields=["started_at"])
    try:
        while not job.is_finished:
            _run_batch(job, deriver, user, batch_size)
            if progress is not None:
                progress(job)
    except Exception as error:
        job.refresh_from_db(fields=["last_pk", "examined", "moved", "updated", "progress_at", "finished_at"])
        job.error = f"{type(error).__name__}: {error}"[:2000]
        job.save(update_fields=["error"])
        raise


def _run_batch(job: DeadlineRederivation, deriver: _Deriver, user: Actor, batch_size: int) -> None:
    with transaction.atomic():
        rows = list(job.commitments().filter(pk__gt=job.last_pk).order_by("pk").values_list(*_ROW_VALUES)[:batch_size])
        deriver.refresh()
        # Rows whose stored result differs from the engine's (compared on plain values).
        stale = [
            row[0]
            for row in rows
            if not (not (row[1] or "").strip() and row[6] is not None)  # a date without a phrase stands
            and deriver.result(*row[1:6]) != row[6:]
        ]
        moved, updated = _write(stale, deriver, job.reason, user) if stale else (0, 0)
        now = timezone.now()
        if rows:
            job.last_pk = rows[-1][0]
        job.examined += len(rows)
        job.moved += moved
        job.updated += updated
        job.progress_at = now
        if len(rows) < batch_size:
            job.finished_at = now
            job.error = ""
        job.save(update_fields=["last_pk", "examined", "moved", "updated", "progress_at", "finished_at", "error"])


def _write(pks: list[int], deriver: _Deriver, reason: str, user: Actor) -> tuple[int, int]:
    """Store the new results of the commitments `pks`: locked and read again, so a clerk's edit
    made meanwhile is derived from, not overwritten. Returns (due dates moved, rows written)."""
    commitments = (
        Commitment.objects.select_for_update(of=("self",))
        .select_related("source_activity")
        .filter(pk__in=pks)
        .order_by("pk")
    )
    now = timezone.now()
    moved: list[Commitment] = []
    touched: list[Commitment] = []
    entries: list[DeadlineChange] = []
    for commitment in commitments:
        if deadlines.date_stands(commitment):
            continue
        result = dict(zip(_RESULT_FIELDS, deriver.result_of(commitment), strict=True))
        if all(getattr(commitment, name) == value for name, value in result.items()):
            continue
        clock.validate_date_in_range(result["due_date"])
        old_due_date = commitment.due_date
        for name, value in result.items():
            setattr(commitment, name, value)
        commitment.updated_at = now
        if result["due_date"] == old_due_date:
            touched.append(commitment)
            continue
        moved.append(commitment)
        entries.append(
            DeadlineChange(
                commitment=commitment,
                changed_at=now,
                changed_by=acting_user(user),
                old_due_date=old_due_date,
                new_due_date=commitment.due_date,
                phrase=commitment.deadline_phrase,
                source=DeadlineSource.RECALCULATED,
                reason=reason,
            )
        )
    history_user = acting_user(user)
    _update(moved + touched, [*_RESULT_FIELDS, "updated_at"])
    for rows, change_reason in (
        (moved, deadlines.history_reason(reason, date_moved=True)),
        (touched, deadlines.history_reason(reason, date_moved=False)),
    ):
        if rows:
            Commitment.history.bulk_history_create(
                rows,
                batch_size=500,
                update=True,
                default_user=history_user,
                default_change_reason=clip(change_reason, 100),
                default_date=now,
            )
    if entries:
        bulk_create_with_history(
            entries,
            DeadlineChange,
            batch_size=500,
            default_user=history_user,
            default_change_reason=clip(reason, 100),
            default_date=now,
        )
    return len(moved), len(moved) + len(touched)


def _update(commitments: list[Commitment], fields: list[str]) -> None:
    """Write `fields` of `commitments` in one statement.

    On PostgreSQL an `UPDATE … FROM (VALUES …)`: Django's `bulk_update` builds a CASE expression
    per row and field, which took 20 s of Python per 2,000 rows (measured with cProfile).
    """
    if not commitments:
        return
    if connection.vendor != "postgresql":
        Commitment.objects.bulk_update(commitments, fields, batch_size=500)
        return
    meta = Commitment._meta
    columns = [field for name in fields if isinstance(field := meta.get_field(name), Field)]
    row = "(%s, " + ", ".join(f"%s::{column.db_type(connection)}" for column in columns) + ")"
    quote = connection.ops.quote_name
    names = [quote(column.column or column.name) for column in columns]
    sql = (
        f"UPDATE {quote(meta.db_table)} AS t SET {', '.join(f'{name} = v.{name}' for name in names)} "
        f"FROM (VALUES {', '.join([row] * len(commitments))}) AS v(id, {', '.join(names)}) "
        f"WHERE t.{quote(meta.pk.column or 'id')} = v.id"
    )
    params: list[Any] = []
    for commitment in commitments:
        params.append(commitment.pk)
        params.extend(column.get_db_prep_save(getattr(commitment, column.attname), connection) for column in columns)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


# --- who runs it -------------------------------------------------------------------------------


@contextmanager
def _worker_lock() -> Iterator[bool]:
    """Whether this process may run the queue now (one worker at a time, held until released)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_lock(%s)", [_LOCK_KEY])
            acquired = cursor.fetchone()[0]
    else:  # SQLite: one process (development, tests)
        acquired = _local_lock.acquire(blocking=False)
    try:
        yield acquired
    finally:
        if acquired and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [_LOCK_KEY])
        elif acquired:
            _local_lock.release()


def _lock_for_transaction() -> bool:
    """The worker lock until the current transaction ends, if no worker holds it now."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [_LOCK_KEY])
            return cursor.fetchone()[0]
    return not _local_lock.locked()


def process_pending(*, batch_size: int = BATCH_SIZE, progress: Progress | None = None) -> bool:
    """Run every queued re-derivation, oldest first. False when another worker is running (it
    runs what is queued, ours included, before it stops)."""
    while True:
        with _worker_lock() as acquired:
            if not acquired:
                return False
            while (job := pending().first()) is not None:
                run(job, batch_size=batch_size, progress=progress)
        # Queued after our last look but before we let go: its own worker found the lock taken.
        if not pending().exists():
            return True


def _process_in_background() -> None:
    try:
        process_pending()
    except Exception:
        logger.exception("re-deriving due dates failed; `manage.py rederive_deadlines --pending` retries")
    finally:
        connections.close_all()  # this thread's own connections


def start_worker() -> None:
    """Run the queue now: in a thread of its own (the default), or here and now when
    `TRACKER_REDERIVE_IN_BACKGROUND` is off. Called when a transaction that queued work commits."""
    if settings.TRACKER_REDERIVE_IN_BACKGROUND:
        threading.Thread(target=_process_in_background, name="rederive-deadlines", daemon=False).start()
    else:
        process_pending()


def run_now_or_queue(job: DeadlineRederivation) -> None:
    """Do `job` inside the current transaction when it is small and no worker is running;
    otherwise leave it queued for the worker started when the transaction commits."""
    if (
        job.estimated is not None
        and job.estimated <= settings.TRACKER_REDERIVE_INLINE_LIMIT
        and _lock_for_transaction()
    ):
        run(job)
    # Either way: what is (still) queued runs after the commit (the lock is free by then).
    transaction.on_commit(start_worker)


# --- the recess calendar -----------------------------------------------------------------------


def _describe(recess: Recess) -> str:
    # A stored record, in Dutch whatever the interface language: numeric dates.
    return f"{recess.chamber} {recess.kind} {recess.start:%Y} ({recess.start:%d-%m-%Y} t/m {recess.end:%d-%m-%Y})"


@transaction.atomic
def save_recess(recess: Recess, *, user: Actor = None) -> DeadlineRederivation | None:
    """Save a recess the griffie added or corrected, and re-derive the due dates that can depend
    on it (its period before and after the edit): now when few, else queued (see the module).

    Returns the re-derivation (finished or queued), or None when the edit changes no date (a
    note, the confidence): nothing is re-derived or written then.
    """
    before = Recess.objects.filter(pk=recess.pk).first() if recess.pk else None
    save_with_reason(recess, "reces gewijzigd" if before is not None else "reces toegevoegd", user=user)
    if before is not None and all(getattr(before, f) == getattr(recess, f) for f in _RECESS_DATE_FIELDS):
        return None
    versions = [recess] + ([before] if before is not None else [])
    chambers = {version.chamber for version in versions}
    period = (min(v.start for v in versions), max(v.end for v in versions))
    what = "gewijzigd" if before is not None else "toegevoegd"
    job = queue(
        f"reces {what}: {_describe(recess)}",
        user=user,
        chamber=chambers.pop() if len(chambers) == 1 else "",
        period=period,
    )
    run_now_or_queue(job)
    return job


@transaction.atomic
def delete_recess(recess: Recess, *, user: Actor = None) -> DeadlineRederivation:
    """Remove a recess, and re-derive the due dates that can have depended on it."""
    job = queue(
        f"reces verwijderd: {_describe(recess)}", user=user, chamber=recess.chamber, period=(recess.start, recess.end)
    )
    delete_with_reason(recess, "reces verwijderd", user=user)
    run_now_or_queue(job)
    return job
