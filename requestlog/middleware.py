"""One log line per request (logger `requestlog`, INFO): its id, method, path, status and duration.

The id is the request's `X-Request-ID` when that looks like an id (REQUEST_ID), else a new one; it goes back
in the response's `X-Request-ID` and onto every other log record of the request (logs.RequestIdFilter). The
path is logged without its query string and with secret segments redacted (logs.redact_path). The client's
address only with LOG_CLIENT_IP (security.clientip: the visitor behind trusted proxies, an IPv6 address as
its /64). Successful load-balancer probes only with LOG_HEALTH_CHECKS.
"""

import logging
import re
import time
import uuid

from django.conf import settings
from django.core.signals import request_finished

from health.middleware import is_probe
from requestlog.logs import bind_request_id, redact_path, unbind_request_id
from security.clientip import client_ip

REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,64}")
logger = logging.getLogger("requestlog")


# The id stays current until the response is closed: Django logs a response's errors after the middleware
# returned it ("Service Unavailable: /…"), and a streamed body is sent after that.
request_finished.connect(unbind_request_id, dispatch_uid="requestlog-unbind")


def request_id_for(request) -> str:
    given = request.headers.get("X-Request-ID", "")
    return given if REQUEST_ID.fullmatch(given) else uuid.uuid4().hex


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = request.request_id = request_id_for(request)
        bind_request_id(request_id)
        started = time.perf_counter()
        status = 500  # unless a response comes back
        try:
            response = self.get_response(request)
            status = response.status_code
            response["X-Request-ID"] = request_id
            return response
        finally:
            self.log(request, status, started)

    def log(self, request, status: int, started: float) -> None:
        if status == 200 and is_probe(request.path_info) and not settings.LOG_HEALTH_CHECKS:
            return
        path = redact_path(request.path)
        fields = {
            "method": request.method,
            "path": path,
            "status": status,
            "duration_ms": round((time.perf_counter() - started) * 1000, 1),
        }
        if settings.LOG_CLIENT_IP:
            fields["client_ip"] = client_ip(request)
        logger.info("%s %s %s", request.method, path, status, extra=fields)
