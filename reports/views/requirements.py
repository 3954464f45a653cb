"""The issuer's side: the landing page, report requirements, the expected set, reminders."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_POST

from campaigns.models import Notice
from orgs import scoping
from orgs.selectors import unit_in_view
from reports import forms, rules, selectors, services
from reports.models import (
    DEFAULT_MATERIALS,
    ExpectedReport,
    ReportRequirement,
)
from reports.views.common import errors_text

# --- Landing ---------------------------------------------------------------------------


MSG_REQUIREMENT_SAVED = gettext_noop("报送要求已保存。")


@login_required
def index(request):
    return render(
        request,
        "reports/index.html",
        {
            "todo": selectors.requirements_to_report(request.user),
            "issued": selectors.requirements_issued(request.user),
        },
    )


# --- Requirement (the issuer's side) --------------------------------------------------------


@login_required
def requirement_edit(request, notice_pk: int):
    notice = get_object_or_404(Notice.objects.for_user(request.user), pk=notice_pk)
    if not scoping.can(request.user, scoping.Action.EDIT, notice.unit):
        raise PermissionDenied
    requirement = ReportRequirement.objects.filter(notice=notice).first()
    superior = services.superior_fields(notice)
    form = forms.RequirementForm(request.POST or None, initial=_requirement_initial(requirement))
    # Rows shown pre-filled must not count as "unchanged" (and so empty) when posted back.
    formset = forms.StatisticFieldFormSet(
        request.POST or None,
        prefix="f",
        initial=None if request.method == "POST" else _fields_initial(requirement, superior),
        superior=superior,
    )
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        specs = [s for s in (f.spec() for f in formset) if s]
        try:
            requirement = services.requirement_save(
                actor=request.user, notice=notice, fields=specs, **form.cleaned_data
            )
        except ValidationError as exc:
            messages.error(request, errors_text(exc))
        else:
            messages.success(request, _(MSG_REQUIREMENT_SAVED))
            return redirect(requirement)
    return render(
        request,
        "reports/requirement_edit.html",
        {"notice": notice, "form": form, "formset": formset},
    )


def _requirement_initial(requirement: ReportRequirement | None) -> dict:
    if requirement is None:
        return {"materials": list(DEFAULT_MATERIALS)}
    return {
        "due_date": requirement.due_date,
        "materials": requirement.materials,
        "levels": requirement.levels,
        "report_to": requirement.report_to,
        "text": requirement.text,
    }


def _fields_initial(requirement: ReportRequirement | None, superior: list) -> list[dict]:
    """The form's rows: the requirement's indicators, then the superior's it lacks (a plan
    imported, or drafted before the superior completed its form); the suggested defaults
    when there are none at all."""
    fields = list(requirement.statistic_fields.all()) if requirement else []
    have = {f.code for f in fields}
    fields += [f for f in superior if f.code not in have]
    if not fields:
        return [vars(spec) for spec in services.default_field_specs()]
    return [
        {
            "label": f.label,
            "code": f.code,
            "kind": f.kind,
            "required": f.required,
            "unit_of_measure": f.unit_of_measure,
        }
        for f in fields
    ]


@login_required
def requirement_detail(request, pk: int):
    requirement = selectors.requirement_get_for_user(request.user, pk)
    issuer = requirement.notice.unit
    can_edit = scoping.can(request.user, scoping.Action.EDIT, issuer)
    today = timezone.localdate()
    # The figures and the list cover the same units: the issuer's subtree for its own
    # staff, the viewer's part of it otherwise (湖南省 on a national requirement), as on the
    # supervision page the viewer is sent to from here.
    scope = unit_in_view(request.user, issuer)
    expected = (
        ExpectedReport.objects.for_user(request.user)
        .filter(requirement=requirement)
        .with_colour(today)
        .select_related("unit", "report", "removed_by")
        .order_by("removed_at", "unit__path")
    )
    if scope is not None:
        expected = expected.in_subtree(scope.path)
    return render(
        request,
        "reports/requirement_detail.html",
        {
            "requirement": requirement,
            "fields": requirement.statistic_fields.all(),
            "expected": expected,
            "scope": scope,
            "summary": (
                selectors.completeness(scope, requirement=requirement, today=today)
                if scope is not None
                else None
            ),
            "can_edit": can_edit,
            "add_form": forms.AddExpectedForm(issuer=issuer) if can_edit else None,
        },
    )


@login_required
@require_POST
def expected_fill(request, pk: int):
    requirement = selectors.requirement_get_for_user(request.user, pk, scoping.Action.EDIT)
    n = services.expected_fill(actor=request.user, requirement=requirement)
    messages.success(request, _("已按接收单位生成应报单位（%(n)s 个）。") % {"n": n})
    return redirect(requirement)


@login_required
@require_POST
def expected_add(request, pk: int):
    requirement = selectors.requirement_get_for_user(request.user, pk, scoping.Action.EDIT)
    form = forms.AddExpectedForm(request.POST, issuer=requirement.notice.unit)
    if form.is_valid():
        services.expected_add(
            actor=request.user, requirement=requirement, unit=form.cleaned_data["unit"]
        )
        messages.success(request, _("已加入应报单位。"))
    else:
        messages.error(request, _("请选择本单位的下级单位。"))
    return redirect(requirement)


@login_required
@require_POST
def expected_remove(request, pk: int):
    expected = selectors.expected_get_for_user(request.user, pk)
    requirement = selectors.requirement_get_for_user(
        request.user, expected.requirement_id, scoping.Action.EDIT
    )
    form = forms.ReasonForm(request.POST)
    if form.is_valid():
        services.expected_remove(
            actor=request.user, expected=expected, reason=form.cleaned_data["reason"]
        )
        messages.success(request, _("已移出应报单位：%(u)s。") % {"u": expected.unit.name})
    else:
        messages.error(request, _("请填写移出原因，如“机构撤并”。"))
    return redirect(requirement)


@login_required
@require_POST
def remind(request, pk: int):
    requirement = selectors.requirement_get_for_user(request.user, pk, scoping.Action.EDIT)
    rows = (
        requirement.expected.active()
        .exclude(rules.received_q())
        .select_related("unit", "requirement__notice__unit")
    )
    ids = [int(i) for i in request.POST.getlist("expected") if i.isdigit()]
    if ids:
        rows = rows.filter(pk__in=ids)
    outcome = services.reminders_send(actor=request.user, expected=rows)
    messages.success(request, outcome.message())
    return redirect(requirement)
