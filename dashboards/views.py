from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from campaigns import selectors as campaign_selectors
from core.replica import read_from_replica
from dashboards import maps, selectors
from orgs import scoping
from orgs.models import OrgUnit
from orgs.selectors import top_unit_for, unit_ancestors, unit_get_for_user
from reports import selectors as report_selectors
from reports import services as report_services


def _requirement(request, unit: OrgUnit):
    """The requirement asked for (404 when the user may not see it), else the unit's latest
    in the year asked for, else in the latest year that has one. Returns (requirement,
    year, the years to choose from, that year's requirements)."""
    raw = request.GET.get("requirement", "") or request.POST.get("requirement", "")
    requirement = None
    if raw.isdigit():
        requirement = report_selectors.requirement_get_for_user(request.user, int(raw))
    mine = selectors.requirements_for_unit(request.user, unit)
    content = campaign_selectors.years_of(mine, "notice__campaign__year")
    if not content:
        # Neither issued nor received here: the requirements its subtree reports on.
        mine = selectors.requirements_reported_in(request.user, unit)
        content = campaign_selectors.years_of(mine, "notice__campaign__year")
    years = campaign_selectors.campaign_years()
    if requirement is not None:
        year = requirement.notice.campaign.year
    else:
        year = campaign_selectors.year_selected(
            request.GET.get("year"), content_years=content, years=years
        )
    of_year = mine.filter(notice__campaign__year=year)
    if requirement is None:
        requirement = of_year.first()
    return requirement, year, years, of_year


def _timeline_rows(timeline: dict | None) -> list[tuple]:
    if not timeline:
        return []
    rows = zip(timeline["days"], timeline["counts"], timeline["cumulative"], strict=True)
    return [row for row in rows if row[1]]


# Dashboards read from the replica when one is configured (they may lag it by seconds);
# below @login_required, so that the session and the user are still read on the primary.
@login_required
@read_from_replica()
def home(request):
    """The dashboard starts at the highest unit the user holds a role on."""
    unit = top_unit_for(request.user)
    if unit is None:
        raise Http404
    return redirect("dashboards:dashboard", unit.pk)


@login_required
@read_from_replica()
def dashboard(request, unit_pk: int):
    """数据看板 of one unit's subtree for one report requirement: map or bars of completeness
    per child, activity bars, the submissions timeline and the overdue list."""
    unit = unit_get_for_user(request.user, unit_pk)
    requirement, year, years, of_year = _requirement(request, unit)
    today = timezone.localdate()
    data = selectors.dashboard_data(unit, requirement=requirement, today=today)
    spec = maps.map_for(unit)
    return render(
        request,
        "dashboards/dashboard.html",
        {
            "unit": unit,
            "ancestors": unit_ancestors(unit),
            "requirement": requirement,
            "requirements": of_year[:50],
            "years": years,
            "year": year,
            "data": data,
            "timeline_rows": _timeline_rows(data["timeline"]),
            "map_script": spec.script if spec else None,
            "overdue": report_selectors.overdue_units(unit, requirement=requirement, today=today)[
                :200
            ]
            if requirement
            else [],
            "can_remind": requirement is not None
            and scoping.can(request.user, scoping.Action.EDIT, requirement.notice.unit),
        },
    )


@login_required
@require_POST
def remind(request, unit_pk: int):
    """One click: remind the overdue units of the subtree through the reports service."""
    unit = unit_get_for_user(request.user, unit_pk)
    raw = request.POST.get("requirement", "")
    if not raw.isdigit():
        raise Http404
    requirement = report_selectors.requirement_get_for_user(
        request.user, int(raw), scoping.Action.EDIT
    )
    ids = list(
        report_selectors.overdue_units(unit, requirement=requirement).values_list("pk", flat=True)
    )
    sent = report_services.reminders_send_manual(
        actor=request.user, requirement=requirement, expected_ids=ids
    )
    messages.success(request, _("已向 %(n)s 个单位发送催报提醒。") % {"n": sent})
    url = reverse("dashboards:dashboard", args=[unit.pk])
    return redirect(f"{url}?requirement={requirement.pk}")
