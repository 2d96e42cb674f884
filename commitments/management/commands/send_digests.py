"""Send the subscription digests that are due: run it daily (cron or a systemd timer).

Daily subscriptions get one e-mail per day, weekly ones one per week (on the first run from
Monday). A rerun in the same period sends nothing twice. `--date` computes for another day.
"""

import datetime

from django.core.management.base import BaseCommand, CommandError

from commitments import clock
from commitments.models import DigestFrequency
from commitments.subscriptions.digest import send_digests


class Command(BaseCommand):
    help = "Send the subscription digests (due soon, newly overdue, closed) that are due; idempotent per period."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Compute for this day (YYYY-MM-DD) instead of today.")
        parser.add_argument("--frequency", choices=DigestFrequency.values, help="Only daily or only weekly digests.")

    def handle(self, *args, date=None, frequency=None, **options):
        try:
            today = datetime.date.fromisoformat(date) if date else clock.today()
        except ValueError:
            raise CommandError(f"Not a date: {date!r} (use YYYY-MM-DD).") from None
        run = send_digests(today, frequency=frequency)
        self.stdout.write(
            f"{today.isoformat()}: {run.sent} sent, {run.empty} with nothing to report, "
            f"{run.already_sent} already sent this period, {len(run.invalid)} with an invalid selection"
        )
