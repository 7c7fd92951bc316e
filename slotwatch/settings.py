"""Slotwatch settings, read from the environment (see README, "Configuration").

The embedded defaults need no server: SQLite in var/, a file-system Celery
broker in var/broker/, e-mail written to var/mail/.
"""

from pathlib import Path

from celery.schedules import crontab
from whitenoise.compress import Compressor

from slotwatch.env import (
    cache_from_url,
    database_from_url,
    email_from_url,
    env_bool,
    env_choice,
    env_float,
    env_int,
    env_list,
    env_proxy_ssl_header,
    env_rate,
    env_site_url,
    env_str,
    env_time_zone,
    secret_key,
)

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("SLOTWATCH_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = secret_key(DEBUG, VAR_DIR)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

# HTTPS and browser protections (README, "Configuration"). The HTTPS-only ones default on when DEBUG is off, so
# `manage.py check --deploy` is clean with DEBUG=0, SECRET_KEY and ALLOWED_HOSTS alone.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
# Behind a TLS-terminating proxy: "X-Forwarded-Proto=https". Only if the proxy always sets or strips it.
SECURE_PROXY_SSL_HEADER = env_proxy_ssl_header("SECURE_PROXY_SSL_HEADER")
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 365 * 24 * 3600, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
# Preload is opt-in: once a domain is on the browsers' preload list, leaving it takes months. Off, check --deploy
# would say so (security.W021); that is a decision, not an oversight, so the warning is silenced while it is off.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
SECURE_CONTENT_TYPE_NOSNIFF = env_bool("SECURE_CONTENT_TYPE_NOSNIFF", True)
SECURE_REFERRER_POLICY = env_choice("SECURE_REFERRER_POLICY", "same-origin", (
    "no-referrer", "no-referrer-when-downgrade", "origin", "origin-when-cross-origin", "same-origin",
    "strict-origin", "strict-origin-when-cross-origin", "unsafe-url",
))
X_FRAME_OPTIONS = env_choice("X_FRAME_OPTIONS", "DENY", ("DENY", "SAMEORIGIN"))
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
SESSION_COOKIE_HTTPONLY = True  # scripts never need the session id
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
# Content-Security-Policy on every response (slotwatch/security.py); no inline script anywhere.
SLOTWATCH_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "frame-ancestors": ["'none'"],
    "form-action": ["'self'"],
}
SLOTWATCH_CSP_REPORT_ONLY = env_bool("SLOTWATCH_CSP_REPORT_ONLY", False)
# Sign-in throttling per (user name, client address); counts in the default cache.
SLOTWATCH_LOGIN_MAX_FAILURES = env_int("SLOTWATCH_LOGIN_MAX_FAILURES", 5, minimum=1)
SLOTWATCH_LOGIN_LOCKOUT_SECONDS = env_int("SLOTWATCH_LOGIN_LOCKOUT_SECONDS", 900, minimum=1)
# Reverse proxies in front of the app that append to X-Forwarded-For (0: use the connection's address).
SLOTWATCH_PROXY_COUNT = env_int("SLOTWATCH_PROXY_COUNT", 0, minimum=0)
AUTHENTICATION_BACKENDS = ["slotwatch.security.ThrottledModelBackend"]
# Slow clients (slotwatch/slowclients.py, slotwatch/server.py): request headers must be complete this many seconds
# after a connection opens, and a request body may pause no longer between two chunks; 408 or a close otherwise.
# 10 s is far above what a real browser or script needs on any network (a full set of headers is one packet).
SLOTWATCH_SLOW_CLIENT_SECONDS = env_float("SLOTWATCH_SLOW_CLIENT_SECONDS", 10.0, minimum=0.5)
# ... and a whole request body must arrive within this many seconds (the API takes at most 2.5 MB: 20 s at 1 Mbit/s).
SLOTWATCH_REQUEST_BODY_MAX_SECONDS = env_float("SLOTWATCH_REQUEST_BODY_MAX_SECONDS", 60.0, minimum=1.0)

