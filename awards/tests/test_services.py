"""Each rule of a round, through the services the pages call."""

import datetime
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from awards import selectors, services
from awards.models import GB_T_19580_CRITERIA, Application, AwardRound, Objection
from awards.tests.factories import (
    CODES,
    apply,
    fake_pdf,
    hunan_admin,
    open_round,
    pdf,
    verified_token,
)
from core.testing.world import make_user
from entities.models import MarketEntity
from orgs.scoping import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(world):
    return hunan_admin(world)


@pytest.fixture
def award(world, admin):
    return open_round(world, admin)


def _expert(world, name: str, unit: str = "长沙市"):
    return make_user(name, world.unit(unit), Role.VIEWER)


def _accepted(award, admin, capture, **kwargs) -> Application:
    application = apply(award, capture, **kwargs)
    return services.application_screen(actor=admin, application=application, accept=True)


def _scored(admin, application, user, values: list) -> None:
    award = application.round
    expert = award.experts.filter(user=user).first() or services.expert_add(
        actor=admin, award=award, user=user
    )
    assignment = services.assignment_create(actor=admin, application=application, expert=expert)
    services.conflict_declare(actor=user, assignment=assignment, conflict=False)
    criteria = list(award.criteria.all())
    services.scores_submit(
        actor=user,
        assignment=assignment,
        values=dict(zip([c.pk for c in criteria], values, strict=True)),
    )


def test_a_new_round_takes_gb_t_19580_seven_categories_with_1000_points_and_the_unit_level(
    world, admin
):
    award = open_round(world, admin)
    assert [(c.name, c.points) for c in award.criteria.all()] == GB_T_19580_CRITERIA
    assert award.total_points() == 1000
    assert award.level == AwardRound.Level.PROVINCE
    assert award.status == AwardRound.Status.OPEN


def test_a_county_editor_cannot_open_a_round_for_the_province(world):
    county = make_user("furong_x", world.unit("芙蓉区"), Role.EDITOR)
    with pytest.raises(PermissionDenied):
        open_round(world, county)


def test_criteria_are_editable_while_draft_and_frozen_once_published(world, admin):
    award = services.round_create(
        actor=admin,
        unit=world.unit("湖南省"),
        name="第一届",
        edition=1,
        deadline=timezone.localdate(),
    )
    services.round_update(actor=admin, award=award, criteria=[("质量", 60), ("效益", 40)])
    assert award.total_points() == 100
    services.round_publish(actor=admin, award=award)
    with pytest.raises(ValidationError) as error:
        services.round_update(actor=admin, award=award, criteria=[("质量", 100)])
    assert error.value.messages == [_(services.MSG_NOT_DRAFT)]


def test_the_criteria_text_refuses_a_line_without_points():
    with pytest.raises(ValidationError) as error:
        services.parse_criteria("领导 110\n战略")
    assert error.value.message_dict["criteria"] == [_(services.MSG_CRITERIA_LINE) % {"n": 2}]


def test_an_application_enters_the_enterprise_in_the_directory_once(
    award, django_capture_on_commit_callbacks
):
    application = apply(award, django_capture_on_commit_callbacks)
    assert application.entity.credit_code == CODES[0]
    assert MarketEntity.objects.filter(credit_code=CODES[0]).count() == 1
    assert application.files.get().content_type == "application/pdf"


def test_applying_twice_for_one_enterprise_is_refused_and_the_first_kept(
    award, django_capture_on_commit_callbacks
):
    first = apply(award, django_capture_on_commit_callbacks)
    with pytest.raises(ValidationError) as error:
        apply(award, django_capture_on_commit_callbacks)
    assert error.value.messages == [_(services.MSG_ALREADY_APPLIED)]
    assert list(award.applications.all()) == [first]


def test_an_application_after_the_deadline_is_refused(award, django_capture_on_commit_callbacks):
    token = verified_token(award, "late@corp.example", django_capture_on_commit_callbacks)
    with pytest.raises(ValidationError) as error:
        services.application_submit(
            award=award,
            verification_token=token,
            entity_name="迟到公司",
            credit_code=CODES[1],
            contact_name="王",
            summary="",
            files=[pdf()],
            link_url=str,
            today=award.deadline + datetime.timedelta(days=1),
        )
    assert error.value.messages == [_(services.MSG_NOT_ACCEPTING) % {"deadline": award.deadline}]
    assert not award.applications.exists()


def test_an_unverified_email_cannot_apply(award):
    _verification, token = services.verification_send(award=award, email="x@corp.example")
    with pytest.raises(ValidationError) as error:
        services.application_submit(
            award=award,
            verification_token=token,
            entity_name="某公司",
            credit_code=CODES[1],
            contact_name="王",
            summary="",
            files=[pdf()],
            link_url=str,
        )
    assert error.value.messages == [_(services.MSG_NOT_VERIFIED)]


