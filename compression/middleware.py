"""Compression of the site's text responses: gzip, and brotli when the `brotli` package is installed.

Pages, feeds, the sitemap, the API and the error pages go out compressed when the visitor's Accept-Encoding
allows it (q-values honoured, brotli preferred on a tie), with `Vary: Accept-Encoding`, the compressed
Content-Length and a strong ETag made weak (as Django's GZipMiddleware does). Bodies under MIN_LENGTH
(robots.txt) go out as they are. Static files are not touched: whitenoise serves them as files (streamed),
already compressed by `collectstatic`; nor are images and documents (streamed too).

BREACH: when a response holds a secret and also text an attacker chooses (a search query, a path, a form
field), the attacker can guess the secret byte by byte from the compressed sizes of many requests. So a
response that may hold a secret is never compressed; `carries_secret` lists each kind and why. Such
responses need no random padding (Django's GZipMiddleware adds some): the ones that are compressed hold
nothing to guess.

The page cache (pagecache/) stores a page's compressed bodies with it (`encoded_bodies`, made once by
`encode_all` when the page is stored): a hit is not compressed again, only the visitor's body is picked.
"""

import gzip
import re

from django.conf import settings
from django.utils.cache import patch_vary_headers

try:
    import brotli
except ImportError:  # optional: gzip only
    brotli = None

MIN_LENGTH = 200  # as Django's GZipMiddleware: below this the headers cost more than is saved
GZIP_LEVEL = 6  # 16.7 KB home page: 3.95 KB in 0.2 ms; level 9 saves 12 bytes more in twice the time
BROTLI_QUALITY = 5  # 3.71 KB in 0.4 ms; quality 11 gives 3.38 KB but takes 34 ms
TEXT_TYPES = re.compile(r"text/|application/(json|xml|javascript|[\w.-]+\+(xml|json))\b", re.I)
QVALUE = re.compile(r"0(\.\d{0,3})?|1(\.0{0,3})?")
CSRF_FIELD = b"csrfmiddlewaretoken"  # the name of the form field that holds the token


def codings() -> tuple[str, ...]:
    """What this server can send, in its order of preference."""
    return ("br", "gzip") if brotli is not None else ("gzip",)


def negotiate(accept_encoding: str) -> str | None:
    """The coding to send for this Accept-Encoding header (RFC 9110 12.5.3), or None for the body as is.

    The available coding with the highest q-value above 0, brotli first on a tie; `*` stands for any coding
    not named; a malformed q-value refuses its coding. None without the header, when nothing is acceptable,
    or when `identity` is named with a higher q-value than every coding on offer."""
    weights: dict[str, float] = {}
    for item in accept_encoding.split(","):
        name, *params = (part.strip() for part in item.split(";"))
        name = {"x-gzip": "gzip"}.get(name.lower(), name.lower())
        if not name:
            continue
        weight = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                weight = float(value.strip()) if QVALUE.fullmatch(value.strip()) else 0.0
        weights[name] = min(weight, weights.get(name, weight))  # named twice: a refusal wins

    def weight_of(coding: str) -> float:
        return weights.get(coding, weights.get("*", 0.0))

    best = max(codings(), key=weight_of)
    if weight_of(best) <= 0 or weights.get("identity", 0.0) > weight_of(best):
        return None
    return best


def encode(content: bytes, coding: str) -> bytes:
    if coding == "br":
        return brotli.compress(content, quality=BROTLI_QUALITY)
    return gzip.compress(content, compresslevel=GZIP_LEVEL, mtime=0)


def carries_secret(request, response) -> bool:
    """Whether the response may hold something an attacker must not learn; such a response goes out as is.

    - The admin (and Django's admin, if enabled): every page has a CSRF token and what the editor works on,
      and its search and filter fields echo the attacker's text. The login page is one of them.
    - A request with a session cookie, or a signed-in user: the page may hold the user's data and tokens
      (Wagtail's user bar, forms). Anonymous visitors have no session here.
    - A CSRF token was used (Django's `get_token`: a form with `csrfmiddlewaretoken`, e.g. the newsletter's
      confirm and unsubscribe forms, a private page's password form), or the body holds one anyway.
    - The response sets a cookie: its value (a fresh CSRF or session cookie) may be in the body too, and such
      a response is this visitor's alone.
    - The URL carries a token (the newsletter's confirm, unsubscribe and one-click links): the page repeats
      it in its form, where it could be guessed like a CSRF token, and it unsubscribes someone.
    """
    if request.path.startswith(settings.ADMIN_PATH_PREFIXES):
        return True
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return True
    user = getattr(request, "user", None)  # absent on a page cache hit, which never serves a session
    if user is not None and user.is_authenticated:
        return True
    # get_token() adds this key, and only it does (CsrfViewMiddleware later sets it to False, not away);
    # pinned by tests/compression/test_compression_exclusions.py.
    if "CSRF_COOKIE_NEEDS_UPDATE" in request.META or CSRF_FIELD in response.content:
        return True
    if response.cookies:
        return True
    match = getattr(request, "resolver_match", None)
    return match is not None and "token" in match.kwargs


def compressible(request, response) -> bool:
    """A whole (not streamed) text response, not yet encoded, worth compressing and holding no secret."""
    if response.streaming or response.has_header("Content-Encoding"):
        return False
    if not TEXT_TYPES.match(response.get("Content-Type", "")) or len(response.content) < MIN_LENGTH:
        return False
    return not carries_secret(request, response)


def encode_all(request, response) -> dict[str, bytes]:
    """Every compressed body of this response that is smaller than it ({} if it must go out as is)."""
    if not compressible(request, response):
        return {}
    bodies = {coding: encode(response.content, coding) for coding in codings()}
    return {coding: body for coding, body in bodies.items() if len(body) < len(response.content)}


class CompressionMiddleware:
    """Compresses what the middleware and views below it answered; first in MIDDLEWARE, so the cookies
    and tokens they add are known, and the page cache's hits pass through it too."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not compressible(request, response):
            return response
        patch_vary_headers(response, ["Accept-Encoding"])
        coding = negotiate(request.META.get("HTTP_ACCEPT_ENCODING", ""))
        if coding is None:
            return response
        # The page cache's hits and misses bring their bodies, compressed when the page was stored.
        body = getattr(response, "encoded_bodies", {}).get(coding) or encode(response.content, coding)
        if len(body) >= len(response.content):
            return response
        response.content = body
        response["Content-Length"] = str(len(body))
        response["Content-Encoding"] = coding
        etag = response.get("ETag")
        if etag and etag.startswith('"'):  # a strong ETag names these exact bytes (RFC 9110 8.8.1)
            response["ETag"] = "W/" + etag
        return response
