"""Pages of the quality awards: the unit's (staff), the expert's, and the public side's."""

from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_POST

from awards import ratelimit, selectors, services
from awards.forms import (
    ApplicationForm,
    AssignForm,
    CodeForm,
    CompletionForm,
    DeclarationForm,
    EmailForm,
    ExpertForm,
    ObjectionForm,
    RoundForm,
    ScoreForm,
    ScreenForm,
)
from awards.models import GB_T_19580_CRITERIA, ApplicationFile, AwardRound
from core.uploads import upload_max_bytes
from orgs import scoping
from orgs.models import OrgUnit

MSG_CREATED = gettext_noop("评选已创建，请核对评分项后发布申报通知。")
MSG_SAVED = gettext_noop("已保存。")
MSG_PUBLISHED = gettext_noop("申报通知已在公众页面发布。")
MSG_ACCEPTED = gettext_noop("形式审查通过。")
MSG_RETURNED = gettext_noop("已退回企业补正。")
MSG_EXPERT_ADDED = gettext_noop("专家已加入本届评选。")
MSG_ASSIGNED = gettext_noop("已分配专家。")
MSG_SHORTLIST_SAVED = gettext_noop("入围名单已保存。")
MSG_PUBLICITY_STARTED = gettext_noop("入围名单已公示，公示期至 %(end)s。")
MSG_FINALISED = gettext_noop("最终名单已公布。")
MSG_DECLARED = gettext_noop("回避声明已提交。")
MSG_SCORED = gettext_noop("评分已提交。")
MSG_CODE_SENT = gettext_noop("验证码已发送到 %(email)s，请查收邮件（15 分钟内有效）。")
MSG_CODE_OK = gettext_noop("邮箱已验证，请填写申报信息并上传材料。")
MSG_APPLIED = gettext_noop(
    "申报已提交。请保存本页链接，凭此查看审查进度和补正材料；链接也已发到您的邮箱。"
)
MSG_COMPLETED = gettext_noop("补正材料已提交，等待审查。")
MSG_OBJECTION_FILED = gettext_noop("异议已收到，评选单位将核实处理。")
THROTTLED = gettext_noop("操作过于频繁，请稍后再试。")

SESSION_KEY = "qm_award_verification_%s"


