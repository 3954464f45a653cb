"""Writes of the quality awards: each step of a round, checked, audited (core.audit)."""

import datetime
import os
import secrets
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from auditlog.models import LogEntry
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from awards.models import (
    GB_T_19580_CRITERIA,
    Application,
    ApplicationFile,
    Assignment,
    AwardExpert,
    AwardRound,
    Criterion,
    EmailVerification,
    Objection,
    Score,
    hash_secret,
)
from awards.tasks import send_applicant_email
from core import personal_data
from core.audit import set_actor
from core.uploads import content_extension, size_check
from entities.models import validate_credit_code
from entities.services import entity_get_or_create_for_applicant
from orgs import scoping
from orgs.models import OrgUnit

MSG_LEVEL = gettext_noop("只有省级、市级、县级单位可以组织质量奖评选。")
MSG_CRITERIA_LINE = gettext_noop("第 %(n)s 行应为“评分项 分值”，如“领导 110”。")
MSG_CRITERIA_EMPTY = gettext_noop("请至少填写一个评分项。")
MSG_NOT_DRAFT = gettext_noop("评选已发布，评分项和申报通知不能再修改。")
MSG_ALREADY_PUBLISHED = gettext_noop("申报通知已经发布。")
MSG_NOT_ACCEPTING = gettext_noop("申报已于 %(deadline)s 截止，不再接收申报。")
MSG_NOT_OPEN = gettext_noop("该评选当前不接收申报。")
MSG_CODE_WRONG = gettext_noop("验证码不正确或已过期，请重新获取。")
MSG_NOT_VERIFIED = gettext_noop("请先验证电子邮箱。")
MSG_ALREADY_APPLIED = gettext_noop("该企业已申报本届评选，请通过申报链接查看进度，不要重复申报。")
MSG_FILES_REQUIRED = gettext_noop("请上传申报材料（至少一个文件）。")
MSG_FILE_TYPE = gettext_noop("只能上传 PDF、DOCX、XLSX 文书或 JPG、PNG 图片。")
MSG_FILE_TOO_LARGE = gettext_noop("文件“%(name)s”大小为 %(size)s，超过上限 %(limit)s。")
MSG_REASON_REQUIRED = gettext_noop("退回补正时请写明原因。")
MSG_NOT_PENDING = gettext_noop("该申报已审查，不能重复审查。")
MSG_NOT_RETURNED = gettext_noop("该申报未被退回，无需补正。")
MSG_EXPERT_OUTSIDE = gettext_noop("专家须为本单位或下级单位的用户。")
MSG_EXPERT_TWICE = gettext_noop("该用户已是本届评选的专家。")
MSG_NOT_ACCEPTED = gettext_noop("只有审查通过的申报才能分配专家。")
MSG_ASSIGNED_TWICE = gettext_noop("该专家已分配到这份申报。")
MSG_ALREADY_DECLARED = gettext_noop("已经声明过回避情况，不能更改。")
MSG_CONFLICT_REASON = gettext_noop("需回避时请写明原因（如任职、亲属、业务往来）。")
MSG_DECLARE_FIRST = gettext_noop("请先声明是否需要回避，再查看申报材料和评分。")
MSG_CONFLICT = gettext_noop("您已声明需回避，不能评审这份申报。")
MSG_ALREADY_SCORED = gettext_noop("评分已提交，不能修改。")
MSG_SCORE_MISSING = gettext_noop("请为“%(name)s”打分。")
MSG_SCORE_INVALID = gettext_noop("“%(name)s”的得分应为数字。")
MSG_SCORE_RANGE = gettext_noop("“%(name)s”的得分应在 0 到 %(points)s 之间，现为 %(value)s。")
MSG_SHORTLIST_STAGE = gettext_noop("评选已进入公示或已公布，入围名单不能再修改。")
MSG_SHORTLIST_EMPTY = gettext_noop("请先确定入围名单，再发布公示。")
MSG_NOT_IN_PUBLICITY = gettext_noop("公示期为 %(start)s 至 %(end)s，现在不能提出异议。")
MSG_NOT_SHORTLISTED = gettext_noop("只能对公示名单中的企业提出异议。")
MSG_PUBLICITY_RUNNING = gettext_noop("公示期至 %(end)s 结束，结束后才能公布最终名单。")
MSG_NOT_PUBLICITY = gettext_noop("评选不在公示阶段，不能公布最终名单。")
MSG_AWARDED_OUTSIDE = gettext_noop("获奖企业须在公示名单中。")
MSG_CODE_SUBJECT = gettext_noop("质量奖申报邮箱验证码")
MSG_CODE_BODY = gettext_noop("您申报“%(round)s”的邮箱验证码是 %(code)s，%(minutes)s 分钟内有效。")
MSG_LINK_SUBJECT = gettext_noop("质量奖申报已收到")
MSG_LINK_BODY = gettext_noop(
    "“%(entity)s”申报“%(round)s”的材料已收到。查看进度或按要求补正材料：%(url)s"
)
MSG_EXPIRED = gettext_noop(
    "已删除 %(rounds)s 个质量奖评选中 %(applications)s 份申报的联系人和电子邮箱、"
    "%(objections)s 条异议的姓名和联系方式，以及 %(verifications)s 条过期的邮箱验证记录。"
)