# One memory cache per process by default; Redis in production so every worker shares throttles and caches.
CACHES = {"default": cache_from_url(env_str("CACHE_URL", "locmem://"))}

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_celery_beat",
    "filings",
    "constellations",
    "compliance",
    "alerts",
    "dashboard",
    "accounts",
    "changelog",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "slotwatch.security.ContentSecurityPolicyMiddleware",  # before WhiteNoise: static files get it too
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "slotwatch.security.LoginThrottleMiddleware",  # a throttled sign-in answers 429
    "changelog.context.ChangeContextMiddleware",  # who made each change, for the change records
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "slotwatch.errors.StyledNotFoundMiddleware",  # DEBUG only: the styled 404 for the app's pages
]

ROOT_URLCONF = "slotwatch.urls"
WSGI_APPLICATION = "slotwatch.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": database_from_url(env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'slotwatch.sqlite3'}"))
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = env_time_zone("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
# plotly.js is vendored as its partial bundle static/vendor/plotly-basic.min.js (see static/vendor/README.md).
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise looks here even before collectstatic
# DEBUG off: hashed names, gzip and Brotli copies, a year's immutable caching (slotwatch/staticfiles.py).
SLOTWATCH_STATIC_HASHED = env_bool("SLOTWATCH_STATIC_HASHED", not DEBUG)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "slotwatch.staticfiles.HashedCompressedStaticFiles" if SLOTWATCH_STATIC_HASHED
                    else "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = [*Compressor.SKIP_COMPRESS_EXTENSIONS, "map"]  # source maps: devtools only

# E-mail: one URL, default written to files so a fresh machine sends nothing.
globals().update(email_from_url(env_str("EMAIL_URL", f"file://{VAR_DIR / 'mail'}")))
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Slotwatch <alerts@slotwatch.localhost>")
# Links in e-mails: the site a subscription was made from (stored with it), else this. Checked at start-up.
SITE_URL = env_site_url("SITE_URL", "http://127.0.0.1:8000")

# Celery: the file-system broker needs no server; Redis or RabbitMQ in production.
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", "filesystem://")
BROKER_DIR = VAR_DIR / "broker"
if CELERY_BROKER_URL.startswith("filesystem://"):
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(BROKER_DIR / "out"),
        "data_folder_out": str(BROKER_DIR / "out"),
        "processed_folder": str(BROKER_DIR / "processed"),
        # Without this kombu keeps its exchange table in ./control, wherever the process started.
        "control_folder": str(BROKER_DIR / "control"),
        "store_processed": False,
    }
    # kombu's file-system transport expects its folders to exist.
    for folder in ("out", "processed", "control"):
        (BROKER_DIR / folder).mkdir(parents=True, exist_ok=True)
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = "UTC"
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)
CELERY_BEAT_SCHEDULER = "slotwatch.beat:SeedingDatabaseScheduler"  # settings seed the DB; the admin wins after
# One queue name per deployment, so two deployments (or a test run) can share one Redis.
CELERY_TASK_DEFAULT_QUEUE = env_str("CELERY_TASK_DEFAULT_QUEUE", "celery")
# A broker that is down or unreachable makes a publish fail within seconds instead of hanging its caller
# (kombu's Redis client waits forever on a silent connection by default; tests/faults/test_broker_down.py).
# Callers record the failure: an alert stays pending and the next sweep queues it again.
CELERY_BROKER_CONNECTION_TIMEOUT = 3  # seconds to connect (amqp)
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.5, "interval_max": 0.5}
if CELERY_BROKER_URL.startswith(("redis://", "rediss://")):
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "socket_connect_timeout": 3,
        "socket_timeout": 5,  # above the 1 s BRPOP poll of the workers
        # acks_late: a task taken by a worker that died unacknowledged is queued again after this long.
        "visibility_timeout": env_int("CELERY_BROKER_VISIBILITY_TIMEOUT", 3600, minimum=1),
    }
