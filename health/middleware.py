"""Probes for a load balancer: GET or HEAD `/-/gezond/` (liveness) and `/-/klaar/` (readiness).

Answered here, high in MIDDLEWARE, for these exact paths only: before anything reads the Host header (the
site lookup, CommonMiddleware), so a load balancer that probes by IP address gets an answer instead of a 400;
before sessions, the database and the page cache. That is safe because the answers contain nothing taken
from the request (no host, no URL), are the same for every host and are never stored by any cache.
"""

from django.http import HttpResponseNotAllowed, JsonResponse

from health import checks

LIVENESS_PATH = "/-/gezond/"
READINESS_PATH = "/-/klaar/"
RETRY_AFTER = "10"


def liveness() -> dict:
    """The process takes requests: no database, no cache, nothing else."""
    return {"status": "ok"}


PROBES = {LIVENESS_PATH: liveness, READINESS_PATH: checks.readiness}


def is_probe(path: str) -> bool:
    return path in PROBES


class HealthCheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        probe = PROBES.get(request.path_info)
        if probe is None:
            return self.get_response(request)
        if request.method not in ("GET", "HEAD"):
            response = HttpResponseNotAllowed(["GET", "HEAD"])
        else:
            result = probe()
            response = JsonResponse(result, status=200 if result["status"] == "ok" else 503)
            if response.status_code != 200:
                response["Retry-After"] = RETRY_AFTER
            if request.method == "HEAD":
                response.content = b""
        response["Cache-Control"] = "no-store"
        response["X-Robots-Tag"] = "noindex"
        return response
