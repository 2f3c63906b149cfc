"""Dutch unless the user chose otherwise.

Django's LocaleMiddleware follows the browser's Accept-Language, which would show most
municipal staff an English interface on an English-language browser. Baken is Dutch by
default; only the language switch (a cookie) changes that.
"""

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers


class PreferredLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        request.LANGUAGE_CODE = language
        # Only for this request: a thread that serves the next request (or a test that runs
        # after it) does not inherit the language.
        with translation.override(language):
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ("Cookie",))
        return response
