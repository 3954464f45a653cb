"""督查督办: rates per child and per level, colours, reminders, rollup exports."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.replica import read_from_replica
from orgs import scoping
from orgs.models import OrgUnit
from orgs.selectors import top_unit_for, unit_ancestors, unit_get_for_user
from reports import exports, selectors, services
from reports.models import (
    Colour,
    ReportRequirement,
)

# --- Supervision, rollups, exports ------------------------------------------------------


def _scope(request, unit_pk: int) -> tuple[OrgUnit, ReportRequirement | None]:
    unit = unit_get_for_user(request.user, unit_pk)
    requirement = None
    if request.GET.get("requirement", "").isdigit():
        requirement = selectors.requirement_get_for_user(
            request.user, int(request.GET["requirement"])
        )
    return unit, requirement


@login_required
def supervision_home(request):
    """督查督办 starts at the highest unit the user holds a role on."""
    unit = top_unit_for(request.user)
    if unit is None:
        raise Http404
    return redirect("reports:supervision", unit.pk)


@login_required
@read_from_replica()  # figures over a subtree: may lag the primary by seconds
def supervision(request, unit_pk: int):
    """督查督办 for one unit's subtree: rates per child and per level, colours, overdue list."""
    unit, requirement = _scope(request, unit_pk)
    today = timezone.localdate()
    kw = {"requirement": requirement, "today": today}
    levels = selectors.completeness_by_level(unit, **kw)
    return render(
        request,
        "reports/supervision.html",
        {
            "unit": unit,
            "ancestors": unit_ancestors(unit),
            "requirement": requirement,
            "total": selectors.completeness_total(unit, levels),
            "children": selectors.completeness_by_child(unit, **kw),
            "levels": levels,
            "colours": selectors.colour_counts(unit, **kw),
            "overdue": selectors.supervision_list(
                unit, colours=[Colour.RED, Colour.YELLOW, Colour.BLUE], **kw
            )[:200],
            "can_remind": scoping.can(request.user, scoping.Action.EDIT, unit),
            "rollup": selectors.statistics_rollup(unit, requirement=requirement)
            if requirement
            else None,
            "activities": selectors.activity_counts(unit),
        },
    )


@login_required
@require_POST
def supervision_remind(request, unit_pk: int):
    """One click: remind every overdue or near-due unit listed on the supervision page that
    reports on a requirement the user's units issued."""
    unit = unit_get_for_user(request.user, unit_pk, scoping.Action.EDIT)
    rows = selectors.supervision_list(unit, colours=[Colour.RED, Colour.BLUE, Colour.YELLOW])
    sent = 0
    for requirement in (
        ReportRequirement.objects.for_user(request.user, "edit")
        .filter(expected__in=rows)
        .distinct()
    ):
        ids = list(rows.filter(requirement=requirement).values_list("pk", flat=True))
        sent += services.reminders_send_manual(
            actor=request.user, requirement=requirement, expected_ids=ids
        )
    messages.success(request, _("已向 %(n)s 个单位发送催报提醒。") % {"n": sent})
    return redirect(reverse("reports:supervision", args=[unit.pk]) + "?" + request.GET.urlencode())


@login_required
def statistics_export(request, unit_pk: int, pk: int):
    unit = unit_get_for_user(request.user, unit_pk)
    requirement = selectors.requirement_get_for_user(request.user, pk)
    return exports.statistics_xlsx(unit, requirement)


@login_required
def compilation_export(request, unit_pk: int, pk: int):
    unit = unit_get_for_user(request.user, unit_pk)
    requirement = selectors.requirement_get_for_user(request.user, pk)
    return exports.compilation_docx(unit, requirement)
