"""The user's own API tokens: list, create (the secret is shown once), revoke (after a confirmation step)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from accounts.forms import TokenForm
from accounts.models import Token


@login_required
def tokens(request):
    form = TokenForm(request.POST or None)
    secret = None
    if request.method == "POST" and form.is_valid():
        _, secret = Token.issue(request.user, form.cleaned_data["name"])
        form = TokenForm()
    context = {"form": form, "secret": secret, "tokens": Token.objects.filter(user=request.user)}
    return render(request, "accounts/tokens.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def revoke_token(request, pk: int):
    """GET asks (what stops working, since when it was used); POST revokes. Revoking cannot be undone."""
    token = get_object_or_404(Token, pk=pk, user=request.user)
    if request.method == "GET":
        return render(request, "accounts/revoke_token.html", {"token": token})
    token.revoke()
    messages.success(request, f"“{token.name}” is revoked: scripts using it are refused from now on.")
    return redirect("accounts:tokens")