LEVELS = {
    OrgUnit.Kind.PROVINCE: AwardRound.Level.PROVINCE,
    OrgUnit.Kind.PREFECTURE: AwardRound.Level.CITY,
    OrgUnit.Kind.COUNTY: AwardRound.Level.COUNTY,
}
CODE_MINUTES = 15
CODE_ATTEMPTS = 5
FILE_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "jpg": "image/jpeg",
    "png": "image/png",
}


def file_max_bytes() -> int:
    return getattr(settings, "QM_AWARDS_FILE_MAX_BYTES", 20 * 1024 * 1024)


def _require_unit(actor, award: AwardRound) -> None:
    scoping.require(actor, scoping.Action.EDIT, award.unit)


def _locked(award: AwardRound) -> AwardRound:
    return AwardRound.objects.select_for_update().select_related("unit").get(pk=award.pk)


# --- The round ------------------------------------------------------------------------


def parse_criteria(text: str) -> list[tuple[str, int]]:
    """ "领导 110" per line (the clerk's textarea) -> [(name, points)]."""
    criteria = []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        name, _sep, points = line.rpartition(" ")
        if not name.strip() or not points.isdigit() or int(points) < 1:
            raise ValidationError({"criteria": _(MSG_CRITERIA_LINE) % {"n": number}})
        criteria.append((name.strip(), int(points)))
    if not criteria:
        raise ValidationError({"criteria": _(MSG_CRITERIA_EMPTY)})
    return criteria


def criteria_text(criteria) -> str:
    return "\n".join(f"{name} {points}" for name, points in criteria)


@transaction.atomic
def round_create(
    *,
    actor,
    unit: OrgUnit,
    name: str,
    edition: int,
    deadline: datetime.date,
    call_text: str = "",
    combination: str = AwardRound.Combination.MEAN,
    publicity_days: int = 7,
    criteria: list[tuple[str, int]] | None = None,
) -> AwardRound:
    """Open a round; its criteria are GB/T 19580's unless given."""
    scoping.require(actor, scoping.Action.EDIT, unit)
    level = LEVELS.get(unit.kind)
    if level is None:
        raise ValidationError(_(MSG_LEVEL))
    with set_actor(actor):
        award = AwardRound(
            unit=unit,
            name=name.strip(),
            edition=edition,
            level=level,
            deadline=deadline,
            call_text=call_text,
            combination=combination,
            publicity_days=publicity_days,
        )
        award.full_clean()
        award.save()
        _criteria_write(award, criteria or GB_T_19580_CRITERIA)
    return award


def _criteria_write(award: AwardRound, criteria: list[tuple[str, int]]) -> None:
    award.criteria.all().delete()
    for position, (name, points) in enumerate(criteria, start=1):
        criterion = Criterion(round=award, position=position, name=name, points=points)
        criterion.full_clean()
        criterion.save()


@transaction.atomic
def round_update(*, actor, award: AwardRound, criteria: list[tuple[str, int]], **fields):
    """Edit a draft round (its call and criteria); unchanged criteria are not rewritten."""
    award = _locked(award)
    _require_unit(actor, award)
    if award.status != AwardRound.Status.DRAFT:
        raise ValidationError(_(MSG_NOT_DRAFT))
    with set_actor(actor):
        changed = {k: v for k, v in fields.items() if getattr(award, k) != v}
        if changed:
            for key, value in changed.items():
                setattr(award, key, value)
            award.full_clean()
            award.save()
        current = [(c.name, c.points) for c in award.criteria.all()]
        if current != list(criteria):
            _criteria_write(award, criteria)
    return award


