"""Security plumbing Django 5.2 does not ship: a Content-Security-Policy header and login throttling.

Content-Security-Policy
    ``ContentSecurityPolicyMiddleware`` sets ``SLOTWATCH_CSP`` (directive -> sources, in settings) on every
    response. The pages honour it with no inline script: figures are JSON data blocks drawn by
    ``static/js/figures.js``. A view that needs more wraps itself in ``csp_update(directive=[sources])``, or a
    template says ``{% load csp %}{% csp_update "style-src" "'unsafe-inline'" %}``; the sources are added to that
    response's policy only. The one such exception: pages that load plotly.js (templates/dashboard/_scripts.html)
    allow inline styles, because plotly.js writes its stylesheet into <style> elements it creates at run time.
    ``SLOTWATCH_CSP_REPORT_ONLY`` sends the policy as ``Content-Security-Policy-Report-Only`` instead (to try a
    change on a live site without breaking it).

Login throttling
    After ``SLOTWATCH_LOGIN_MAX_FAILURES`` failed sign-ins for one user name from one client address, further
    attempts for that pair are refused for ``SLOTWATCH_LOGIN_LOCKOUT_SECONDS`` (HTTP 429 with ``Retry-After`` on
    the sign-in pages; the correct password does not get through either). Failures are counted in the default
    cache (``CACHE_URL``): with several processes, point it at Redis so they share the count. The pair, not the
    user name alone, so that a stranger cannot lock a user out from elsewhere; not the address alone, so that
    users behind one NAT do not lock each other out. The guard sits in the authentication backend, so every
    sign-in path (the admin, /account/login/, anything that calls ``authenticate``) is covered; the forms only
    turn the refusal into a clear message.
"""

from __future__ import annotations

import functools
import hashlib
import math
import time

from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.forms import AuthenticationForm
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from rest_framework.throttling import SimpleRateThrottle

__all__ = (
    "ContentSecurityPolicyMiddleware",
    "LoginThrottle",
    "LoginThrottleMiddleware",
    "PageThrottle",
    "ThrottledAdminAuthenticationForm",
    "ThrottledAuthenticationForm",
    "ThrottledModelBackend",
    "client_address",
    "csp_update",
    "policy_header",
    "public_read",
)

# -- Content-Security-Policy ---------------------------------------------------------------------------------


def policy_header(policy: dict, extra: dict | None = None) -> str:
    """``{"default-src": ["'self'"], ...}`` (plus per-view additions) as a header value."""
    merged = {directive: list(sources) for directive, sources in policy.items()}
    for directive, sources in (extra or {}).items():
        if directive not in merged:  # a directive the policy leaves to default-src starts from it
            merged[directive] = list(merged.get("default-src", []))
        merged[directive] += [source for source in sources if source not in merged[directive]]
    return "; ".join(f"{directive} {' '.join(sources)}".strip() for directive, sources in merged.items())


def csp_update(**directives):
    """Add sources to one view's policy: ``@csp_update(style_src=["'sha256-...'"])``."""
    extra = {name.replace("_", "-"): list(sources) for name, sources in directives.items()}

    def decorator(view):
        @functools.wraps(view)
        def wrapped(*args, **kwargs):
            response = view(*args, **kwargs)
            response.csp_update = extra
            return response

        return wrapped

    return decorator


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        header = (
            "Content-Security-Policy-Report-Only" if settings.SLOTWATCH_CSP_REPORT_ONLY else "Content-Security-Policy"
        )
        if header not in response and settings.SLOTWATCH_CSP:
            extra = {}
            for source in (getattr(request, "csp_update", None), getattr(response, "csp_update", None)):
                for directive, sources in (source or {}).items():
                    extra.setdefault(directive, []).extend(sources)
            response[header] = policy_header(settings.SLOTWATCH_CSP, extra)
        return response


# -- public read --------------------------------------------------------------------------------------------


class PageThrottle(SimpleRateThrottle):
    """Anonymous dashboard pages, per client address (``SLOTWATCH_PAGE_ANON_RATE``): a page runs the rules and
    builds figures, so a client without an account gets a budget like the API's."""

    scope = "page"

    @property
    def rate(self):
        return settings.SLOTWATCH_PAGE_ANON_RATE

    def get_cache_key(self, request, view):
        if request.user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": client_address(request)}


def too_many_requests(seconds: float | None) -> HttpResponse:
    response = HttpResponse("Too many requests from your address; try again later.\n", status=429,
                            content_type="text/plain; charset=utf-8")
    response["Retry-After"] = str(max(1, math.ceil(seconds or 1)))
    return response


