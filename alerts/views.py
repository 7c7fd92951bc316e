from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from alerts.emails import subscription_for_confirmation, subscription_id_for_token
from alerts.forms import SCOPES, SubscriptionForm
from alerts.models import Delivery, Subscription, same_address
from alerts.requests import Refused, request_confirmation, request_test
from filings.models import Filing

RECENT = 30


def _get_subscription_for_user(request, pk: int) -> Subscription:
    # 404, not 403, for someone else's subscription: its existence is none of the caller's business.
    return get_object_or_404(Subscription.objects.for_user(request.user).select_related("user"), pk=pk)


def _site_of(request) -> str:
    # The host was checked against ALLOWED_HOSTS by get_host(), so this is an address the app answers on.
    return request.build_absolute_uri("/").rstrip("/")


@login_required
def subscription_list(request):
    subscriptions = Subscription.objects.for_user(request.user).select_related("user").prefetch_related(
        "administrations", "operators", "constellations", "filings"
    )
    deliveries = (
        Delivery.objects.filter(subscription__user=request.user)
        .select_related("subscription")
        .order_by("-created_at")[:RECENT]
    )
    problems = Delivery.objects.filter(
        subscription__user=request.user, status__in=[Delivery.Status.FAILED, Delivery.Status.UNCERTAIN]
    ).count()
    return render(request, "alerts/subscription_list.html", {
        "subscriptions": subscriptions, "deliveries": deliveries, "problems": problems,
    })


def _initial_scope(request) -> dict:
    """?filing=<id>, ?operator=<id>, ... from a "watch" button: the new subscription starts with that scope."""
    initial = {}
    for scope in SCOPES:
        values = [v for v in request.GET.getlist(scope.rstrip("s")) if v.isdigit()]
        if values:
            initial[scope] = values
    if list(initial) == ["filings"] and len(initial["filings"]) == 1:  # named after what it watches
        name = Filing.objects.filter(pk=initial["filings"][0]).values_list("name", flat=True).first()
        if name:
            initial["name"] = name[:120]
    return initial


@login_required
@require_http_methods(["GET", "POST"])
def subscription_edit(request, pk: int | None = None):
    subscription = _get_subscription_for_user(request, pk) if pk else Subscription(user=request.user)
    before = subscription.email
    form = SubscriptionForm(request.POST or None, instance=subscription,
                            initial=None if pk or request.method == "POST" else _initial_scope(request))
    if request.method == "POST" and form.is_valid():
        subscription = form.save(commit=False)
        # Saving never undoes an unsubscribe: that address's owner opts in again (Resume, or the link), not the
        # form (issue 18). The links in its e-mails point to the site it was saved on.
        subscription.site_url = _site_of(request)
        subscription.save()
        form.save_m2m()
        messages.success(request, "Subscription saved.")
        if subscription.needs_confirmation and (pk is None or not same_address(before, subscription.email)):
            _ask_to_confirm(request, subscription)
        return redirect("alerts:list")
    return render(request, "alerts/subscription_form.html", {"form": form, "subscription": subscription})


def _ask_to_confirm(request, subscription) -> None:
    try:
        request_confirmation(subscription)
    except Refused as refused:
        messages.warning(request, str(refused))
    else:
        messages.info(request, f"A confirmation link went to {subscription.email}. Nothing else is sent there "
                               "until its owner follows it.")


@login_required
@require_POST
def subscription_delete(request, pk: int):
    _get_subscription_for_user(request, pk).delete()
    messages.success(request, "Subscription deleted.")
    return redirect("alerts:list")


@login_required
@require_POST
def subscription_pause(request, pk: int):
    subscription = _get_subscription_for_user(request, pk)
    Subscription.objects.filter(pk=subscription.pk).update(paused=True)
    messages.success(request, f"“{subscription}” is paused: no alerts until you resume it.")
    return redirect("alerts:list")


@login_required
@require_POST
def subscription_resume(request, pk: int):
    """Resume a paused subscription; for one that was unsubscribed, the address's owner opts in again: the
    account's own address by this press, another address by following a new confirmation link."""
    subscription = _get_subscription_for_user(request, pk)
    if subscription.active:
        Subscription.objects.filter(pk=subscription.pk).update(paused=False)
        subscription.paused = False
        if subscription.needs_confirmation:  # also how a subscriber asks for the link again
            _ask_to_confirm(request, subscription)
        else:
            messages.success(request, f"“{subscription}” is active again.")
    elif subscription.email and not same_address(subscription.email, request.user.email):
        Subscription.objects.filter(pk=subscription.pk).update(confirmed_email="", paused=False)
        subscription.confirmed_email, subscription.paused = "", False
        _ask_to_confirm(request, subscription)
    else:
        Subscription.objects.filter(pk=subscription.pk).update(active=True, unsubscribed_at=None, paused=False)
        messages.success(request, f"“{subscription}” is active again at {subscription.recipient}.")
    return redirect("alerts:list")


@login_required
@require_POST
def subscription_test(request, pk: int):
    subscription = _get_subscription_for_user(request, pk)
    try:
        request_test(subscription)
    except Refused as refused:
        messages.warning(request, str(refused))
    else:
        messages.success(request, f"A test e-mail is on its way to {subscription.recipient}; it shows under "
                                  "“Recent e-mails” below.")
    return redirect("alerts:list")


@require_http_methods(["GET", "POST"])
def confirm(request, token: str):
    """The owner of an address other than the account's agrees to receive the subscription's alerts."""
    found = subscription_for_confirmation(token)
    if found is None:
        raise Http404("This confirmation link is not valid or has expired.")
    pk, address = found
    subscription = get_object_or_404(Subscription.objects.select_related("user"), pk=pk)
    if not same_address(subscription.email, address):
        raise Http404("This confirmation link was for another address.")
    if request.method == "GET":  # mail scanners follow links: a GET only asks
        return render(request, "alerts/confirm.html", {"subscription": subscription, "done": False})
    Subscription.objects.filter(pk=pk).update(
        confirmed_email=subscription.email, active=True, unsubscribed_at=None)
    subscription.refresh_from_db()
    return render(request, "alerts/confirm.html", {"subscription": subscription, "done": True})


@csrf_exempt  # RFC 8058: mail clients POST without a CSRF token; the signed token is the credential
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    pk = subscription_id_for_token(token)
    if pk is None:
        raise Http404("This unsubscribe link is not valid.")
    subscription = get_object_or_404(Subscription.objects.select_related("user"), pk=pk)
    if request.method == "GET":
        # Mail scanners follow links: a GET only asks, it never unsubscribes.
        return render(request, "alerts/unsubscribe_confirm.html", {"subscription": subscription})
    if subscription.active:
        Subscription.objects.filter(pk=pk).update(active=False, unsubscribed_at=timezone.now())
    return render(request, "alerts/unsubscribed.html", {"subscription": subscription})
