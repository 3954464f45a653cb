"""督查通报: generated from the supervision page, then edited and issued as a notice."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from orgs import scoping
from reports import selectors
from reports.services.circulars import circular_draft as circular_draft_service

MSG_CIRCULAR_DRAFTED = gettext_lazy(
    "已根据报送情况生成督查通报草稿，请核对修改后印发；印发后送达各下级单位。"
)
MSG_CIRCULAR_EXISTS = gettext_lazy("该报送要求已有未印发的督查通报草稿，已为您打开。")


@login_required
@require_POST
def circular_draft(request, pk: int):
    requirement = selectors.requirement_get_for_user(request.user, pk, scoping.Action.EDIT)
    notice, created = circular_draft_service(actor=request.user, requirement=requirement)
    messages.success(request, MSG_CIRCULAR_DRAFTED if created else MSG_CIRCULAR_EXISTS)
    return redirect(reverse("campaigns:notice_edit", args=[notice.pk]))