def _errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _refuse(request, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


def _throttled(request, scope: str) -> HttpResponse | None:
    if ratelimit.LIMITS.hit_request(request, scope):
        return None
    return render(request, "awards/public_throttled.html", {"message": _(THROTTLED)}, status=429)


def _file_response(item: ApplicationFile) -> FileResponse:
    try:
        content = item.file.storage.open(item.file.name, "rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(content, content_type=item.content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(item.original_name)}"
    return response


# --- The unit's pages -----------------------------------------------------------------------


@login_required
def index(request):
    units = OrgUnit.objects.for_user(request.user, scoping.Action.EDIT).filter(
        kind__in=list(services.LEVELS)
    )
    return render(
        request,
        "awards/index.html",
        {
            "rounds": AwardRound.objects.for_user(request.user).select_related("unit"),
            "units": units.order_by("depth", "path")[:50],
            "reviews": selectors.assignments_for_expert(request.user).exists(),
        },
    )


def _round_fields(form) -> dict:
    data = dict(form.cleaned_data)
    data.pop("criteria")
    return data


@login_required
def round_new(request, unit_pk: int):
    unit = scoping.get_for_user(
        OrgUnit.objects.for_user(request.user),
        pk=unit_pk,
        user=request.user,
        action="edit",
        unit_of=lambda u: u,
    )
    initial = {"criteria": services.criteria_text(GB_T_19580_CRITERIA), "publicity_days": 7}
    form = RoundForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            criteria = services.parse_criteria(form.cleaned_data["criteria"])
            award = services.round_create(
                actor=request.user, unit=unit, criteria=criteria, **_round_fields(form)
            )
        except ValidationError as exc:
            _errors(form, exc)
        else:
            messages.success(request, _(MSG_CREATED))
            return redirect(award)
    return render(request, "awards/round_form.html", {"form": form, "unit": unit})


@login_required
def round_edit(request, pk: int):
    award = selectors.round_get_for_user(request.user, pk, scoping.Action.EDIT)
    initial = {"criteria": services.criteria_text((c.name, c.points) for c in award.criteria.all())}
    form = RoundForm(request.POST or None, instance=award, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            criteria = services.parse_criteria(form.cleaned_data["criteria"])
            award.refresh_from_db()  # the form wrote onto the instance; the service compares
            services.round_update(
                actor=request.user, award=award, criteria=criteria, **_round_fields(form)
            )
        except ValidationError as exc:
            _errors(form, exc)
        else:
            messages.success(request, _(MSG_SAVED))
            return redirect(award)
    return render(
        request, "awards/round_form.html", {"form": form, "unit": award.unit, "award": award}
    )


@login_required
def round_detail(request, pk: int):
    award = selectors.round_get_for_user(request.user, pk)
    return render(
        request,
        "awards/round_detail.html",
        {
            "award": award,
            "may_edit": scoping.can(request.user, scoping.Action.EDIT, award.unit),
            "applications": award.applications.select_related("entity"),
            "ranking": selectors.ranking(award),
            "expert_form": ExpertForm(award=award),
            "objections": award.applications.filter(objections__isnull=False)
            .distinct()
            .prefetch_related("objections")
            .select_related("entity"),
        },
    )


def _post_action(request, pk: int, action, message, **kwargs):
    award = selectors.round_get_for_user(request.user, pk, scoping.Action.EDIT)
    try:
        result = action(actor=request.user, award=award, **kwargs)
    except ValidationError as exc:
        _refuse(request, exc)
    else:
        messages.success(request, message(result) if callable(message) else _(message))
    return redirect(award)


@login_required
@require_POST
def round_publish(request, pk: int):
    return _post_action(request, pk, services.round_publish, MSG_PUBLISHED)


@login_required
@require_POST
def expert_add(request, pk: int):
    award = selectors.round_get_for_user(request.user, pk, scoping.Action.EDIT)
    form = ExpertForm(request.POST, award=award)
    if not form.is_valid():
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
        return redirect(award)
    return _post_action(
        request, pk, services.expert_add, MSG_EXPERT_ADDED, user=form.cleaned_data["user"]
    )


def _chosen(request, award: AwardRound):
    ids = [int(v) for v in request.POST.getlist("application") if v.isdigit()]
    return list(award.applications.filter(pk__in=ids))


@login_required
@require_POST
def shortlist(request, pk: int):
    award = selectors.round_get_for_user(request.user, pk, scoping.Action.EDIT)
    return _post_action(
        request,
        pk,
        services.shortlist_set,
        MSG_SHORTLIST_SAVED,
        applications=_chosen(request, award),
    )


@login_required
@require_POST
def shortlist_publish(request, pk: int):
    return _post_action(
        request,
        pk,
        services.shortlist_publish,
        lambda award: _(MSG_PUBLICITY_STARTED) % {"end": award.publicity_ends},
    )


@login_required
@require_POST
def finalise(request, pk: int):
    award = selectors.round_get_for_user(request.user, pk, scoping.Action.EDIT)
    return _post_action(
        request, pk, services.round_finalise, MSG_FINALISED, applications=_chosen(request, award)
    )


@login_required
def application_detail(request, pk: int):
    application = selectors.application_get_for_user(request.user, pk)
    award = application.round
    return render(
        request,
        "awards/application_detail.html",
        {
            "application": application,
            "award": award,
            "may_edit": scoping.can(request.user, scoping.Action.EDIT, award.unit),
            "screen_form": ScreenForm(),
            "assign_form": AssignForm(award=award),
            "assignments": application.assignments.select_related("expert__user"),
        },
    )


@login_required
@require_POST
def application_screen(request, pk: int):
    application = selectors.application_get_for_user(request.user, pk, scoping.Action.EDIT)
    accept = request.POST.get("decision") == "accept"
    try:
        services.application_screen(
            actor=request.user,
            application=application,
            accept=accept,
            reason=request.POST.get("reason", ""),
        )
    except ValidationError as exc:
        _refuse(request, exc)
    else:
        messages.success(request, _(MSG_ACCEPTED if accept else MSG_RETURNED))
    return redirect("awards:application_detail", application.pk)


@login_required
@require_POST
def application_assign(request, pk: int):
    application = selectors.application_get_for_user(request.user, pk, scoping.Action.EDIT)
    form = AssignForm(request.POST, award=application.round)
    if form.is_valid():
        try:
            services.assignment_create(
                actor=request.user, application=application, expert=form.cleaned_data["expert"]
            )
        except ValidationError as exc:
            _refuse(request, exc)
        else:
            messages.success(request, _(MSG_ASSIGNED))
    else:
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
    return redirect("awards:application_detail", application.pk)


@login_required
def file_download(request, pk: int):
    item = get_object_or_404(
        ApplicationFile.objects.filter(
            application__round__in=AwardRound.objects.for_user(request.user)
        ),
        pk=pk,
    )
    return _file_response(item)


# --- The expert's pages ---------------------------------------------------------------------


@login_required
def my_reviews(request):
    return render(
        request,
        "awards/my_reviews.html",
        {"assignments": selectors.assignments_for_expert(request.user)},
    )


@login_required
def review(request, pk: int):
    assignment = selectors.assignment_get_for_expert(request.user, pk)
    criteria = list(assignment.application.round.criteria.all())
    return render(
        request,
        "awards/review.html",
        {
            "assignment": assignment,
            "application": assignment.application,
            "declaration_form": DeclarationForm(),
            "score_form": ScoreForm(criteria=criteria),
            "scores": assignment.scores.select_related("criterion"),
        },
    )


@login_required
@require_POST
def review_declare(request, pk: int):
    assignment = selectors.assignment_get_for_expert(request.user, pk)
    form = DeclarationForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
        return redirect("awards:review", pk)
    try:
        services.conflict_declare(
            actor=request.user,
            assignment=assignment,
            conflict=form.cleaned_data["conflict"],
            reason=form.cleaned_data["reason"],
        )
    except ValidationError as exc:
        _refuse(request, exc)
    else:
        messages.success(request, _(MSG_DECLARED))
    return redirect("awards:review", pk)


@login_required
def review_score(request, pk: int):
    assignment = selectors.assignment_get_for_expert(request.user, pk)
    criteria = list(assignment.application.round.criteria.all())
    form = ScoreForm(request.POST or None, criteria=criteria)
    if request.method == "POST" and form.is_valid():
        values = {c.pk: form.cleaned_data[f"c{c.pk}"] for c in criteria}
        try:
            services.scores_submit(actor=request.user, assignment=assignment, values=values)
        except ValidationError as exc:
            _errors(form, exc)
        else:
            messages.success(request, _(MSG_SCORED))
            return redirect("awards:review", pk)
    # The entered points are shown again with the errors: nothing typed is lost.
    return render(
        request,
        "awards/review.html",
        {
            "assignment": assignment,
            "application": assignment.application,
            "declaration_form": DeclarationForm(),
            "score_form": form,
            "scores": [],
        },
        status=400 if form.errors else 200,
    )


@login_required
def review_file(request, pk: int, file_pk: int):
    assignment = selectors.assignment_get_for_expert(request.user, pk)
    if not assignment.may_score():
        raise PermissionDenied
    return _file_response(get_object_or_404(assignment.application.files, pk=file_pk))


# --- The public side ------------------------------------------------------------------------


def public_list(request):
    return render(
        request,
        "awards/public_list.html",
        {"rounds": AwardRound.objects.public().select_related("unit")},
    )


def _public_round_page(request, award, objection_form=None, status=200):
    return render(
        request,
        "awards/public_round.html",
        {
            "award": award,
            "criteria": award.criteria.all(),
            "shortlist": award.applications.filter(shortlisted=True).select_related("entity"),
            "awarded": award.applications.filter(awarded=True).select_related("entity"),
            "objection_form": objection_form or ObjectionForm(award=award),
        },
        status=status,
    )


def public_round(request, pk: int):
    return _public_round_page(request, selectors.public_round(pk))


@require_POST
def public_objection(request, pk: int):
    award = selectors.public_round(pk)
    if blocked := _throttled(request, "objection"):
        return blocked
    form = ObjectionForm(request.POST, award=award)
    if form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.objection_file(**data)
        except ValidationError as exc:
            _errors(form, exc)
        else:
            messages.success(request, _(MSG_OBJECTION_FILED))
            return redirect("awards:public_round", award.pk)
    return _public_round_page(request, award, form, status=400)


# An application carries several files and the request's size is checked as a whole before
# it is read (core.uploads): room for a few files; each one's own limit is the service's check,
# with its clear message.
FILES_PER_REQUEST = 5


def _max_upload(head: bytes) -> int:
    return services.file_max_bytes() * FILES_PER_REQUEST


def _closed_message(award: AwardRound) -> str:
    if award.status == AwardRound.Status.OPEN:
        return _(services.MSG_NOT_ACCEPTING) % {"deadline": award.deadline}
    return _(services.MSG_NOT_OPEN)


@upload_max_bytes(_max_upload)
def public_apply(request, pk: int):
    """Three steps on one page: the e-mail address, its code, the application."""
    award = selectors.public_round(pk)
    key = SESSION_KEY % award.pk
    verification = services.verification_for(request.session.get(key))
    email_form, code_form, form = EmailForm(), CodeForm(), ApplicationForm()
    step = request.POST.get("step")
    status = 200
    if request.method == "POST":
        if step == "email":
            if blocked := _throttled(request, "code"):
                return blocked
            email_form = EmailForm(request.POST)
            if email_form.is_valid():
                try:
                    verification, token = services.verification_send(
                        award=award, email=email_form.cleaned_data["email"]
                    )
                except ValidationError as exc:
                    _errors(email_form, exc)
                else:
                    request.session[key] = token
                    messages.success(request, _(MSG_CODE_SENT) % {"email": verification.email})
                    return redirect("awards:public_apply", award.pk)
        elif step == "code":
            code_form = CodeForm(request.POST)
            if code_form.is_valid():
                try:
                    services.verification_confirm(
                        token=request.session.get(key, ""), code=code_form.cleaned_data["code"]
                    )
                except ValidationError as exc:
                    _errors(code_form, exc)
                else:
                    messages.success(request, _(MSG_CODE_OK))
                    return redirect("awards:public_apply", award.pk)
        elif step == "apply":
            if blocked := _throttled(request, "apply"):
                return blocked
            form = ApplicationForm(request.POST, request.FILES)
            if form.is_valid():
                try:
                    application, token = services.application_submit(
                        award=award,
                        verification_token=request.session.get(key, ""),
                        link_url=lambda t: request.build_absolute_uri(
                            reverse("awards:public_application", args=[t])
                        ),
                        **form.cleaned_data,
                    )
                except ValidationError as exc:
                    _errors(form, exc)
                else:
                    request.session.pop(key, None)
                    messages.success(request, _(MSG_APPLIED))
                    return redirect("awards:public_application", token)
        status = 400
    verified = verification is not None and verification.verified_at is not None
    return render(
        request,
        "awards/public_apply.html",
        {
            "award": award,
            "accepting": award.accepting(),
            "closed_message": _closed_message(award),
            "verification": verification,
            "verified": verified,
            "email_form": email_form,
            "code_form": code_form,
            "form": form,
        },
        status=status,
    )


@upload_max_bytes(_max_upload)
def public_application(request, token: str):
    application = services.application_for_link(token)
    if application is None:
        raise Http404
    form = CompletionForm(
        request.POST or None, request.FILES or None, initial={"summary": application.summary}
    )
    if request.method == "POST":
        if blocked := _throttled(request, "apply"):
            return blocked
        if form.is_valid():
            try:
                services.application_complete(application=application, **form.cleaned_data)
            except ValidationError as exc:
                _errors(form, exc)
            else:
                messages.success(request, _(MSG_COMPLETED))
                return redirect("awards:public_application", token)
    return render(
        request,
        "awards/public_application.html",
        {"application": application, "form": form, "files": application.files.all()},
        status=400 if form.errors else 200,
    )