@transaction.atomic
def round_publish(*, actor, award: AwardRound) -> AwardRound:
    """Publish the call (申报通知) on the public side: applications are taken from now on."""
    award = _locked(award)
    _require_unit(actor, award)
    if award.status != AwardRound.Status.DRAFT:
        raise ValidationError(_(MSG_ALREADY_PUBLISHED))
    with set_actor(actor):
        award.status = AwardRound.Status.OPEN
        award.published_at = timezone.now()
        award.save()
    return award


# --- The applicant: e-mail verification, application, completion -----------------------


def verification_send(*, award: AwardRound, email: str) -> tuple[EmailVerification, str]:
    """Send a one-time code to `email` (by the task worker, after the commit); the returned
    token is the browser's to confirm the code with."""
    if not award.accepting():
        raise ValidationError(_(MSG_NOT_OPEN))
    code = f"{secrets.randbelow(1_000_000):06d}"
    token = secrets.token_urlsafe(24)
    with transaction.atomic():
        verification = EmailVerification.objects.create(
            round=award,
            email=email.strip().lower(),
            code_hash=hash_secret(code),
            token=hash_secret(token),
            expires_at=timezone.now() + datetime.timedelta(minutes=CODE_MINUTES),
        )
        subject = _(MSG_CODE_SUBJECT)
        body = _(MSG_CODE_BODY) % {"round": award.name, "code": code, "minutes": CODE_MINUTES}
        transaction.on_commit(
            lambda: send_applicant_email.enqueue(
                verification_id=verification.pk, subject=subject, body=body
            ),
            robust=True,
        )
    return verification, token


def verification_for(token: str | None) -> EmailVerification | None:
    if not token:
        return None
    return EmailVerification.objects.filter(token=hash_secret(token)).first()


@transaction.atomic
def verification_confirm(*, token: str, code: str) -> EmailVerification:
    verification = verification_for(token)
    if verification is None:
        raise ValidationError(_(MSG_CODE_WRONG))
    verification = EmailVerification.objects.select_for_update().get(pk=verification.pk)
    if verification.verified_at is not None:
        return verification
    if verification.expires_at < timezone.now() or verification.attempts >= CODE_ATTEMPTS:
        raise ValidationError(_(MSG_CODE_WRONG))
    if not secrets.compare_digest(verification.code_hash, hash_secret(code.strip())):
        verification.attempts += 1
        verification.save(update_fields=["attempts"])
        raise ValidationError(_(MSG_CODE_WRONG))
    verification.verified_at = timezone.now()
    verification.save(update_fields=["verified_at"])
    return verification


def check_file(upload) -> tuple[str, str]:
    """(extension, content type) of an application file, read from its content, as report and
    inspection files are checked; a ValidationError for another type, a lying name, or size."""
    extension = content_extension(upload, FILE_TYPES, type_message=MSG_FILE_TYPE)
    size_check(upload, file_max_bytes(), message=MSG_FILE_TOO_LARGE)
    return extension, FILE_TYPES[extension]


def _files_add(application: Application, uploads) -> None:
    checked = [(upload, check_file(upload)) for upload in uploads]
    for upload, (_ext, content_type) in checked:
        item = ApplicationFile(
            application=application,
            original_name=os.path.basename(upload.name)[:255],
            content_type=content_type,
            size=upload.size,
        )
        item.file.save(upload.name, upload, save=False)
        item.full_clean()
        item.save()


@transaction.atomic
def application_submit(
    *,
    award: AwardRound,
    verification_token: str,
    entity_name: str,
    credit_code: str,
    contact_name: str,
    summary: str,
    files,
    link_url,
    today: datetime.date | None = None,
) -> tuple[Application, str]:
    """An enterprise applies; returns the application and its secret link token (shown once
    and e-mailed). `link_url(token)` makes the link for the e-mail."""
    award = AwardRound.objects.select_for_update().select_related("unit").get(pk=award.pk)
    _require_accepting(award, today)
    verification = verification_for(verification_token)
    if (
        verification is None
        or verification.verified_at is None
        or verification.round_id != award.pk
    ):
        raise ValidationError(_(MSG_NOT_VERIFIED))
    with set_actor(None):
        application, token = _application_create(
            award, entity_name, credit_code, contact_name, verification.email, summary, files
        )
    subject = _(MSG_LINK_SUBJECT)
    body = _(MSG_LINK_BODY) % {
        "entity": application.entity.name,
        "round": award.name,
        "url": link_url(token),
    }
    transaction.on_commit(
        lambda: send_applicant_email.enqueue(
            application_id=application.pk, subject=subject, body=body
        ),
        robust=True,
    )
    return application, token


