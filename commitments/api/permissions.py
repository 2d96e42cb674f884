"""Who may call the API: reading as the pages allow, writing as the griffie in the admin."""

from django.conf import settings
from rest_framework import permissions

# What registering a letter and closing commitments with it takes (the Griffie group has these).
WRITE_PERMISSIONS = ("commitments.add_document", "commitments.add_closure", "commitments.change_commitment")


class ReadableLikeThePages(permissions.BasePermission):
    """Reads are public unless TRACKER_REQUIRE_LOGIN; nothing else is allowed by default."""

    def has_permission(self, request, view):
        if request.method not in permissions.SAFE_METHODS:
            return False
        return not settings.TRACKER_REQUIRE_LOGIN or bool(request.user and request.user.is_authenticated)


class GriffieWrites(permissions.BasePermission):
    """Writes: a signed-in user (a token) with the griffie's permissions."""

    def has_permission(self, request, view):
        user = request.user
        return bool(user and user.is_authenticated and user.has_perms(WRITE_PERMISSIONS))