def test_a_wrong_code_does_not_verify_and_five_wrong_codes_lock_it(award):
    _verification, token = services.verification_send(award=award, email="x@corp.example")
    for _attempt in range(services.CODE_ATTEMPTS):
        with pytest.raises(ValidationError):
            services.verification_confirm(token=token, code="000000x")
    assert services.verification_for(token).verified_at is None


def test_a_file_whose_content_is_not_what_its_name_says_is_refused(
    award, django_capture_on_commit_callbacks
):
    with pytest.raises(ValidationError) as error:
        apply(award, django_capture_on_commit_callbacks, files=[fake_pdf()])
    assert error.value.messages == [_(services.MSG_FILE_TYPE)]
    assert not MarketEntity.objects.filter(credit_code=CODES[0]).exists()


def test_returning_needs_a_reason_and_the_applicant_completes_through_the_link(
    award, admin, django_capture_on_commit_callbacks
):
    application = apply(award, django_capture_on_commit_callbacks)
    with pytest.raises(ValidationError) as error:
        services.application_screen(actor=admin, application=application, accept=False)
    assert error.value.message_dict["reason"] == [_(services.MSG_REASON_REQUIRED)]
    services.application_screen(
        actor=admin, application=application, accept=False, reason="缺少近三年财务报表"
    )
    application.refresh_from_db()
    assert application.status == Application.Status.RETURNED
    services.application_complete(
        application=application, summary="已补财务报表", files=[pdf("财务报表.pdf")]
    )
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED
    assert application.files.count() == 2


def test_experts_come_from_the_units_subtree_only(world, award, admin):
    with pytest.raises(ValidationError) as error:
        services.expert_add(actor=admin, award=award, user=_expert(world, "fj", "福建省"))
    assert error.value.messages == [_(services.MSG_EXPERT_OUTSIDE)]


def test_an_expert_must_declare_before_scoring_and_a_conflict_blocks_scoring(
    world, award, admin, django_capture_on_commit_callbacks
):
    application = _accepted(award, admin, django_capture_on_commit_callbacks)
    user = _expert(world, "expert_a")
    expert = services.expert_add(actor=admin, award=award, user=user)
    assignment = services.assignment_create(actor=admin, application=application, expert=expert)
    values = {c.pk: 10 for c in award.criteria.all()}
    with pytest.raises(ValidationError) as error:
        services.scores_submit(actor=user, assignment=assignment, values=values)
    assert error.value.messages == [_(services.MSG_DECLARE_FIRST)]
    services.conflict_declare(actor=user, assignment=assignment, conflict=True, reason="曾任顾问")
    with pytest.raises(ValidationError) as error:
        services.scores_submit(actor=user, assignment=assignment, values=values)
    assert error.value.messages == [_(services.MSG_CONFLICT)]
    with pytest.raises(ValidationError):
        services.conflict_declare(actor=user, assignment=assignment, conflict=False)
    assert not assignment.scores.exists()


def test_another_user_cannot_declare_or_score_for_the_expert(
    world, award, admin, django_capture_on_commit_callbacks
):
    application = _accepted(award, admin, django_capture_on_commit_callbacks)
    expert = services.expert_add(actor=admin, award=award, user=_expert(world, "expert_a"))
    assignment = services.assignment_create(actor=admin, application=application, expert=expert)
    with pytest.raises(PermissionDenied):
        services.conflict_declare(
            actor=_expert(world, "expert_b"), assignment=assignment, conflict=False
        )


def test_a_score_above_the_criterions_points_is_refused_and_nothing_is_saved(
    world, award, admin, django_capture_on_commit_callbacks
):
    application = _accepted(award, admin, django_capture_on_commit_callbacks)
    user = _expert(world, "expert_a")
    expert = services.expert_add(actor=admin, award=award, user=user)
    assignment = services.assignment_create(actor=admin, application=application, expert=expert)
    services.conflict_declare(actor=user, assignment=assignment, conflict=False)
    criteria = list(award.criteria.all())
    values = {c.pk: c.points for c in criteria}
    values[criteria[0].pk] = "111"  # 领导 has 110
    with pytest.raises(ValidationError) as error:
        services.scores_submit(actor=user, assignment=assignment, values=values)
    assert error.value.message_dict[f"c{criteria[0].pk}"] == [
        _(services.MSG_SCORE_RANGE) % {"name": "领导", "points": 110, "value": "111"}
    ]
    assert not assignment.scores.exists()


