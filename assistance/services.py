"""Writes of enterprise assistance: every one here, checked, audited with its actor.

Two clerks of a station may work on the same case: each write that changes a case names the
version the clerk's page showed and fails with ConflictError when someone saved in between.
A double submit is harmless: a row identical to one just added, a state already reached, is
returned as it is instead of being written twice or refused as a conflict.
"""

import datetime

from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from assistance.models import FollowUp, Measure, Problem, ProblemField, ServiceCase
from campaigns.models import Campaign
from core import personal_data
from core.audit import set_actor
from core.errors import ConflictError
from entities.services import entity_get_or_create_for_applicant
from orgs import scoping
from orgs.models import OrgUnit

# The units that take a case: the 市场监管所 and the county bureaux that serve a region.
SERVING_KINDS = (OrgUnit.Kind.COUNTY, OrgUnit.Kind.STATION)

MSG_UNIT_KIND = gettext_noop("帮扶案例只能由县级市场监管局或市场监管所承办，请选择所在地的单位。")
MSG_REQUIRED = gettext_noop("必填，不能为空。")
MSG_CONSENT = gettext_noop("请阅读并同意个人信息的使用说明。")
MSG_ACTIVE_ELSEWHERE = gettext_noop(
    "该企业已有进行中的帮扶案例，由“%(unit)s”承办，请联系该单位协同帮扶。"
)
MSG_NOT_ACCEPTED = gettext_noop("该申请尚未受理，请先受理后再记录体检和帮扶情况。")
MSG_CLOSED = gettext_noop("该案例已办结，不能再修改。")
MSG_SATISFACTION = gettext_noop("请选择企业对帮扶的满意度。")
MSG_FIELD = gettext_noop("请选择问题所属领域。")
MSG_EXPIRED = gettext_noop("已删除 %(cases)s 个已办结帮扶案例的联系人和联系电话。")


def current_campaign(today: datetime.date | None = None) -> Campaign | None:
    """The campaign a new case counts toward: the one of this year, when it is open."""
    return Campaign.objects.filter(year=(today or timezone.localdate()).year).first()


def _required(**values: str) -> None:
    missing = {name: _(MSG_REQUIRED) for name, value in values.items() if not value.strip()}
    if missing:
        raise ValidationError(missing)


def _entity(name: str, code: str, region: OrgUnit):
    """The directory's entry, with a bad credit code reported on the form's `code` field."""
    try:
        return entity_get_or_create_for_applicant(name=name, code=code, region=region)
    except ValidationError as exc:
        if hasattr(exc, "error_dict") and "credit_code" in exc.error_dict:
            raise ValidationError({"code": exc.message_dict["credit_code"]}) from exc
        raise


def _active_case(entity) -> ServiceCase | None:
    return (
        ServiceCase.objects.filter(entity=entity)
        .exclude(status=ServiceCase.Status.CLOSED)
        .select_related("unit")
        .first()
    )


@transaction.atomic
def case_request(
    *,
    name: str,
    code: str,
    region: OrgUnit,
    contact_name: str,
    contact_phone: str,
    needs: str,
    consent: bool,
    today: datetime.date | None = None,
) -> tuple[ServiceCase, bool]:
    """An enterprise asks for help on the public side (no signed-in actor). The case waits
    for the serving unit to accept it. Asking again while a case is active returns that
    case (created False): the second click of an impatient visitor adds nothing."""
    if region.kind not in SERVING_KINDS:
        raise ValidationError({"region": _(MSG_UNIT_KIND)})
    _required(name=name, contact_name=contact_name, contact_phone=contact_phone, needs=needs)
    if not consent:
        raise ValidationError({"consent": _(MSG_CONSENT)})
    entity = _entity(name, code, region)
    existing = _active_case(entity)
    if existing is not None:
        return existing, False
    with set_actor(None):
        case = ServiceCase(
            entity=entity,
            unit=region,
            campaign=current_campaign(today),
            source=ServiceCase.Source.REQUEST,
            status=ServiceCase.Status.REQUESTED,
            needs=needs.strip(),
            contact_name=contact_name.strip(),
            contact_phone=contact_phone.strip(),
        )
        case.full_clean()
        case.save()
    return case, True


