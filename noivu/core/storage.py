"""Where uploaded and generated files are kept (MEDIA_ROOT), and what happens when the disk is full.

A file that cannot be written whole (no space left, a quota reached) is removed rather than left cut
short, and the request that tried is answered with a page saying so (HTTP 507), the data unchanged: an
upload is kept only once it is complete, and the job that would read it is not started.
"""

import errno
import logging
from typing import Any

from django.core.files.storage import FileSystemStorage
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

logger = logging.getLogger(__name__)
FULL = (errno.ENOSPC, errno.EDQUOT)


def is_disk_full(error: BaseException) -> bool:
    return isinstance(error, OSError) and error.errno in FULL


class MediaStorage(FileSystemStorage):
    """The file system storage of MEDIA_ROOT, removing what it could not write whole."""

    def _save(self, name: str, content: Any) -> str:
        try:
            return super()._save(name, content)  # type: ignore[misc]  # FileSystemStorage._save is untyped
        except OSError as error:
            if is_disk_full(error):
                # The name came from get_available_name, so what lies there is this write's part alone.
                try:
                    self.delete(name)
                except OSError:
                    logger.exception("Could not remove the partly written %s", self.path(name))
            raise


class DiskFullMiddleware:
    """Answer a request that ran out of disk space with a page telling the user, not a server error."""

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not is_disk_full(exception):
            return None
        logger.error("Disk full while serving %s: %s", request.path, exception)
        return render(request, "core/disk_full.html", status=507)
