"""The request id of the request being handled, a filter that puts it on every log record, and the JSON
formatter of the production logs (one JSON object per line; docs/operations.md)."""

import datetime
import json
import logging
import re
from contextvars import ContextVar

_request_id: ContextVar[str | None] = ContextVar("request_id", default=None)

# Path segments that are secrets: signed values (django.core.signing: the newsletter's confirm and
# unsubscribe links) and Django's password-reset tokens (`<timestamp>-<hash>`).
SECRET_SEGMENT = re.compile(r"[^/]*:[^/]*|[0-9a-z]{1,13}-[0-9a-f]{20,}")
REDACTED = "[redacted]"
# Record attributes written as fields of their own, besides time, level, logger, message and request_id.
FIELDS = ("method", "path", "status", "duration_ms", "client_ip", "status_code")


def current_request_id() -> str | None:
    """The id of the request this thread (or task) is handling, if any."""
    return _request_id.get()


def bind_request_id(request_id: str) -> None:
    _request_id.set(request_id)


def unbind_request_id(**kwargs) -> None:
    """The request is over (Django's request_finished signal)."""
    _request_id.set(None)


def redact_path(path: str) -> str:
    return "/".join(REDACTED if SECRET_SEGMENT.fullmatch(part) else part for part in path.split("/"))


class RequestIdFilter(logging.Filter):
    """Adds `request_id` to every record: the current request's id, or "-" outside a request."""

    def filter(self, record):
        if not getattr(record, "request_id", None):
            record.request_id = current_request_id() or "-"
        return True


class SkipProbesFilter(logging.Filter):
    """Drops the "Service Unavailable: /-/klaar/" line Django writes for every failing probe: the request
    log has the probe, and health.checks says once what fails."""

    def filter(self, record):
        from health.middleware import is_probe

        return not is_probe(getattr(getattr(record, "request", None), "path_info", None))


class JsonFormatter(logging.Formatter):
    def format(self, record):
        entry = {
            "time": datetime.datetime.fromtimestamp(record.created, datetime.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": _message(record),
        }
        request_id = getattr(record, "request_id", None) or current_request_id()
        if request_id and request_id != "-":
            entry["request_id"] = request_id
        for field in FIELDS:
            value = getattr(record, field, None)
            if value is not None:
                entry[field] = value
        if record.exc_info:
            entry["traceback"] = self.formatException(record.exc_info)
        elif record.stack_info:
            entry["traceback"] = self.formatStack(record.stack_info)
        return json.dumps(entry, default=str)


def _message(record) -> str:
    """The message, with secrets in the path Django's request loggers repeat ("Not Found: /…") redacted."""
    request = getattr(record, "request", None)
    path = getattr(request, "path", None)
    if isinstance(path, str) and isinstance(record.args, tuple):
        escaped = path.encode("unicode_escape").decode("ascii")  # as django.utils.log.log_message passes it
        args = tuple(redact_path(arg) if arg in (path, escaped) else arg for arg in record.args)
        return str(record.msg) % args if args else str(record.msg)
    return record.getMessage()
