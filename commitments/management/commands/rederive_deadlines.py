"""Recompute due dates derived from deadline phrases, recording each change in the history."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management import BaseCommand, CommandError

from commitments.models import Chamber, Commitment
from commitments.services import deadlines


class Command(BaseCommand):
    help = (
        "Recomputes the due dates the deadline engine derived from the recess calendar (or, with --all, "
        "from any phrase). Dates set by hand are left alone; every change gets a history entry."
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

    def handle(self, *args, reason, all, chamber, by, **options):
        user = None
        if by:
            user = get_user_model().objects.filter(username=by).first()
            if user is None:
                raise CommandError(f"No user named {by!r}.")
        queryset = Commitment.objects.all()
        if chamber:
            queryset = queryset.filter(chamber=chamber)
        queryset = queryset.exclude(deadline_phrase="") if all else queryset.derived_from_recess()
        reason = reason.strip() or "herberekend met de huidige recescalender (rederive_deadlines)"
        try:
            entries = deadlines.rederive_due_dates(queryset, reason=reason, user=user)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        for entry in entries:
            self.stdout.write(f"{entry.commitment}: {entry.old_due_date or '-'} -> {entry.new_due_date or '-'}")
        self.stdout.write(f"{len(entries)} due date(s) changed.")
