"""Pages of enterprise assistance: the public request form, the units' cases and the
supervision board."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_POST

from assistance import ratelimit, selectors, services
from assistance.forms import (
    CloseForm,
    FollowUpForm,
    MeasureForm,
    OpenForm,
    ProblemForm,
    RequestForm,
    VersionForm,
)
from assistance.models import Measure, Problem, ServiceCase
from core.errors import ConflictError
from orgs import regions, scoping
from orgs.models import OrgUnit

MSG_REQUESTED = gettext_noop("申请已提交，承办单位“%(unit)s”将尽快与您联系。")
MSG_ALREADY_REQUESTED = gettext_noop("贵企业已有进行中的帮扶案例，由“%(unit)s”承办，无需重复申请。")
MSG_OPENED = gettext_noop("帮扶案例已建立，请记录质量体检发现的问题。")
MSG_EXISTING = gettext_noop("该企业已有进行中的帮扶案例，已为您打开。")
MSG_ACCEPTED = gettext_noop("已受理。")
MSG_SAVED = gettext_noop("已保存。")
MSG_CLOSED = gettext_noop("案例已办结。")
THROTTLED = gettext_noop("操作过于频繁，请稍后再试。")


def _errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


# --- The public side ------------------------------------------------------------------------


def public_request(request):
    # Where the enterprise is, chosen one level per step (GET), then the form is sent to the
    # same address, so an error shows the form with the same choice.
    area = regions.region_from_codes(
        request.GET.get("province"), request.GET.get("city"), request.GET.get("county")
    )
    county = area if area is not None and area.kind == OrgUnit.Kind.COUNTY else None
    form = RequestForm(request.POST or None, county=county)
    context = {
        "form": form,
        "county": county,
        "region_levels": regions.region_levels(area, (_("省"), _("市"), _("县（区）"))),
    }
    if request.method == "POST":
        if not ratelimit.LIMITS.hit_request(request, "request"):
            return render(
                request,
                "assistance/public_request.html",
                {**context, "throttled": _(THROTTLED)},
                status=429,
            )
        if form.is_valid():
            try:
                case, created = services.case_request(**form.cleaned_data)
            except ValidationError as exc:
                _errors(form, exc)
            else:
                message = MSG_REQUESTED if created else MSG_ALREADY_REQUESTED
                return render(
                    request,
                    "assistance/public_done.html",
                    {"message": _(message) % {"unit": case.unit.display_name}},
                )
        return render(request, "assistance/public_request.html", context, status=400)
    return render(request, "assistance/public_request.html", context)


# --- The units' pages -----------------------------------------------------------------------


def _serving_units(user):
    return OrgUnit.objects.for_user(user, scoping.Action.EDIT).filter(
        kind__in=services.SERVING_KINDS
    )


@login_required
def index(request):
    units = _serving_units(request.user).order_by("path")
    form = OpenForm(units=units)
    status = request.GET.get("status", "")
    cases = selectors.cases_for_user(request.user)
    if status in ServiceCase.Status.values:
        cases = cases.filter(status=status)
    return render(
        request,
        "assistance/index.html",
        {
            "cases": cases[:200],
            "form": form if units.exists() else None,
            "status": status,
            "statuses": ServiceCase.Status.choices,
        },
    )


@login_required
@require_POST
def case_open(request):
    units = _serving_units(request.user).order_by("path")
    form = OpenForm(request.POST, units=units)
    if form.is_valid():
        try:
            case, created = services.case_open(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _errors(form, exc)
        else:
            messages.success(request, _(MSG_OPENED if created else MSG_EXISTING))
            return redirect(case)
    return render(
        request,
        "assistance/index.html",
        {
            "cases": selectors.cases_for_user(request.user)[:200],
            "form": form,
            "statuses": ServiceCase.Status.choices,
        },
        status=400,
    )


def _detail(request, case: ServiceCase, status: int = 200, **forms) -> HttpResponse:
    initial = {"version": case.version}
    context = {
        "case": case,
        "can_edit": scoping.can(request.user, scoping.Action.EDIT, case.unit),
        "problems": case.problems.all(),
        "measures": case.measures.all(),
        "followups": case.followups.all(),
        "today": timezone.localdate(),
        "version_form": VersionForm(initial=initial),
        "problem_form": forms.get("problem_form") or ProblemForm(initial=initial),
        "measure_form": forms.get("measure_form") or MeasureForm(initial=initial),
        "followup_form": forms.get("followup_form") or FollowUpForm(initial=initial),
        "close_form": forms.get("close_form") or CloseForm(initial=initial),
    }
    context["solved"] = sum(1 for p in context["problems"] if p.solved)
    return render(request, "assistance/case_detail.html", context, status=status)


@login_required
def case_detail(request, pk: int):
    return _detail(request, selectors.case_get_for_user(request.user, pk))


def _version(request) -> int | None:
    form = VersionForm(request.POST)
    return form.cleaned_data["version"] if form.is_valid() else None


def _write(request, case: ServiceCase, write, success: str, form=None, form_name: str = ""):
    """Run a service write; on a conflict or a refusal, show the case again with the form
    as the clerk filled it and the reason."""
    try:
        write()
    except ConflictError as exc:
        if form is None:
            messages.error(request, str(exc))
        else:
            # Keep what the clerk typed; the page now shows the case as saved by the other
            # clerk, and sending the form again after reading it saves it.
            data = form.data.copy()
            data["version"] = exc.current_version
            kept = type(form)(data)
            kept.is_valid()
            kept.add_error(None, str(exc))
            case.refresh_from_db()
            return _detail(request, case, status=409, **{form_name: kept})
    except ValidationError as exc:
        if form is None:
            for message in exc.messages:
                messages.error(request, message)
        else:
            _errors(form, exc)
            case.refresh_from_db()
            return _detail(request, case, status=400, **{form_name: form})
    else:
        messages.success(request, _(success))
    return redirect(case)


@login_required
@require_POST
def case_accept(request, pk: int):
    case = selectors.case_get_for_user(request.user, pk, scoping.Action.EDIT)
    return _write(
        request,
        case,
        lambda: services.case_accept(actor=request.user, case=case, version=_version(request)),
        MSG_ACCEPTED,
    )


def _form_write(request, pk: int, form_class, form_name: str, service, success: str):
    case = selectors.case_get_for_user(request.user, pk, scoping.Action.EDIT)
    form = form_class(request.POST)
    if not form.is_valid():
        return _detail(request, case, status=400, **{form_name: form})
    return _write(
        request,
        case,
        lambda: service(actor=request.user, case=case, **form.cleaned_data),
        success,
        form,
        form_name,
    )


@login_required
@require_POST
def problem_add(request, pk: int):
    return _form_write(request, pk, ProblemForm, "problem_form", services.problem_add, MSG_SAVED)


@login_required
@require_POST
def measure_add(request, pk: int):
    return _form_write(request, pk, MeasureForm, "measure_form", services.measure_add, MSG_SAVED)


@login_required
@require_POST
def followup_add(request, pk: int):
    return _form_write(request, pk, FollowUpForm, "followup_form", services.followup_add, MSG_SAVED)


@login_required
@require_POST
def case_close(request, pk: int):
    return _form_write(request, pk, CloseForm, "close_form", services.case_close, MSG_CLOSED)


@login_required
@require_POST
def problem_solved(request, pk: int):
    problem = get_object_or_404(Problem, pk=pk)
    case = selectors.case_get_for_user(request.user, problem.case_id, scoping.Action.EDIT)
    solved = request.POST.get("solved") == "1"
    return _write(
        request,
        case,
        lambda: services.problem_set_solved(
            actor=request.user, problem=problem, solved=solved, version=_version(request)
        ),
        MSG_SAVED,
    )


@login_required
@require_POST
def measure_done(request, pk: int):
    measure = get_object_or_404(Measure, pk=pk)
    case = selectors.case_get_for_user(request.user, measure.case_id, scoping.Action.EDIT)
    done = request.POST.get("done") == "1"
    return _write(
        request,
        case,
        lambda: services.measure_set_done(
            actor=request.user, measure=measure, done=done, version=_version(request)
        ),
        MSG_SAVED,
    )


@login_required
def board(request):
    """The supervision board: per child unit, the case load and what it achieved."""
    units = OrgUnit.objects.for_user(request.user).order_by("depth", "path")
    unit_pk = request.GET.get("unit")
    unit = (
        scoping.get_for_user(
            units, pk=unit_pk, user=request.user, action="view", unit_of=lambda u: u
        )
        if unit_pk and unit_pk.isdigit()
        else units.first()
    )
    rows, total = selectors.rollup(unit) if unit else ([], None)
    return render(
        request,
        "assistance/board.html",
        {
            "unit": unit,
            "rows": rows,
            "total": total,
            # Only the levels the user may open: a county's clerk is not led to the city's 404.
            "ancestors": [
                a
                for a in (OrgUnit.objects.get_ancestors(unit) if unit else [])
                if scoping.can(request.user, scoping.Action.VIEW, a)
            ],
        },
    )
