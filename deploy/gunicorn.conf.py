"""Gunicorn's configuration for Nội vụ số in production (docs/operations.md):

    .venv/bin/gunicorn -c deploy/gunicorn.conf.py

Every value can be changed by an environment variable (in the systemd unit's environment file). The
defaults suit one server of 2 to 8 cores behind nginx on the same machine: worker processes one more than
the cores, each with a few threads (most of a request's time is spent waiting on PostgreSQL), so that a
slow export does not hold up the others.

Gunicorn's own lines (start, stop, a worker killed) and one line per request (the access log) are written
as JSON on stderr, like the application's, each request's line with its request id: the one nginx sent in
``X-Request-ID`` or the one the application made, as sent back on the response. The line keeps the path
but not the query string, which may carry a searched name or identity number.
"""

import multiprocessing
import os
import traceback
from typing import Any

from gunicorn.glogging import Logger

wsgi_app = "noivu.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000").split(",")
workers = int(os.environ.get("GUNICORN_WORKERS", str(multiprocessing.cpu_count() + 1)))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
# Seconds a worker may stay silent before it is restarted, and may take to finish its requests on a stop.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "120"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))
# A worker is replaced after this many requests (0: never), which bounds any slow growth of its memory.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = max_requests // 10
# nginx on this machine: X-Forwarded-Proto is believed from it only (FORWARDED_ALLOW_IPS to change).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# systemd restarts and reloads the service; gunicorn's own control socket is not used.
control_socket_disable = True
proc_name = "noivu"

loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")


class JsonAccessLogger(Logger):
    """Gunicorn's logger whose access line carries the request's fields as JSON fields."""

    def access(self, resp: Any, req: Any, environ: dict[str, Any], request_time: Any) -> None:
        atoms = self.atoms(resp, req, environ, request_time)
        try:
            self.access_log.info(
                "%s %s %s",
                atoms["m"],
                atoms["U"],
                atoms["s"],
                extra={
                    "request_id": atoms.get("{x-request-id}o"),
                    "method": atoms["m"],
                    "path": atoms["U"],
                    "status": int(atoms["s"]),
                    "bytes": atoms["B"],
                    "duration_ms": round(request_time.total_seconds() * 1000, 1),
                    "remote_addr": atoms["h"],
                    "forwarded_for": atoms.get("{x-forwarded-for}i"),
                    "user_agent": atoms["a"],
                },
            )
        except Exception:
            self.error(traceback.format_exc())


logger_class = JsonAccessLogger

# Both of gunicorn's logs go to stderr through python-json-logger, as the application's do (settings.LOGGING).
_JSON = {
    "()": "pythonjsonlogger.json.JsonFormatter",
    "fmt": "%(levelname)s %(name)s %(message)s",
    "rename_fields": {"levelname": "level", "name": "logger"},
    "timestamp": "time",
}
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": _JSON},
    "handlers": {
        "stderr": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"}
    },
    "root": {"level": "WARNING", "handlers": ["stderr"]},
    "loggers": {
        "gunicorn.error": {"level": loglevel.upper(), "handlers": ["stderr"], "propagate": False},
        "gunicorn.access": {"level": "INFO", "handlers": ["stderr"], "propagate": False},
    },
}
