"""The two staff groups, kept in step with the models on every migrate."""
from django.contrib.auth.models import Group, Permission
from django.contrib.auth.management import create_permissions

GRIFFIE = "Griffie"
COMMISSIESTAF = "Commissiestaf"


def ensure_groups(app_config, using="default", **kwargs):
    """Griffie may add, change, delete and view every tracker record; Commissiestaf may view them.

    Runs after each migrate so new models' permissions join the groups without a data migration.
    """
    # Permissions are normally created by a post_migrate handler too; make sure they exist first.
    create_permissions(app_config, verbosity=0, using=using)
    permissions = Permission.objects.using(using).filter(content_type__app_label=app_config.label)
    griffie, _ = Group.objects.using(using).get_or_create(name=GRIFFIE)
    griffie.permissions.add(*permissions)
    staff, _ = Group.objects.using(using).get_or_create(name=COMMISSIESTAF)
    staff.permissions.add(*permissions.filter(codename__startswith="view_"))