# The periodic jobs, declared as data; django-celery-beat copies them into the
# database at start so staff can retime them in the admin.
CELERY_BEAT_SCHEDULE = {
    "evaluate-milestones-daily": {
        "task": "compliance.tasks.evaluate_all",
        "schedule": crontab(minute=15, hour=2),
    },
    # Alerts (alerts/tasks.py). "expires" just under the interval: a backlog never piles up repeats.
    "alerts-daily": {  # evaluate as of today, record the alerts due, e-mail the immediate ones
        "task": "alerts.tasks.run_daily",
        "schedule": crontab(minute=30, hour=2),
        "options": {"expires": 23 * 3600},
    },
    "alerts-sweep": {  # retries, expired claims, anything not yet queued
        "task": "alerts.tasks.sweep",
        "schedule": 60.0,
        "options": {"expires": 55},
    },
    "alerts-digest-daily": {
        "task": "alerts.tasks.send_digests",
        "schedule": crontab(minute=0, hour=7),
        "args": ["daily"],
        "options": {"expires": 23 * 3600},
    },
    "alerts-digest-weekly": {
        "task": "alerts.tasks.send_digests",
        "schedule": crontab(minute=0, hour=7, day_of_week="mon"),
        "args": ["weekly"],
        "options": {"expires": (7 * 24 - 1) * 3600},
    },
    "score-filings-daily": {  # fans out one compliance.tasks.score_filing per filing
        "task": "compliance.tasks.score_all",
        "schedule": crontab(minute=45, hour=2),
    },
    # Catalog sources (constellations/tasks.py, constellations/sync.py). CelesTrak asks for GP data at most once
    # every 2 hours per group; Space-Track for SATCAT once a day; GCAT changes about weekly. Each task refuses,
    # without a request, a run sooner than its source's interval.
    "sync-celestrak-gp": {"task": "constellations.tasks.sync_source", "args": ["celestrak-gp"],
                          "schedule": crontab(minute=20, hour="*/4"), "options": {"expires": 3 * 3600}},
    "sync-celestrak-satcat": {"task": "constellations.tasks.sync_source", "args": ["celestrak-satcat"],
                              "schedule": crontab(minute=40, hour=1), "options": {"expires": 23 * 3600}},
    "sync-spacetrack": {"task": "constellations.tasks.sync_source", "args": ["spacetrack"],
                        "schedule": crontab(minute=50, hour=1), "options": {"expires": 23 * 3600}},
    "sync-gcat": {"task": "constellations.tasks.sync_source", "args": ["gcat"],
                  "schedule": crontab(minute=10, hour=1, day_of_week="sun"), "options": {"expires": 6 * 24 * 3600}},
}

# The REST API (/api/v1/, docs at /api/docs/). Rates are "N/second|minute|hour|day".
SLOTWATCH_API_MAX_PAGE_SIZE = env_int("SLOTWATCH_API_MAX_PAGE_SIZE", 1000, minimum=1)
# Seconds a read may be answered from the response cache (invalidated by any change; 0 turns it off).
SLOTWATCH_API_CACHE_SECONDS = env_int("SLOTWATCH_API_CACHE_SECONDS", 300, minimum=0)
SLOTWATCH_API_ANON_RATE = env_rate("SLOTWATCH_API_ANON_RATE", "120/minute")
SLOTWATCH_API_TOKEN_RATE = env_rate("SLOTWATCH_API_TOKEN_RATE", "1200/minute")
# ?format=csv|xlsx of a list costs seconds of CPU (3.5 s for every space object as xlsx): a low rate of its own for
# every client (per token, user or address); answers are cached per data version (SLOTWATCH_API_EXPORT_CACHE_BYTES
# caps one cached file; 0 turns the export cache off).
SLOTWATCH_API_EXPORT_RATE = env_rate("SLOTWATCH_API_EXPORT_RATE", "30/hour")
SLOTWATCH_API_EXPORT_CACHE_BYTES = env_int("SLOTWATCH_API_EXPORT_CACHE_BYTES", 32 * 1024 * 1024, minimum=0)
# Anonymous dashboard pages per client address.
SLOTWATCH_PAGE_ANON_RATE = env_rate("SLOTWATCH_PAGE_ANON_RATE", "120/minute")
# Failed token authentications per client address before further Authorization headers are refused (429).
SLOTWATCH_TOKEN_MAX_FAILURES = env_int("SLOTWATCH_TOKEN_MAX_FAILURES", 20, minimum=1)
SLOTWATCH_TOKEN_LOCKOUT_SECONDS = env_int("SLOTWATCH_TOKEN_LOCKOUT_SECONDS", 600, minimum=1)
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # Token first: an anonymous request that needs a user is answered 401 with "WWW-Authenticate: Token".
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "accounts.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["slotwatch.api.permissions.RegistryPermission"],
    "DEFAULT_PAGINATION_CLASS": "slotwatch.api.pagination.LimitOffsetPagination",
    "DEFAULT_FILTER_BACKENDS": [
        "slotwatch.api.filters.FilterBackend",
        "slotwatch.api.filters.StrictSearchFilter",
        "slotwatch.api.filters.StrictOrderingFilter",
    ],
    "SEARCH_PARAM": "q",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["slotwatch.api.parsers.JSONParser"],  # hostile bodies answer JSON errors
    "DEFAULT_THROTTLE_CLASSES": [
        "slotwatch.api.throttling.AnonThrottle",
        "slotwatch.api.throttling.TokenThrottle",
        "slotwatch.api.throttling.ExportThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": SLOTWATCH_API_ANON_RATE, "token": SLOTWATCH_API_TOKEN_RATE, "export": SLOTWATCH_API_EXPORT_RATE,
    },
    "EXCEPTION_HANDLER": "slotwatch.api.exceptions.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Slotwatch API",
    "DESCRIPTION": (
        "The registry of satellite-constellation filings. Read access is public unless SLOTWATCH_PUBLIC_READ is "
        "off; scripts authenticate with `Authorization: Token <secret>` (create one at /account/tokens/). "
        "Lists take limit/offset, filters, `ordering` and `q`; add `format=csv` or `format=xlsx` to export "
        "every matching row (the columns are listed on each list)."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",  # served from our static files: no CDN
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": r"/api/v1",  # tags each operation by resource (filings, shells, ...)
    "ENUM_NAME_OVERRIDES": {
        "ConfidenceEnum": "filings.models.Confidence",
        "MilestoneStatusEnum": "compliance.models.Milestone.Status",
        "CatalogImportStatusEnum": "constellations.models.CatalogImport.Status",
        # The confidence of a count (catalog-derived counts are inferred) and where a series comes from.
        "CountConfidenceEnum": [("inferred", "inferred"), ("reported", "reported")],
        "CatalogCountConfidenceEnum": [("inferred", "inferred")],
        "SeriesSourceEnum": [("catalog", "catalog"), ("reported", "reported")],
    },
}
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:tokens"
LOGOUT_REDIRECT_URL = "home"

