"""Sync the Tweede Kamer's open data: motions, decisions, votes, papers, activities, people, toezeggingen."""

import datetime
import sys
import time

from django.conf import settings
from django.core.management import BaseCommand, CommandError
from django.utils.dateparse import parse_datetime

from commitments.tk.client import ODataClient, TkApiError
from commitments.tk.sources import ENTITIES, ApiSource, DirectorySource
from commitments.tk.sync import Sync


class Command(BaseCommand):
    help = (
        "Loads the Tweede Kamer's open data: from a directory of files (--from), or else from the live "
        "OData API, incrementally from the last change seen per entity. Idempotent; the griffie's edits win."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--from",
            dest="directory",
            metavar="DIR",
            help="Read <Entity>.jsonl.gz, DocumentPublicatie.xml.jsonl.gz and raw OData pages (*.json) from DIR.",
        )
        parser.add_argument(
            "--since",
            metavar="DATETIME",
            help="Only records changed after this moment (ISO 8601, e.g. 2025-05-01T00:00:00Z); "
            "default: the last change seen per entity.",
        )
        parser.add_argument(
            "--entities",
            metavar="NAMES",
            help=f"Comma-separated entities to sync (default all, in this order: {', '.join(ENTITIES)}).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Read and count everything, save nothing.")

    def handle(self, *args, directory, since, entities, dry_run, **options):
        wanted = None
        if entities:
            wanted = [name.strip() for name in entities.split(",") if name.strip()]
            unknown = sorted(set(wanted) - set(ENTITIES))
            if unknown:
                raise CommandError(f"Unknown entities: {', '.join(unknown)}. Known: {', '.join(ENTITIES)}.")
        moment = None
        if since:
            moment = parse_datetime(since)
            if moment is None:
                raise CommandError(f"--since {since!r} is not a date-time such as 2025-05-01T00:00:00Z.")
            if moment.tzinfo is None:
                moment = moment.replace(tzinfo=datetime.UTC)
        try:
            source = (
                DirectorySource(directory) if directory else ApiSource(ODataClient(base_url=settings.TK_OPEN_DATA_URL))
            )
        except FileNotFoundError as error:
            raise CommandError(str(error)) from None
        started = time.monotonic()
        sync = Sync(source, dry_run=dry_run, progress=self._progress)
        try:
            summaries = sync.run(wanted, since=moment)
        except TkApiError as error:
            # Every page before the failure is saved with its entity's cursor: the next run goes on from there.
            raise CommandError(
                f"The Kamer's API failed: {error}. What was read so far is saved; run again to resume."
            ) from None
        if self._interactive():
            self.stdout.write("")
        seconds = time.monotonic() - started
        prefix = "Dry run (nothing saved): " if dry_run else ""
        self.stdout.write(f"{prefix}{source.description}, {seconds:.1f} s")
        for entity, summary in summaries.items():
            skipped = sum(summary.skipped.values())
            self.stdout.write(
                f"  {entity:<20} seen {summary.seen:>7}  created {summary.created:>6}  updated {summary.updated:>6}  "
                f"unchanged {summary.unchanged:>6}  deleted {summary.deleted:>5}  skipped {skipped:>6}  "
                f"conflicts {summary.conflicts}"
            )
            for reason, count in sorted(summary.skipped.items(), key=lambda item: -item[1]):
                self.stdout.write(f"      skipped {count:>6}: {reason}")
            for line in summary.malformed:
                self.stderr.write(f"      {line}")

    def _interactive(self) -> bool:
        return getattr(self.stdout, "isatty", lambda: False)() and sys.stdout.isatty()

    def _progress(self, entity: str, count: int) -> None:
        # Django's own output on a terminal: one line per entity, rewritten in place.
        if self._interactive():
            self.stdout.write(f"\r  {entity:<20} {count:>8} records", ending="")
            self.stdout.flush()
