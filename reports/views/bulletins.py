"""Bulletins (重要情况 / 进展情况) to the superior."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from orgs import scoping
from orgs.models import OrgUnit
from reports import forms, services
from reports.models import (
    Bulletin,
)
from reports.views.common import errors_text

# --- Bulletins ------------------------------------------------------------------------------


@login_required
def bulletin_new(request):
    units = (
        OrgUnit.objects.filter(memberships__user=request.user)
        .filter(scoping.scope_q(request.user, scoping.Action.EDIT, path_field="path"))
        .exclude(depth=1)
    )
    form = forms.BulletinForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        try:
            bulletin = services.bulletin_send(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, errors_text(exc))
        else:
            messages.success(request, _("已报送至%(u)s。") % {"u": bulletin.to_unit.name})
            return redirect("reports:bulletin_detail", bulletin.pk)
    return render(request, "reports/bulletin_new.html", {"form": form})


@login_required
def bulletin_detail(request, pk: int):
    bulletin = (
        Bulletin.objects.filter(
            scoping.scope_q(request.user, "view", path_field="unit__path")
            | scoping.scope_q(request.user, "view", path_field="to_unit__path")
        )
        .select_related("unit", "to_unit", "author")
        .filter(pk=pk)
        .first()
    )
    if bulletin is None:
        raise Http404
    return render(request, "reports/bulletin_detail.html", {"bulletin": bulletin})
