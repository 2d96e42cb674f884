"""Recompute due dates derived from deadline phrases, recording each change in the history."""

import time

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management import BaseCommand, CommandError

from commitments.models import Chamber, DeadlineRederivation
from commitments.services import rederivation


class Command(BaseCommand):
    help = (
        "Recomputes the due dates the deadline engine derived from the recess calendar (or, with --all, "
        "from any phrase), in batches, each its own transaction. Dates set by hand are left alone; a "
        "commitment whose result did not change is not written; every changed due date gets a history "
        "entry. Queued re-derivations (recess edits) run first; an interrupted run resumes where it stopped."
    )

    def add_arguments(self, parser):
        parser.add_argument("--reason", default="", help="Why (stored in each history entry).")
        parser.add_argument(
            "--all", action="store_true", help="Every commitment with a phrase, not only recess-anchored ones."
        )
        parser.add_argument("--chamber", choices=Chamber.values, help="Only commitments of this chamber.")
        parser.add_argument(
            "--by", metavar="USERNAME", default="", help="Who runs it: recorded as the author of every change."
        )
        parser.add_argument(
            "--pending",
            action="store_true",
            help="Only run what is queued (recess edits whose background run did not finish): for cron.",
        )
        parser.add_argument(
            "--batch-size", type=int, default=rederivation.BATCH_SIZE, help="Commitments per batch (transaction)."
        )

    def handle(self, *args, reason, all, chamber, by, pending, batch_size, **options):
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        user = None
        if by:
            user = get_user_model().objects.filter(username=by).first()
            if user is None:
                raise CommandError(f"No user named {by!r}.")
        job = None
        if not pending:
            job = self._job(reason, every_phrase=all, chamber=chamber or "", user=user)
        started = time.monotonic()
        verbosity = options["verbosity"]

        def progress(current):
            if verbosity >= 1:
                self.stdout.write(
                    f"#{current.pk}: {current.examined:,} of ~{current.estimated or 0:,} read, "
                    f"{current.moved:,} due date(s) changed, {current.updated:,} written "
                    f"(up to id {current.last_pk}, {time.monotonic() - started:.1f} s)"
                )

        try:
            ran = rederivation.process_pending(batch_size=batch_size, progress=progress)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        if not ran:
            self.stdout.write("Another worker is re-deriving due dates; it runs what is queued, this too.")
            return
        if job is not None:
            job.refresh_from_db()
            self.stdout.write(
                f"{job.examined:,} commitments read, {job.updated:,} written in {time.monotonic() - started:.1f} s."
            )
            self.stdout.write(f"{job.moved} due date(s) changed.")
        else:
            self.stdout.write("Nothing left queued.")

    def _job(self, reason, *, every_phrase, chamber, user) -> DeadlineRederivation:
        """The run to do: an unfinished one of the same scope (interrupted) goes on, else a new one."""
        unfinished = (
            rederivation.pending().filter(every_phrase=every_phrase, chamber=chamber, period_start__isnull=True).first()
        )
        if unfinished is not None:
            self.stdout.write(f"Resuming #{unfinished.pk} after id {unfinished.last_pk} ({unfinished.reason}).")
            return unfinished
        reason = reason.strip() or "herberekend met de huidige recescalender (rederive_deadlines)"
        return rederivation.queue(reason, user=user, chamber=chamber, every_phrase=every_phrase)