# Milestone alerts (alerts/delivery.py documents the delivery guarantee these tune).
SLOTWATCH_ALERT_CATCH_UP_DAYS = env_int("SLOTWATCH_ALERT_CATCH_UP_DAYS", 7, minimum=1)
SLOTWATCH_ALERT_CLAIM_SECONDS = env_int("SLOTWATCH_ALERT_CLAIM_SECONDS", 600, minimum=1)
SLOTWATCH_ALERT_RETRY_BASE_SECONDS = env_int("SLOTWATCH_ALERT_RETRY_BASE_SECONDS", 60, minimum=1)
SLOTWATCH_ALERT_RETRY_MAX_SECONDS = env_int("SLOTWATCH_ALERT_RETRY_MAX_SECONDS", 6 * 3600, minimum=1)
SLOTWATCH_ALERT_MAX_ATTEMPTS = env_int("SLOTWATCH_ALERT_MAX_ATTEMPTS", 8, minimum=1)
SLOTWATCH_ALERT_REDISPATCH_SECONDS = env_int("SLOTWATCH_ALERT_REDISPATCH_SECONDS", 600, minimum=1)
SLOTWATCH_ALERT_UNCERTAIN = env_choice("SLOTWATCH_ALERT_UNCERTAIN", "hold", ("hold", "resend"))
# Subscriptions one account may hold, and the e-mails a subscriber may ask for (tests, confirmation links):
# one per subscription per interval and at most so many per account per hour (alerts/requests.py).
SLOTWATCH_ALERT_MAX_SUBSCRIPTIONS = env_int("SLOTWATCH_ALERT_MAX_SUBSCRIPTIONS", 50, minimum=1)
SLOTWATCH_ALERT_REQUEST_INTERVAL_SECONDS = env_int("SLOTWATCH_ALERT_REQUEST_INTERVAL_SECONDS", 300, minimum=0)
SLOTWATCH_ALERT_REQUESTS_PER_HOUR = env_int("SLOTWATCH_ALERT_REQUESTS_PER_HOUR", 10, minimum=1)

