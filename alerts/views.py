from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from alerts.emails import subscription_id_for_token
from alerts.forms import SubscriptionForm
from alerts.models import Delivery, Subscription

RECENT = 30


def _get_subscription_for_user(request, pk: int) -> Subscription:
    # 404, not 403, for someone else's subscription: its existence is none of the caller's business.
    return get_object_or_404(Subscription.objects.for_user(request.user), pk=pk)


@login_required
def subscription_list(request):
    subscriptions = Subscription.objects.for_user(request.user).prefetch_related(
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
    return render(request, "alerts/subscription_list.html",
                  {"subscriptions": subscriptions, "deliveries": deliveries, "problems": problems})


@login_required
@require_http_methods(["GET", "POST"])
def subscription_edit(request, pk: int | None = None):
    subscription = _get_subscription_for_user(request, pk) if pk else Subscription(user=request.user)
    form = SubscriptionForm(request.POST or None, instance=subscription)
    if request.method == "POST" and form.is_valid():
        subscription = form.save(commit=False)
        if not subscription.active:  # saving the form is a clear sign the user wants it again
            subscription.active, subscription.unsubscribed_at = True, None
        subscription.save()
        form.save_m2m()
        messages.success(request, "Subscription saved.")
        return redirect("alerts:list")
    return render(request, "alerts/subscription_form.html", {"form": form, "subscription": subscription})


@login_required
@require_POST
def subscription_delete(request, pk: int):
    _get_subscription_for_user(request, pk).delete()
    messages.success(request, "Subscription deleted.")
    return redirect("alerts:list")


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