def test_trimmed_mean_drops_the_highest_and_lowest_total_from_three_experts():
    totals = [Decimal(900), Decimal(700), Decimal(500)]
    assert selectors.combine(totals, AwardRound.Combination.MEAN) == Decimal("700.00")
    assert selectors.combine(totals + [Decimal(680)], "trimmed") == Decimal("690.00")
    assert selectors.combine(totals[:2], "trimmed") == Decimal("800.00")


def test_ranking_orders_by_the_combined_score_with_the_rounds_method(
    world, admin, django_capture_on_commit_callbacks
):
    award = open_round(world, admin, combination=AwardRound.Combination.TRIMMED)
    capture = django_capture_on_commit_callbacks
    a = _accepted(award, admin, capture, code=CODES[0], name="甲公司")
    b = _accepted(award, admin, capture, code=CODES[1], name="乙公司")
    experts = [_expert(world, f"expert_{n}") for n in range(3)]
    # Three experts' totals for 甲 (1000, 500, 500): trimmed, the 1000 and one 500 go.
    full = [c.points for c in award.criteria.all()]
    half = [p // 2 for p in full]
    _scored(admin, a, experts[0], full)  # 1000
    _scored(admin, a, experts[1], half)  # 500
    _scored(admin, a, experts[2], half)  # 500 -> trimmed mean 500
    _scored(admin, b, experts[0], [p * 6 // 10 for p in full])  # 600
    rows = selectors.ranking(award)
    assert [(r.application, r.score, r.rank) for r in rows] == [
        (b, Decimal("600.00"), 1),
        (a, Decimal("500.00"), 2),
    ]


def test_the_shortlist_is_published_for_seven_days_and_objections_are_taken_only_then(
    world, award, admin, django_capture_on_commit_callbacks
):
    application = _accepted(award, admin, django_capture_on_commit_callbacks)
    services.shortlist_set(actor=admin, award=award, applications=[application])
    today = timezone.localdate()
    services.shortlist_publish(actor=admin, award=award, today=today)
    award.refresh_from_db()
    assert award.publicity_ends == today + datetime.timedelta(days=6)
    application.refresh_from_db()
    services.objection_file(
        application=application,
        name="张三",
        contact="13800000000",
        text="存在质量投诉",
        today=today,
    )
    with pytest.raises(ValidationError) as error:
        services.objection_file(
            application=application,
            name="李四",
            contact="x",
            text="迟到的异议",
            today=award.publicity_ends + datetime.timedelta(days=1),
        )
    assert error.value.messages == [
        _(services.MSG_NOT_IN_PUBLICITY)
        % {"start": award.publicity_starts, "end": award.publicity_ends}
    ]
    assert Objection.objects.count() == 1


def test_the_final_list_waits_for_the_end_of_the_publicity_and_comes_from_the_shortlist(
    world, award, admin, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    a = _accepted(award, admin, capture, code=CODES[0], name="甲公司")
    b = _accepted(award, admin, capture, code=CODES[1], name="乙公司")
    services.shortlist_set(actor=admin, award=award, applications=[a])
    today = timezone.localdate()
    services.shortlist_publish(actor=admin, award=award, today=today)
    with pytest.raises(ValidationError):
        services.round_finalise(actor=admin, award=award, applications=[a], today=today)
    after = today + datetime.timedelta(days=7)
    with pytest.raises(ValidationError) as error:
        services.round_finalise(actor=admin, award=award, applications=[a, b], today=after)
    assert error.value.messages == [_(services.MSG_AWARDED_OUTSIDE)]
    services.round_finalise(actor=admin, award=award, applications=[a], today=after)
    assert list(award.applications.filter(awarded=True)) == [a]


def test_every_step_is_in_the_audit_trail_with_its_actor(
    world, award, admin, django_capture_on_commit_callbacks
):
    application = _accepted(award, admin, django_capture_on_commit_callbacks)
    entries = LogEntry.objects.get_for_object(application)
    assert [e.actor for e in entries.order_by("timestamp")] == [None, admin]
    assert LogEntry.objects.get_for_object(award).filter(actor=admin).count() == 2


def test_a_paper_application_is_entered_by_the_units_clerk_under_their_name(award, admin):
    application = services.application_enter(
        actor=admin,
        award=award,
        entity_name="纸质申报公司",
        credit_code=CODES[2],
        contact_name="周",
        email="paper@corp.example",
        summary="",
        files=[pdf()],
    )
    assert LogEntry.objects.get_for_object(application).get().actor == admin
    viewer = make_user("hunan_viewer", award.unit, Role.VIEWER)
    with pytest.raises(PermissionDenied):
        services.application_enter(
            actor=viewer,
            award=award,
            entity_name="另一公司",
            credit_code=CODES[3],
            contact_name="周",
            email="p2@corp.example",
            summary="",
            files=[pdf()],
        )
