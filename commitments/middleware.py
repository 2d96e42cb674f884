"""Request middleware: the interface language, hostile input refused early, and optionally login
for every page."""

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseBadRequest
from django.middleware.locale import LocaleMiddleware
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext


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
                    reverse("healthz"),
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


class RejectNulCharactersMiddleware:
    """A NUL character in the path or a parameter is answered with 400 before any view runs.

    PostgreSQL refuses NUL in text, so `/moties/%00/` or `?q=%00` would otherwise reach the
    database and end as a 500. No page, filter or form has a use for it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or self._has_nul(request.GET) or self._has_nul_in_body(request):
            return HttpResponseBadRequest(
                gettext("The request contains a NUL character, which no page accepts.") + "\n",
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)

    @staticmethod
    def _has_nul(data):
        return any("\x00" in key or any("\x00" in value for value in values) for key, values in data.lists())

    def _has_nul_in_body(self, request):
        if request.method != "POST" or request.content_type not in (
            "application/x-www-form-urlencoded",
            "multipart/form-data",
        ):
            return False
        return self._has_nul(request.POST)
