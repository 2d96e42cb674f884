"""Load the demo dossier (fixtures/demo.json) and a demo griffie account, for `make run`."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import BaseCommand, call_command
from django.db import transaction

from commitments.auth import GRIFFIE
from commitments.models import Commitment
from commitments.services.deadlines import derive_due_dates


class Command(BaseCommand):
    help = "Loads the demo data from the seed papers and creates a demo account in the Griffie group."

    def add_arguments(self, parser):
        parser.add_argument("--user", default="griffie", help="User name of the demo account.")
        parser.add_argument("--password", default="toezeggingen-demo", help="Password of the demo account.")
        parser.add_argument("--force", action="store_true", help="Load the fixture even if data exists.")

    @transaction.atomic
    def handle(self, *args, user, password, force, **options):
        # The account first: it is recorded as the author of the derived due dates.
        account, created = get_user_model().objects.get_or_create(username=user, defaults={"is_staff": True})
        if created:
            # Only a new account gets the demo password; a rerun never resets one someone changed.
            account.set_password(password)
            account.save()
            account.groups.add(Group.objects.get(name=GRIFFIE))
            self.stdout.write(f"Demo griffie account: {user} / {password}")
        else:
            self.stdout.write(f"Demo account {user} exists; its password and groups are left as they are.")
        if force or not Commitment.objects.exists():
            call_command("loaddata", "demo", verbosity=0)
            # The fixture keeps the phrases as said; the due dates come from the deadline engine.
            derived = derive_due_dates(Commitment.objects.select_related("source_activity"), user=account)
            self.stdout.write(f"Due dates derived from the phrase: {derived}.")
            self.stdout.write(f"Demo data loaded: {Commitment.objects.count()} commitments and motion obligations.")
        else:
            self.stdout.write("Data present; demo fixture not loaded again (use --force).")
