"""Settings for bench/bench_million.py: the production settings, plus a trivial view to measure against.

The same middleware, database options (ATOMIC_REQUESTS, CONN_MAX_AGE) and DEBUG off as
production; two differences, both bench-only:
- ROOT_URLCONF adds `/bench-trivial/` (bench/urls_bench.py) in front of the app's URLs, the
  anchor of the page and throughput figures. The app's own URLs are untouched.
- Static files are served from the app directories without a collectstatic manifest (the pages
  measured never fetch a static file; production's manifest storage refuses to render without one).
"""

import warnings

from tracker.settings_production import *  # noqa: F401,F403
from tracker.settings_production import STORAGES

# WhiteNoise warns once per process that STATIC_ROOT (collectstatic's output) does not exist.
warnings.filterwarnings("ignore", message="No directory at")

ROOT_URLCONF = "bench.urls_bench"
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
