"""Settings of the test suite and the type checker: production's, with a key of their own.

``DEBUG`` stays off, as in production; the tests that check how the settings react to the environment
run ``manage.py`` in a subprocess with ``noivu.settings``.
"""

import os
import tempfile
from pathlib import Path

os.environ.setdefault("SECRET_KEY", "tests-only-key-not-secret-" + "x" * 30)

from noivu.settings import *  # noqa: E402, F403

# Jobs run inline in the request that starts them, so a test sees the outcome at once; the tests of the
# threaded mode turn it on.
JOBS_ON_THREAD = False

# Files the tests upload (attachments, materials) go to a throwaway folder, never to the project's media.
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="noivu-test-media-"))

# Pages find their static files without `collectstatic`, under their plain names, as with DEBUG=1; the
# production storage is tested by starting the production configuration (noivu/tests/test_production.py).
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# A second database standing for a read replica, holding data of its own, so that a test can tell which one
# a page read from; it is created only for the tests that ask for it, and reads go to it only in the tests
# that turn READ_REPLICA on (noivu/core/tests/test_replica.py).
if "replica" not in DATABASES:  # noqa: F405
    _default = DATABASES["default"]  # noqa: F405
    # Its tables are made from the models, not by the migrations: their data steps read the primary.
    DATABASES["replica"] = {  # noqa: F405
        **_default,
        "NAME": f"{_default['NAME']}_replica",
        "TEST": {"MIGRATE": False},
    }
READ_REPLICA = ""
