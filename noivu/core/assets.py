"""The front-end packages' files (tài nguyên giao diện) the pages use, served under ``static/vendor/<name>/``
from ``node_modules`` (``settings.VENDOR_STATIC``).

Only the files named there are found and collected: the npm packages hold about 80 MB of other builds and
source maps that no page loads, and compressing them all made ``collectstatic`` take minutes. A file a
listed file refers to (a source map, an image of a style sheet) is listed too, since the production
storage rewrites those references to hashed names and stops at a missing one.
"""

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Literal, overload

from django.conf import settings
from django.contrib.staticfiles.finders import BaseFinder
from django.core.checks import CheckMessage
from django.core.checks import Warning as CheckWarning
from django.core.files.storage import FileSystemStorage


class VendorFinder(BaseFinder):
    """A staticfiles finder for the files of ``settings.VENDOR_STATIC``: name → (folder, files)."""

    def __init__(self) -> None:
        self.packages: dict[str, tuple[Path, tuple[str, ...]]] = {
            name: (Path(folder), tuple(files)) for name, (folder, files) in settings.VENDOR_STATIC.items()
        }

    def check(self, **kwargs: object) -> list[CheckMessage]:
        """A warning, not an error: a server whose files are collected runs without ``node_modules``."""
        return [
            CheckWarning(f"{folder / name} is missing: run `npm ci` (then `collectstatic`).", id="noivu.W001")
            for folder, files in self.packages.values()
            for name in files
            if not (folder / name).is_file()
        ]

    def _located(self, path: str) -> str | None:
        for name, (folder, files) in self.packages.items():
            inner = path.removeprefix(f"vendor/{name}/")
            if inner != path and inner in files:
                return str(folder / inner)
        return None

    @overload
    def find(self, path: str, find_all: Literal[False] = False) -> str | None: ...
    @overload
    def find(self, path: str, find_all: Literal[True]) -> list[str]: ...
    def find(self, path: str, find_all: bool = False) -> str | list[str] | None:
        # Django's own finders answer a miss with an empty list, whatever find_all says; its callers
        # (the development server's static view) rely on it.
        found = self._located(path)
        if found and not find_all:
            return found
        return [found] if found else []

    def list(self, ignore_patterns: Iterable[str] | None) -> Iterator[tuple[str, FileSystemStorage]]:
        for name, (folder, files) in self.packages.items():
            storage = FileSystemStorage(location=folder)
            storage.prefix = f"vendor/{name}"  # type: ignore[attr-defined]  # read by collectstatic
            for file in files:
                yield file, storage
