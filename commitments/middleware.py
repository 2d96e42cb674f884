"""Request middleware: the interface language, and optionally login for every page."""

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.middleware.locale import LocaleMiddleware
from django.urls import reverse
from django.utils import translation


class DutchByDefaultLocaleMiddleware(LocaleMiddleware):
    """Dutch unless the visitor chose another language with the switch (the language cookie).

    Django's LocaleMiddleware follows the browser's Accept-Language, which would show English
    to Dutch clerks whose browser happens to be set to English.
    """

    def process_request(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in dict(settings.LANGUAGES):
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


API_PREFIX = "/api/"


class LoginRequiredSettingMiddleware:
    """When TRACKER_REQUIRE_LOGIN is on, anonymous visitors are sent to the login page.

    The admin handles its own login, and static files must stay reachable; the API and the
    unsubscribe link check access themselves.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            getattr(settings, "TRACKER_REQUIRE_LOGIN", False)
            and not request.user.is_authenticated
            and not request.path.startswith(
                (
                    reverse("admin:index"),
                    settings.STATIC_URL if settings.STATIC_URL.startswith("/") else "/" + settings.STATIC_URL,
                    # The API answers 401 itself (a client reads JSON, not a login page), and
                    # its token users are only known inside the API's views.
                    API_PREFIX,
                    # The digest's unsubscribe link works without signing in (its token is signed).
                    reverse("commitments:unsubscribe", args=["-"])[:-2],
                )
            )
        ):
            return redirect_to_login(request.get_full_path(), reverse(settings.LOGIN_URL))
        return self.get_response(request)