SLOTWATCH_PUBLIC_READ = env_bool("SLOTWATCH_PUBLIC_READ", True)
# Days before a deadline during which a milestone counts as "due soon".
SLOTWATCH_DUE_SOON_DAYS = env_int("SLOTWATCH_DUE_SOON_DAYS", 180, minimum=1)

# Catalog: when a satellite counts toward a filing shell (constellations.catalog.orbit_state).
# ASSUMPTION: no retrieved source fixes these. Res. 8 (WRC-23) sets notified-vs-deployed tolerances but its
# Annex was not read (shared/reference/rules.md 2.3); the pure layer's placeholders are ±10 km / ±0.5°. Altitude
# is the mean altitude (semi-major axis minus the equatorial radius, the ITU spherical-Earth convention).
# ±25 km, not 10: OneWeb staggers its planes at 1,178/1,190/1,202/1,214/1,222 km around the filed 1,200 km
# (CelesTrak element sets of 2026-08-22); ±10 km would call two of five planes off station. Where bands of
# neighbouring shells overlap, each satellite counts toward the closest shell only (importer/deployment).
SLOTWATCH_CATALOG_ALTITUDE_TOLERANCE_KM = env_float("SLOTWATCH_CATALOG_ALTITUDE_TOLERANCE_KM", 25.0, minimum=0.0)
SLOTWATCH_CATALOG_INCLINATION_TOLERANCE_DEG = env_float(
    "SLOTWATCH_CATALOG_INCLINATION_TOLERANCE_DEG", 0.5, minimum=0.0
)
# Below its shell within this many days of launch = still raising; later = decaying. Orbit raising of Starlink,
# OneWeb and Kuiper takes weeks to a few months; 180 days is a generous bound (assumption).
SLOTWATCH_CATALOG_RAISING_DAYS = env_int("SLOTWATCH_CATALOG_RAISING_DAYS", 180, minimum=1)
# Below its shell, older than that and with a perigee under this altitude = decaying (drag brings such orbits
# down within months; assumption). Older, below its shell and higher up = parked off the filed shells: unmatched.
SLOTWATCH_CATALOG_DECAY_PERIGEE_KM = env_float("SLOTWATCH_CATALOG_DECAY_PERIGEE_KM", 350.0, minimum=0.0)
# An object whose newest orbit is this many days older than its constellation's newest data is missing from
# the latest element set (CelesTrak's active group drops decayed and dead satellites): its state is unknown.
SLOTWATCH_CATALOG_STALE_DAYS = env_int("SLOTWATCH_CATALOG_STALE_DAYS", 30, minimum=1)
# Attribution (constellations.attribution): an element set fewer than this many days after launch that finds a
# satellite below another filed shell of its inclination may be a transit (still raising), not its first stable
# orbit. Assumption: Starlink and Kuiper reach their shells in weeks to about three months.
SLOTWATCH_ATTRIBUTION_SETTLE_DAYS = env_int("SLOTWATCH_ATTRIBUTION_SETTLE_DAYS", 90, minimum=0)

# Catalog sources kept current by `manage.py sync` (constellations/sync.py); a mirror or a test server can stand in.
SLOTWATCH_CELESTRAK_URL = env_str("SLOTWATCH_CELESTRAK_URL", "https://celestrak.org")
SLOTWATCH_SPACETRACK_URL = env_str("SLOTWATCH_SPACETRACK_URL", "https://www.space-track.org")
SLOTWATCH_GCAT_URL = env_str("SLOTWATCH_GCAT_URL", "https://planet4589.org/space/gcat")
# CelesTrak GP groups synced (celestrak.org/NORAD/elements/: "active" holds every working satellite).
SLOTWATCH_CELESTRAK_GROUPS = env_list("SLOTWATCH_CELESTRAK_GROUPS", ["active"])
# The largest catalog file or download read, and the largest gzip content inflated (issue 18): bytes.
SLOTWATCH_CATALOG_MAX_BYTES = env_int("SLOTWATCH_CATALOG_MAX_BYTES", 256 * 1024 * 1024, minimum=1024)
# Seconds a download may wait for a connection or for the next bytes before it fails.
SLOTWATCH_SYNC_TIMEOUT_SECONDS = env_float("SLOTWATCH_SYNC_TIMEOUT_SECONDS", 60.0, minimum=0.1)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}