@transaction.atomic
def application_enter(
    *,
    actor,
    award: AwardRound,
    entity_name: str,
    credit_code: str,
    contact_name: str,
    email: str,
    summary: str,
    files,
    today: datetime.date | None = None,
) -> Application:
    """The unit enters an application it received on paper (纸质申报), under its clerk's name:
    the same checks as online, without the e-mail verification (the clerk has the original)."""
    award = AwardRound.objects.select_for_update().select_related("unit").get(pk=award.pk)
    _require_unit(actor, award)
    _require_accepting(award, today)
    with set_actor(actor):
        application, _token = _application_create(
            award, entity_name, credit_code, contact_name, email, summary, files
        )
    return application


def _require_accepting(award: AwardRound, today: datetime.date | None) -> None:
    today = today or timezone.localdate()
    if award.status != AwardRound.Status.OPEN:
        raise ValidationError(_(MSG_NOT_OPEN))
    if today > award.deadline:
        raise ValidationError(_(MSG_NOT_ACCEPTING) % {"deadline": award.deadline})


def _application_create(
    award, entity_name, credit_code, contact_name, email, summary, files
) -> tuple[Application, str]:
    if not files:
        raise ValidationError({"files": _(MSG_FILES_REQUIRED)})
    code = "".join(credit_code.split()).upper()
    try:
        validate_credit_code(code)
    except ValidationError as exc:
        raise ValidationError({"credit_code": exc.messages}) from None
    for upload in files:
        check_file(upload)
    entity = entity_get_or_create_for_applicant(name=entity_name, code=code, region=award.unit)
    if Application.objects.filter(round=award, entity=entity).exists():
        raise ValidationError(_(MSG_ALREADY_APPLIED))
    token = Application.new_link()
    application = Application(
        round=award,
        entity=entity,
        contact_name=contact_name.strip(),
        email=email,
        summary=summary,
        link_hash=hash_secret(token),
    )
    application.full_clean(exclude=["link_hash"])
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError:  # the same enterprise's second tab, at the same moment
        raise ValidationError(_(MSG_ALREADY_APPLIED)) from None
    _files_add(application, files)
    return application, token


def application_for_link(token: str) -> Application | None:
    return (
        Application.objects.select_related("round", "entity")
        .filter(link_hash=hash_secret(token))
        .first()
    )


@transaction.atomic
def application_complete(*, application: Application, summary: str, files) -> Application:
    """The applicant completes a returned application (补正) through its link."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.status != Application.Status.RETURNED:
        raise ValidationError(_(MSG_NOT_RETURNED))
    for upload in files:
        check_file(upload)
    with set_actor(None):
        _files_add(application, files)
        application.summary = summary
        application.status = Application.Status.SUBMITTED
        application.save()
    return application


@transaction.atomic
def application_screen(
    *, actor, application: Application, accept: bool, reason: str = ""
) -> Application:
    """形式审查: accept, or return for completion with a reason."""
    application = (
        Application.objects.select_for_update().select_related("round__unit").get(pk=application.pk)
    )
    _require_unit(actor, application.round)
    if application.status != Application.Status.SUBMITTED:
        raise ValidationError(_(MSG_NOT_PENDING))
    if not accept and not reason.strip():
        raise ValidationError({"reason": _(MSG_REASON_REQUIRED)})
    with set_actor(actor):
        if accept:
            application.status = Application.Status.ACCEPTED
            application.return_reason = ""
        else:
            application.status = Application.Status.RETURNED
            application.return_reason = reason.strip()
        application.save()
    return application


# --- Experts, conflicts, scores -----------------------------------------------------------


@transaction.atomic
def expert_add(*, actor, award: AwardRound, user) -> AwardExpert:
    _require_unit(actor, award)
    in_subtree = user.memberships.filter(unit__path__startswith=award.unit.path).exists()
    if not in_subtree:
        raise ValidationError(_(MSG_EXPERT_OUTSIDE))
    if AwardExpert.objects.filter(round=award, user=user).exists():
        raise ValidationError(_(MSG_EXPERT_TWICE))
    with set_actor(actor):
        return AwardExpert.objects.create(round=award, user=user)


@transaction.atomic
def assignment_create(*, actor, application: Application, expert: AwardExpert) -> Assignment:
    _require_unit(actor, application.round)
    if expert.round_id != application.round_id:
        raise PermissionDenied
    if application.status != Application.Status.ACCEPTED:
        raise ValidationError(_(MSG_NOT_ACCEPTED))
    if Assignment.objects.filter(application=application, expert=expert).exists():
        raise ValidationError(_(MSG_ASSIGNED_TWICE))
    with set_actor(actor):
        return Assignment.objects.create(application=application, expert=expert)


def _own_assignment(actor, assignment: Assignment) -> Assignment:
    assignment = (
        Assignment.objects.select_for_update().select_related("expert").get(pk=assignment.pk)
    )
    if assignment.expert.user_id != getattr(actor, "pk", None):
        raise PermissionDenied
    return assignment


@transaction.atomic
def conflict_declare(
    *, actor, assignment: Assignment, conflict: bool, reason: str = ""
) -> Assignment:
    """The expert's 回避 declaration, once, before the materials are shown."""
    assignment = _own_assignment(actor, assignment)
    if assignment.declared_at is not None:
        raise ValidationError(_(MSG_ALREADY_DECLARED))
    if conflict and not reason.strip():
        raise ValidationError({"reason": _(MSG_CONFLICT_REASON)})
    with set_actor(actor):
        assignment.declared_at = timezone.now()
        assignment.conflict = conflict
        assignment.conflict_reason = reason.strip() if conflict else ""
        assignment.save()
    return assignment


