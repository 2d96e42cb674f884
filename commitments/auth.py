"""Who may do what: the two staff groups, and the permission checks of the staff-only pages.

Reading the public pages needs no account (unless TRACKER_REQUIRE_LOGIN). Staff pages outside
the admin (the rappel) check Django permissions here; the admin checks its own.
"""

import functools

from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

GRIFFIE = "Griffie"
COMMISSIESTAF = "Commissiestaf"

# Records the open-data sync owns: staff view them; no group may add, change or delete them
# (their admin refuses it for everyone, superusers included).
SYNC_OWNED_MODELS = ("vote", "syncstate", "syncconflict", "agendaitem")
# Records the application keeps for itself (the progress of a re-derivation of due dates): the same.
MACHINE_OWNED_MODELS = (*SYNC_OWNED_MODELS, "deadlinerederivation")

VIEW_COMMITMENT = "commitments.view_commitment"
CHANGE_COMMITMENT = "commitments.change_commitment"


def ensure_groups(app_config, using="default", **kwargs):
    """Griffie may add, change, delete and view every tracker record; Commissiestaf may view them.
    What the open-data sync and the application own (`MACHINE_OWNED_MODELS`) both may only view.

    Runs after each migrate so new models' permissions join the groups without a data migration.
    """
    # Permissions are normally created by a post_migrate handler too; make sure they exist first.
    create_permissions(app_config, verbosity=0, using=using)
    permissions = Permission.objects.using(using).filter(content_type__app_label=app_config.label)
    sync_writes = permissions.filter(content_type__model__in=MACHINE_OWNED_MODELS).exclude(codename__startswith="view_")
    griffie, _ = Group.objects.using(using).get_or_create(name=GRIFFIE)
    griffie.permissions.add(*permissions.exclude(pk__in=sync_writes))
    griffie.permissions.remove(*sync_writes)
    staff, _ = Group.objects.using(using).get_or_create(name=COMMISSIESTAF)
    staff.permissions.add(*permissions.filter(codename__startswith="view_"))


def permission_required(permission: str):
    """Anonymous visitors go to the login page; signed-in users without `permission` get 403."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not request.user.has_perm(permission):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def lockout_response(request, *args, **kwargs):
    """What django-axes answers after too many failed sign-ins (its own text is not in Dutch)."""
    from django.conf import settings
    from django.http import HttpResponse
    from django.utils.translation import gettext

    hours = getattr(settings, "AXES_COOLOFF_TIME", 1)
    message = gettext("Too many failed sign-ins with this user name. Try again in %(hours)s hour(s).") % {
        "hours": f"{hours:g}"
    }
    return HttpResponse(message, status=429, content_type="text/plain; charset=utf-8")
