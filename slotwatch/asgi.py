"""The ASGI application production serves (``gunicorn slotwatch.asgi -k slotwatch.server.Worker``, README
"Production"): Django, behind the slow-body deadline of ``slotwatch.slowclients``."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "slotwatch.settings")
django_application = get_asgi_application()

from django.conf import settings
from django.db import connections
from django.urls import get_resolver

from slotwatch.slowclients import RequestBodyDeadline

# Import every view now, not on each worker's first request (seconds on a busy machine: pandas, plotly, DRF).
# With gunicorn's --preload this happens once, before the workers fork.
_ = get_resolver().url_patterns
# Nothing opened at import may be shared by the forked workers (a database connection above all).
connections.close_all()

application = RequestBodyDeadline(
    django_application,
    idle_seconds=settings.SLOTWATCH_SLOW_CLIENT_SECONDS,
    total_seconds=settings.SLOTWATCH_REQUEST_BODY_MAX_SECONDS,
)
