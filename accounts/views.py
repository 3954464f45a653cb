from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts import selectors
from orgs import scoping
from orgs import selectors as org_selectors

LOGINS_PER_PAGE = 50
MSG_PASSWORD_CHANGED = gettext_noop("密码已修改。")


@login_required
def my_account(request):
    """我的账户: the user's own login history, and where to change the password."""
    history = Paginator(selectors.login_history([request.user.get_username()]), LOGINS_PER_PAGE)
    return render(
        request,
        "accounts/my_account.html",
        {"logins": history.get_page(request.GET.get("page"))},
    )


@login_required
def unit_logins(request, pk: int):
    """The login history of a unit's members, for the unit's admins (as its change history)."""
    unit = org_selectors.unit_get_for_user(request.user, pk, scoping.Action.MANAGE)
    usernames = [m.user.get_username() for m in org_selectors.unit_members(unit)]
    history = Paginator(selectors.login_history(usernames), LOGINS_PER_PAGE)
    return render(
        request,
        "accounts/unit_logins.html",
        {"unit": unit, "logins": history.get_page(request.GET.get("page"))},
    )


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's own (old password, new twice, AUTH_PASSWORD_VALIDATORS); keeps the user signed
    in, and the change is in the audit log (auth.User, the hash masked)."""

    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:my_account")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _(MSG_PASSWORD_CHANGED))
        return response