@transaction.atomic
def scores_submit(*, actor, assignment: Assignment, values: dict) -> Assignment:
    """The expert's points, criterion by criterion (all of them, each within its points)."""
    assignment = _own_assignment(actor, assignment)
    if assignment.declared_at is None:
        raise ValidationError(_(MSG_DECLARE_FIRST))
    if assignment.conflict:
        raise ValidationError(_(MSG_CONFLICT))
    if assignment.scored_at is not None:
        raise ValidationError(_(MSG_ALREADY_SCORED))
    criteria = list(Criterion.objects.filter(round_id=assignment.expert.round_id))
    errors: dict[str, list[str]] = {}
    points: dict[int, Decimal] = {}
    for criterion in criteria:
        raw = values.get(criterion.pk)
        key = f"c{criterion.pk}"
        if raw in (None, ""):
            errors[key] = [_(MSG_SCORE_MISSING) % {"name": criterion.name}]
            continue
        try:
            value = Decimal(str(raw))
        except InvalidOperation:
            errors[key] = [_(MSG_SCORE_INVALID) % {"name": criterion.name}]
            continue
        if not value.is_finite() or value < 0 or value > criterion.points:
            errors[key] = [
                _(MSG_SCORE_RANGE)
                % {"name": criterion.name, "points": criterion.points, "value": raw}
            ]
            continue
        points[criterion.pk] = value.quantize(Decimal("0.1"))
    if errors:
        raise ValidationError(errors)
    with set_actor(actor):
        for criterion in criteria:
            Score.objects.create(
                assignment=assignment, criterion=criterion, points=points[criterion.pk]
            )
        assignment.scored_at = timezone.now()
        assignment.save()
    return assignment


# --- Shortlist, 公示, objections, final list -----------------------------------------------


@transaction.atomic
def shortlist_set(*, actor, award: AwardRound, applications) -> AwardRound:
    award = _locked(award)
    _require_unit(actor, award)
    if award.status != AwardRound.Status.OPEN:
        raise ValidationError(_(MSG_SHORTLIST_STAGE))
    chosen = {a.pk for a in applications}
    with set_actor(actor):
        for application in award.applications.all():
            wanted = application.pk in chosen and application.status == Application.Status.ACCEPTED
            if application.shortlisted != wanted:
                application.shortlisted = wanted
                application.save()
    return award


@transaction.atomic
def shortlist_publish(*, actor, award: AwardRound, today: datetime.date | None = None):
    """Publish the shortlist for its 公示 period (publicity_days, from today)."""
    award = _locked(award)
    _require_unit(actor, award)
    if award.status != AwardRound.Status.OPEN:
        raise ValidationError(_(MSG_SHORTLIST_STAGE))
    if not award.applications.filter(shortlisted=True).exists():
        raise ValidationError(_(MSG_SHORTLIST_EMPTY))
    today = today or timezone.localdate()
    with set_actor(actor):
        award.status = AwardRound.Status.PUBLICITY
        award.publicity_starts = today
        award.publicity_ends = today + datetime.timedelta(days=award.publicity_days - 1)
        award.save()
    return award


