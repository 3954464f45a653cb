from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from api import forms, selectors, services


@login_required
def token_list(request):
    """The user's personal API tokens; a new key is shown once, right after creation."""
    form = forms.TokenForm(request.POST or None)
    new_key = None
    if request.method == "POST" and form.is_valid():
        created = services.token_create(
            actor=request.user,
            user=request.user,
            name=form.cleaned_data["name"],
            days=form.cleaned_data["days"],
        )
        new_key = created.key
        form = forms.TokenForm()
    return render(
        request,
        "api/tokens.html",
        {
            "tokens": selectors.user_tokens(request.user),
            "form": form,
            "new_key": new_key,
            "now": timezone.now(),
        },
    )


@login_required
@require_POST
def token_revoke(request, pk: int):
    token = selectors.token_get_for_user(request.user, pk)
    services.token_revoke(actor=request.user, token=token)
    messages.success(
        request, _("令牌“%(name)s”已撤销，使用它的程序将无法再访问。") % {"name": token.name}
    )
    return redirect("api_tokens:list")