def public_read(view):
    """A page of published data: anyone may read it while ``SLOTWATCH_PUBLIC_READ`` is on, signed-in users
    otherwise (the same rule as the API's reads); an anonymous visitor is sent to sign in, and is throttled."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if not settings.SLOTWATCH_PUBLIC_READ and not request.user.is_authenticated:
            from django.contrib.auth.views import redirect_to_login

            return redirect_to_login(request.get_full_path())
        throttle = PageThrottle()
        if not throttle.allow_request(request, None):
            return too_many_requests(throttle.wait())
        return view(request, *args, **kwargs)

    return wrapped


# -- login throttling ----------------------------------------------------------------------------------------


def client_address(request) -> str:
    """The client's address: REMOTE_ADDR, or behind ``SLOTWATCH_PROXY_COUNT`` proxies the address the outermost
    of them saw (from the right of X-Forwarded-For, the part the proxies wrote; what a client sends is ignored)."""
    proxies = settings.SLOTWATCH_PROXY_COUNT
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


class Lockout:
    """Failures counted under one key in the cache: ``max_failures`` within ``window`` seconds lock the key for
    ``window`` seconds. Attempts while locked neither count nor extend the lock. Subclasses name the scope, the
    identity (hashed) and the two settings."""

    scope = ""
    max_failures_setting = ""
    window_setting = ""

    def __init__(self, identity: str):
        ident = hashlib.sha256(identity.encode()).hexdigest()[:32]
        self.failures_key = f"{self.scope}-failures:{ident}"
        self.lock_key = f"{self.scope}-locked:{ident}"

    def locked_for(self) -> int:
        """Seconds until the key may try again; 0 when it may now."""
        until = cache.get(self.lock_key)
        return max(0, math.ceil(until - time.time())) if until else 0

    def failed(self) -> None:
        if self.locked_for():
            return
        window = getattr(settings, self.window_setting)
        cache.add(self.failures_key, 0, timeout=window)  # the count expires a window after the first failure
        try:
            count = cache.incr(self.failures_key)
        except ValueError:  # expired between add and incr
            count = 1
            cache.set(self.failures_key, count, timeout=window)
        if count >= getattr(settings, self.max_failures_setting):
            cache.set(self.lock_key, time.time() + window, timeout=window)
            cache.delete(self.failures_key)

    def succeeded(self) -> None:
        cache.delete_many([self.failures_key, self.lock_key])


class LoginThrottle(Lockout):
    """Failed sign-ins for one (user name, client address) pair."""

    scope = "login"
    max_failures_setting = "SLOTWATCH_LOGIN_MAX_FAILURES"
    window_setting = "SLOTWATCH_LOGIN_LOCKOUT_SECONDS"

    def __init__(self, request, username: str):
        super().__init__(f"{username.strip().casefold()}\0{client_address(request)}")


def _username(credentials: dict) -> str | None:
    from django.contrib.auth import get_user_model

    value = credentials.get(get_user_model().USERNAME_FIELD, credentials.get("username"))
    return value if isinstance(value, str) and value else None


def on_login_failed(sender, credentials, request=None, **kwargs):
    username = _username(credentials)
    if request is not None and username:
        LoginThrottle(request, username).failed()


def on_logged_in(sender, request, user, **kwargs):
    if request is not None:
        LoginThrottle(request, user.get_username()).succeeded()


class ThrottledModelBackend(ModelBackend):
    """Django's backend, refusing a locked (user name, address) pair before looking at the password."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        from django.contrib.auth import get_user_model

        name = username if username is not None else kwargs.get(get_user_model().USERNAME_FIELD)
        if request is not None and name and LoginThrottle(request, name).locked_for():
            raise PermissionDenied("too many failed sign-ins")  # authenticate() stops here and returns None
        return super().authenticate(request, username=username, password=password, **kwargs)


class ThrottledLoginMixin:
    """Say why a locked pair is refused (instead of "wrong password"), and mark the response as a 429."""

    def clean(self):
        username = self.cleaned_data.get("username")
        if username and self.request is not None:
            seconds = LoginThrottle(self.request, username).locked_for()
            if seconds:
                self.request.login_throttled_for = seconds
                minutes = math.ceil(seconds / 60)
                raise ValidationError(
                    "Too many failed sign-ins for this user name from your address. "
                    f"Try again in {minutes} minute{'s' if minutes != 1 else ''}.",
                    code="throttled",
                )
        return super().clean()


class ThrottledAuthenticationForm(ThrottledLoginMixin, AuthenticationForm):
    pass


class ThrottledAdminAuthenticationForm(ThrottledLoginMixin, AdminAuthenticationForm):
    pass


class LoginThrottleMiddleware:
    """A sign-in page refused by the throttle answers 429 Too Many Requests with Retry-After."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        seconds = getattr(request, "login_throttled_for", 0)
        if seconds and response.status_code == 200:
            response.status_code = 429
            response.reason_phrase = "Too Many Requests"
            response["Retry-After"] = str(seconds)
        return response