@transaction.atomic
def objection_file(
    *,
    application: Application,
    name: str,
    contact: str,
    text: str,
    today: datetime.date | None = None,
) -> Objection:
    """Anyone's objection (异议) to a shortlisted applicant, within the 公示 period."""
    award = AwardRound.objects.select_for_update().get(pk=application.round_id)
    if not award.in_publicity(today):
        raise ValidationError(
            _(MSG_NOT_IN_PUBLICITY)
            % {"start": award.publicity_starts or "—", "end": award.publicity_ends or "—"}
        )
    if not application.shortlisted:
        raise ValidationError(_(MSG_NOT_SHORTLISTED))
    with set_actor(None):
        objection = Objection(application=application, name=name, contact=contact, text=text)
        objection.full_clean()
        objection.save()
    return objection


@transaction.atomic
def round_finalise(
    *, actor, award: AwardRound, applications, today: datetime.date | None = None
) -> AwardRound:
    """The final list (获奖名单), after the 公示: chosen among the shortlisted (an objection
    upheld drops an applicant)."""
    award = _locked(award)
    _require_unit(actor, award)
    if award.status != AwardRound.Status.PUBLICITY:
        raise ValidationError(_(MSG_NOT_PUBLICITY))
    today = today or timezone.localdate()
    if today <= award.publicity_ends:
        raise ValidationError(_(MSG_PUBLICITY_RUNNING) % {"end": award.publicity_ends})
    chosen = {a.pk for a in applications}
    shortlisted = set(award.applications.filter(shortlisted=True).values_list("pk", flat=True))
    if chosen - shortlisted:
        raise ValidationError(_(MSG_AWARDED_OUTSIDE))
    with set_actor(actor):
        for application in award.applications.filter(pk__in=chosen):
            application.awarded = True
            application.save()
        award.status = AwardRound.Status.FINAL
        award.finalised_at = timezone.now()
        award.save()
    return award


# --- Retention of personal data -------------------------------------------------------------

# A verification code is good for CODE_MINUTES; its row (the e-mail address) is kept a day
# longer only so that the applicant who confirmed it can still submit the form that evening.
VERIFICATION_KEPT = datetime.timedelta(days=1)


@dataclass
class ExpiryResult:
    rounds: int
    applications: int
    objections: int
    verifications: int


@transaction.atomic
def personal_data_expire(*, now: datetime.datetime | None = None) -> ExpiryResult:
    """Erase the applicants' contact persons and e-mail addresses and the objectors' names and
    contacts once QM_PERSONAL_DATA_RETENTION_DAYS have passed since the round's final list
    (获奖名单) was published (个人信息保护法 第十九条、第四十七条): the applications, their
    materials, scores and the objections' text stay. E-mail verifications are deleted a day
    after they expired. Rows already erased are not touched: running it again changes nothing.
    """
    now = now or timezone.now()
    result = ExpiryResult(rounds=0, applications=0, objections=0, verifications=0)
    rounds = AwardRound.objects.filter(
        status=AwardRound.Status.FINAL, finalised_at__lte=now - personal_data.retention()
    )
    with set_actor(None):
        for award in rounds:
            applications = Application.objects.filter(round=award, anonymised_at__isnull=True)
            objections = Objection.objects.filter(
                application__round=award, anonymised_at__isnull=True
            )
            n_applications = applications.update(contact_name="", email="", anonymised_at=now)
            n_objections = objections.update(name="", contact="", anonymised_at=now)
            if not n_applications and not n_objections:
                continue
            LogEntry.objects.log_create(
                award,
                force_log=True,
                action=LogEntry.Action.UPDATE,
                changes={},
                additional_data={
                    "personal_data": "anonymised",
                    "applications": n_applications,
                    "objections": n_objections,
                },
            )
            result.rounds += 1
            result.applications += n_applications
            result.objections += n_objections
    result.verifications, _deleted = EmailVerification.objects.filter(
        expires_at__lt=now - VERIFICATION_KEPT
    ).delete()
    return result


def personal_data_expire_report(now: datetime.datetime) -> str:
    """`personal_data_expire` as `manage.py expire_personal_data` reports it."""
    result = personal_data_expire(now=now)
    return _(MSG_EXPIRED) % {
        "rounds": result.rounds,
        "applications": result.applications,
        "objections": result.objections,
        "verifications": result.verifications,
    }
