from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CommitmentsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "commitments"
    verbose_name = _("Commitments")

    def ready(self):
        # Wiring, not domain effects: the staff groups follow the models' permissions.
        from .auth import ensure_groups

        post_migrate.connect(ensure_groups, sender=self)
        # SQLite's fallback search folds accents with a Python function (models.search).
        from .models.search import register_sqlite_fold

        connection_created.connect(register_sqlite_fold)
