"""督查督办: rates per child and per level, colours, reminders, rollup exports."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_POST

from campaigns import selectors as campaign_selectors
from campaigns.models import Campaign
from core.replica import read_from_replica
from orgs import scoping
from orgs.models import OrgUnit
from orgs.selectors import top_unit_for, unit_ancestors, unit_get_for_user
from reports import exports, selectors, services
from reports.models import (
    ReportRequirement,
)

# --- Supervision, rollups, exports ------------------------------------------------------


def _scope(request, unit_pk: int, action: str = scoping.Action.VIEW) -> tuple[OrgUnit, dict]:
    """The unit and the filters of a supervision page, read from its query string. The page
    and its reminder actions (posted to the page's own query string) both read them here, so
    a reminder is sent for exactly the filters the clerk was looking at."""
    unit = unit_get_for_user(request.user, unit_pk, action)
    requirement = None
    if request.GET.get("requirement", "").isdigit():
        requirement = selectors.requirement_get_for_user(
            request.user, int(request.GET["requirement"])
        )
    _years, _year, campaign = _year_and_campaign(request, unit, requirement)
    return unit, {"requirement": requirement, "campaign": campaign}


PENDING_PER_PAGE = 100


@login_required
def supervision_home(request):
    """督查督办 starts at the highest unit the user holds a role on."""
    unit = top_unit_for(request.user)
    if unit is None:
        raise Http404
    return redirect("reports:supervision", unit.pk)


def _year_and_campaign(request, unit: OrgUnit, requirement: ReportRequirement | None):
    """One campaign year at a time (2023's and 2024's reports are never added together): the
    requirement's year, else the one asked for, else the latest with reports in the subtree."""
    years = campaign_selectors.campaign_years()
    if requirement is not None:
        year = requirement.notice.campaign.year
    else:
        year = campaign_selectors.year_selected(
            request.GET.get("year"),
            content_years=selectors.campaign_years_in_subtree(unit),
            years=years,
        )
    return years, year, Campaign.objects.filter(year=year).first()


@login_required
@read_from_replica()  # figures over a subtree: may lag the primary by seconds
def supervision(request, unit_pk: int):
    """督查督办 for one unit's subtree: rates per child and per level, colours, the units to
    chase (需督办的单位, paged) with 催办 per unit and for the whole list."""
    unit, filters = _scope(request, unit_pk)
    requirement = filters["requirement"]
    years, year, _campaign = _year_and_campaign(request, unit, requirement)
    today = timezone.localdate()
    kw = {**filters, "today": today}
    levels = selectors.completeness_by_level(unit, **kw)
    pending = Paginator(
        selectors.supervision_pending(request.user, unit, **kw), PENDING_PER_PAGE
    ).get_page(request.GET.get("page"))
    remindable = set(
        selectors.supervision_pending(
            request.user, unit, **kw, action=scoping.Action.EDIT
        ).values_list("pk", flat=True)
    )
    return render(
        request,
        "reports/supervision.html",
        {
            "unit": unit,
            "ancestors": unit_ancestors(unit),
            "requirement": requirement,
            "years": years,
            "year": year,
            "total": selectors.completeness_total(unit, levels),
            "children": selectors.completeness_by_child(unit, **kw),
            "levels": levels,
            "colours": selectors.colour_counts(unit, **kw),
            "overdue": pending,
            "remindable": remindable,
            "filter_query": _filter_query(year, requirement),
            "rollup": selectors.statistics_rollup(unit, requirement=requirement)
            if requirement
            else None,
            "activities": selectors.activity_counts(unit, campaign=_campaign),
            # The requirements this unit issued in the year, to pick one (and its 督查通报).
            "requirements": ReportRequirement.objects.for_user(request.user)
            .filter(notice__unit=unit, notice__campaign__year=year)
            .select_related("notice")
            .order_by("-created_at", "-pk")[:50],
            "can_circular": requirement is not None
            and requirement.notice.unit_id == unit.pk
            and scoping.can(request.user, scoping.Action.EDIT, unit),
        },
    )


def _filter_query(year: int | None, requirement: ReportRequirement | None) -> str:
    """The page's filters as resolved (the year too, when it was chosen for the clerk), for
    the reminder forms to post to: the action then reads the very filters the page showed."""
    query = QueryDict(mutable=True)
    if year is not None:
        query["year"] = str(year)
    if requirement is not None:
        query["requirement"] = str(requirement.pk)
    return query.urlencode()


@login_required
@require_POST
def supervision_remind(request, unit_pk: int):
    """催办: one unit (`expected` posted: the button on its row) or every unit the page lists
    for its filters (`selectors.supervision_pending`, the page's own list), at most once a
    day per unit and requirement."""
    unit, filters = _scope(request, unit_pk, scoping.Action.EDIT)
    rows = selectors.supervision_pending(
        request.user, unit, **filters, action=scoping.Action.EDIT
    ).select_related("requirement__notice__unit")
    one = request.POST.get("expected", "")
    if one:
        rows = rows.filter(pk=int(one) if one.isdigit() else None)
        if not rows:
            # Not listed for these filters (reported meanwhile, or never the sender's to chase).
            messages.error(request, _(MSG_NOT_LISTED))
            return redirect(_back(unit, request))
    outcome = services.reminders_send(actor=request.user, expected=rows)
    messages.success(request, outcome.message())
    return redirect(_back(unit, request))


MSG_NOT_LISTED = gettext_noop("该单位不在需督办的名单中（可能已报送），未发送催办。")


def _back(unit: OrgUnit, request) -> str:
    url = reverse("reports:supervision", args=[unit.pk])
    return f"{url}?{request.GET.urlencode()}" if request.GET else url


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
