"""Optionally require login for every page (setting TRACKER_REQUIRE_LOGIN)."""
from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.urls import reverse


class LoginRequiredSettingMiddleware:
    """When TRACKER_REQUIRE_LOGIN is on, anonymous visitors are sent to the login page.

    The admin handles its own login, and static files must stay reachable.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            getattr(settings, "TRACKER_REQUIRE_LOGIN", False)
            and not request.user.is_authenticated
            and not request.path.startswith((reverse("admin:index"), settings.STATIC_URL if settings.STATIC_URL.startswith("/") else "/" + settings.STATIC_URL))
        ):
            return redirect_to_login(request.get_full_path(), reverse(settings.LOGIN_URL))
        return self.get_response(request)