@transaction.atomic
def case_open(
    *,
    actor,
    unit: OrgUnit,
    name: str,
    code: str,
    needs: str = "",
    contact_name: str = "",
    contact_phone: str = "",
    campaign: Campaign | None = None,
) -> tuple[ServiceCase, bool]:
    """A station or county opens a case on a visit (走访). The enterprise's active case in
    the same unit is returned as it is (created False); one in another unit is refused."""
    scoping.require(actor, scoping.Action.EDIT, unit)
    if unit.kind not in SERVING_KINDS:
        raise ValidationError({"unit": _(MSG_UNIT_KIND)})
    _required(name=name)
    entity = _entity(name, code, unit)
    existing = _active_case(entity)
    if existing is not None:
        if existing.unit_id != unit.pk:
            raise ValidationError(_(MSG_ACTIVE_ELSEWHERE) % {"unit": existing.unit.display_name})
        return existing, False
    with set_actor(actor):
        case = ServiceCase(
            entity=entity,
            unit=unit,
            campaign=campaign or current_campaign(),
            source=ServiceCase.Source.VISIT,
            status=ServiceCase.Status.OPEN,
            needs=needs.strip(),
            contact_name=contact_name.strip(),
            contact_phone=contact_phone.strip(),
            opened_by=actor,
            opened_at=timezone.now(),
        )
        case.full_clean()
        case.save()
    return case, True


def _lock(actor, case: ServiceCase) -> ServiceCase:
    # select_for_update serializes concurrent saves on PostgreSQL; SQLite serializes
    # writers by itself.
    case = ServiceCase.objects.select_for_update().select_related("unit", "entity").get(pk=case.pk)
    scoping.require(actor, scoping.Action.EDIT, case.unit)
    return case


def _check(case: ServiceCase, version: int | None, *, accepted: bool = True) -> None:
    if case.status == ServiceCase.Status.CLOSED:
        raise ValidationError(_(MSG_CLOSED))
    if accepted and case.status == ServiceCase.Status.REQUESTED:
        raise ValidationError(_(MSG_NOT_ACCEPTED))
    if version is not None and case.version != version:
        raise ConflictError(case.version)


def _bump(case: ServiceCase) -> None:
    case.version += 1
    case.save(update_fields=["version", "updated_at"])


@transaction.atomic
def case_accept(*, actor, case: ServiceCase, version: int | None) -> ServiceCase:
    """The serving unit accepts (受理) an enterprise's request."""
    case = _lock(actor, case)
    if case.status == ServiceCase.Status.OPEN:
        return case
    _check(case, version, accepted=False)
    with set_actor(actor):
        case.status = ServiceCase.Status.OPEN
        case.opened_by = actor
        case.opened_at = timezone.now()
        case.version += 1
        case.save()
    return case


@transaction.atomic
def problem_add(
    *, actor, case: ServiceCase, version: int | None, field: str, description: str
) -> Problem:
    """A problem found by the diagnosis (质量体检)."""
    case = _lock(actor, case)
    description = description.strip()
    if field not in ProblemField.values:
        raise ValidationError({"field": _(MSG_FIELD)})
    _required(description=description)
    same = case.problems.filter(field=field, description=description).first()
    if same is not None:
        return same
    _check(case, version)
    with set_actor(actor):
        problem = Problem(case=case, field=field, description=description)
        problem.full_clean()
        problem.save()
        _bump(case)
    return problem


@transaction.atomic
def problem_set_solved(*, actor, problem: Problem, solved: bool, version: int | None) -> Problem:
    case = _lock(actor, problem.case)
    problem = Problem.objects.get(pk=problem.pk, case=case)
    if problem.solved == solved:
        return problem
    _check(case, version)
    with set_actor(actor):
        problem.solved = solved
        problem.save()
        _bump(case)
    return problem


