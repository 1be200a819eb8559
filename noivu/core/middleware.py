import json
from collections.abc import Callable, Iterator
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.translation import gettext as _


class ChosenLanguageMiddleware(LocaleMiddleware):
    """Vietnamese unless the user chose another language with the switcher (its cookie).

    The browser's Accept-Language is not consulted: many officials' computers run an English
    browser, and the sector works in Vietnamese.
    """

    def process_request(self, request: HttpRequest) -> None:
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in dict(settings.LANGUAGES):
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


def _nul_places(value: Any, place: str) -> Iterator[str]:
    if isinstance(value, str):
        if "\x00" in value:
            yield place or "__all__"
    elif isinstance(value, dict):
        for key, item in value.items():
            name = f"{place}.{key}" if place else str(key)
            yield from ([name] if "\x00" in str(key) else _nul_places(item, name))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _nul_places(item, f"{place}.{index}" if place else str(index))


class RefuseNulInApiMiddleware:
    """An API request whose JSON body or query holds a NUL character is refused with the 422 of every
    invalid request, naming the field: the forms refuse it already, and PostgreSQL cannot store or even
    compare such a text, so reaching a query it would be a server error."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith("/api/"):
            places = [name for name, values in request.GET.lists() if any("\x00" in v for v in values)]
            if request.content_type == "application/json":
                try:
                    if b"\\u0000" in request.body:
                        places += list(_nul_places(json.loads(request.body), ""))
                except (RequestDataTooBig, ValueError, RecursionError):
                    pass  # too large, or not JSON: the API answers it as such
            if places:
                message = _("Không được chứa ký tự điều khiển (như NUL).")
                return JsonResponse(
                    {
                        "detail": _("Dữ liệu gửi lên không hợp lệ."),
                        "errors": [{"field": place, "message": message} for place in places],
                    },
                    status=422,
                )
        return self.get_response(request)
