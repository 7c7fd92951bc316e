"""The user's own API tokens: list, create (the secret is shown once), revoke."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

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
@require_POST
def revoke_token(request, pk: int):
    token = get_object_or_404(Token, pk=pk, user=request.user)
    token.revoke()
    return redirect("accounts:tokens")