@transaction.atomic
def measure_add(
    *,
    actor,
    case: ServiceCase,
    version: int | None,
    text: str,
    responsible: str,
    due_on: datetime.date,
) -> Measure:
    """A measure of the 一企一策 plan."""
    case = _lock(actor, case)
    text, responsible = text.strip(), responsible.strip()
    _required(text=text, responsible=responsible)
    same = case.measures.filter(text=text, responsible=responsible, due_on=due_on).first()
    if same is not None:
        return same
    _check(case, version)
    with set_actor(actor):
        measure = Measure(case=case, text=text, responsible=responsible, due_on=due_on)
        measure.full_clean()
        measure.save()
        _bump(case)
    return measure


@transaction.atomic
def measure_set_done(*, actor, measure: Measure, done: bool, version: int | None) -> Measure:
    case = _lock(actor, measure.case)
    measure = Measure.objects.get(pk=measure.pk, case=case)
    if measure.done == done:
        return measure
    _check(case, version)
    with set_actor(actor):
        measure.done = done
        measure.save()
        _bump(case)
    return measure


@transaction.atomic
def followup_add(
    *,
    actor,
    case: ServiceCase,
    version: int | None,
    visited_on: datetime.date,
    visitors: str,
    notes: str,
) -> FollowUp:
    """A follow-up visit (回访)."""
    case = _lock(actor, case)
    visitors, notes = visitors.strip(), notes.strip()
    _required(visitors=visitors, notes=notes)
    same = case.followups.filter(visited_on=visited_on, visitors=visitors, notes=notes).first()
    if same is not None:
        return same
    _check(case, version)
    with set_actor(actor):
        followup = FollowUp(case=case, visited_on=visited_on, visitors=visitors, notes=notes)
        followup.full_clean()
        followup.save()
        _bump(case)
    return followup


@transaction.atomic
def case_close(
    *, actor, case: ServiceCase, version: int | None, satisfaction: str, outcome: str = ""
) -> ServiceCase:
    """Close (办结) a case with the enterprise's satisfaction and the outcome in words; the
    problems solved are the diagnosis rows marked solved."""
    case = _lock(actor, case)
    if case.status == ServiceCase.Status.CLOSED:
        return case
    if satisfaction not in ServiceCase.Satisfaction.values:
        raise ValidationError({"satisfaction": _(MSG_SATISFACTION)})
    _check(case, version)
    with set_actor(actor):
        case.status = ServiceCase.Status.CLOSED
        case.satisfaction = satisfaction
        case.outcome = outcome.strip()
        case.closed_at = timezone.now()
        case.version += 1
        case.full_clean()
        case.save()
    return case


# --- Retention of personal data -------------------------------------------------------------


@transaction.atomic
def personal_data_expire(*, now: datetime.datetime | None = None) -> int:
    """Erase the contact person and phone of cases closed (办结) more than
    QM_PERSONAL_DATA_RETENTION_DAYS ago (个人信息保护法 第十九条、第四十七条): a closed case
    cannot change any more, and its diagnosis, plan, visits and outcome stay for the figures.
    Only cases not yet erased are touched: running it again changes nothing. How many."""
    now = now or timezone.now()
    cases = list(
        ServiceCase.objects.filter(
            status=ServiceCase.Status.CLOSED,
            closed_at__lte=now - personal_data.retention(),
            anonymised_at__isnull=True,
        )
    )
    with set_actor(None):
        for case in cases:
            ServiceCase.objects.filter(pk=case.pk).update(
                contact_name="", contact_phone="", anonymised_at=now
            )
            LogEntry.objects.log_create(
                case,
                force_log=True,
                action=LogEntry.Action.UPDATE,
                changes={},
                additional_data={"personal_data": "anonymised"},
            )
    return len(cases)


def personal_data_expire_report(now: datetime.datetime) -> str:
    """`personal_data_expire` as `manage.py expire_personal_data` reports it."""
    return _(MSG_EXPIRED) % {"cases": personal_data_expire(now=now)}
