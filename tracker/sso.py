"""Single sign-on through a proxy that authenticates (remote user), when SSO_REMOTE_USER_HEADER is set.

The institution's proxy (Shibboleth, mod_auth_openidc, oauth2-proxy, …) signs the user in and
passes the user name in a header; the proxy must strip that header from clients' requests.
Only existing users are signed in: the griffie creates accounts and assigns their group.
"""

from django.conf import settings
from django.contrib.auth.backends import RemoteUserBackend
from django.contrib.auth.middleware import PersistentRemoteUserMiddleware


class HeaderRemoteUserMiddleware(PersistentRemoteUserMiddleware):
    """Reads the user name from the configured header; the session survives requests without it."""

    @property
    def header(self):
        return settings.SSO_REMOTE_USER_HEADER


class ExistingRemoteUserBackend(RemoteUserBackend):
    create_unknown_user = False
