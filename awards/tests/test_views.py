"""The pages: the public application, the expert's isolation, the 公示's objection form."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from awards import services, views
from awards.models import Objection
from awards.tests.factories import (
    CODES,
    apply,
    fake_pdf,
    hunan_admin,
    open_round,
    pdf,
    queued_code,
    verified_token,
)
from core.testing.world import make_user
from orgs.scoping import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(world):
    return hunan_admin(world)


@pytest.fixture
def award(world, admin):
    return open_round(world, admin)


def _verify_in_browser_session(client, award, capture) -> None:
    url = reverse("awards:public_apply", args=[award.pk])
    with capture(execute=True):
        response = client.post(url, {"step": "email", "email": "qa@corp.example"})
    assert response.status_code == 302
    response = client.post(url, {"step": "code", "code": queued_code()})
    assert response.status_code == 302


def _form(**files):
    return {
        "step": "apply",
        "entity_name": "长沙某某电气有限公司",
        "credit_code": CODES[0],
        "contact_name": "李明",
        "summary": "自评 860 分",
        **files,
    }


def test_a_visitor_applying_with_a_fake_pdf_is_refused_and_keeps_what_they_typed(
    client, award, django_capture_on_commit_callbacks
):
    _verify_in_browser_session(client, award, django_capture_on_commit_callbacks)
    response = client.post(reverse("awards:public_apply", args=[award.pk]), _form(files=fake_pdf()))
    assert response.status_code == 400
    assert _(services.MSG_FILE_TYPE) in response.content.decode()
    assert 'value="长沙某某电气有限公司"' in response.content.decode()
    assert not award.applications.exists()


def test_a_visitor_applies_with_a_real_pdf_and_lands_on_the_applications_link(
    client, award, django_capture_on_commit_callbacks
):
    _verify_in_browser_session(client, award, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("awards:public_apply", args=[award.pk]), _form(files=pdf()), follow=True
        )
    assert response.status_code == 200
    assert _(views.MSG_APPLIED) in response.content.decode()
    assert award.applications.get().entity.credit_code == CODES[0]


def test_a_visitor_without_a_verified_email_sees_no_application_form(client, award):
    response = client.get(reverse("awards:public_apply", args=[award.pk]))
    assert 'name="entity_name"' not in response.content.decode()
    response = client.post(reverse("awards:public_apply", args=[award.pk]), _form(files=pdf()))
    assert response.status_code == 400
    assert not award.applications.exists()


def test_the_draft_round_is_not_on_the_public_side(client, world, admin):
    draft = services.round_create(
        actor=admin,
        unit=world.unit("湖南省"),
        name="草稿评选",
        edition=9,
        deadline=timezone.localdate(),
    )
    assert client.get(reverse("awards:public_round", args=[draft.pk])).status_code == 404


def test_an_expert_cannot_open_an_application_not_assigned_to_them(
    client_for, world, award, admin, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    mine = services.application_screen(actor=admin, application=apply(award, capture), accept=True)
    other = services.application_screen(
        actor=admin, application=apply(award, capture, code=CODES[1], name="乙公司"), accept=True
    )
    a = make_user("expert_a", world.unit("长沙市"), Role.VIEWER)
    b = make_user("expert_b", world.unit("长沙市"), Role.VIEWER)
    expert_a = services.expert_add(actor=admin, award=award, user=a)
    expert_b = services.expert_add(actor=admin, award=award, user=b)
    services.assignment_create(actor=admin, application=mine, expert=expert_a)
    theirs = services.assignment_create(actor=admin, application=other, expert=expert_b)
    client = client_for(a)
    assert client.get(reverse("awards:review", args=[theirs.pk])).status_code == 404
    file_url = reverse("awards:review_file", args=[theirs.pk, other.files.get().pk])
    assert client.get(file_url).status_code == 404
    page = client.get(reverse("awards:my_reviews")).content.decode()
    assert mine.entity.name in page and "乙公司" not in page
    # A viewer of 长沙市 sees nothing of the province's round through the unit's pages.
    assert client.get(reverse("awards:application_detail", args=[other.pk])).status_code == 404


def test_an_expert_sees_no_materials_before_declaring(
    client_for, world, award, admin, django_capture_on_commit_callbacks
):
    application = services.application_screen(
        actor=admin, application=apply(award, django_capture_on_commit_callbacks), accept=True
    )
    user = make_user("expert_a", world.unit("长沙市"), Role.VIEWER)
    expert = services.expert_add(actor=admin, award=award, user=user)
    assignment = services.assignment_create(actor=admin, application=application, expert=expert)
    client = client_for(user)
    page = client.get(reverse("awards:review", args=[assignment.pk])).content.decode()
    assert "自评报告.pdf" not in page
    file_url = reverse("awards:review_file", args=[assignment.pk, application.files.get().pk])
    assert client.get(file_url).status_code == 403


def test_a_score_above_the_points_comes_back_with_the_entered_values(
    client_for, world, award, admin, django_capture_on_commit_callbacks
):
    application = services.application_screen(
        actor=admin, application=apply(award, django_capture_on_commit_callbacks), accept=True
    )
    user = make_user("expert_a", world.unit("长沙市"), Role.VIEWER)
    expert = services.expert_add(actor=admin, award=award, user=user)
    assignment = services.assignment_create(actor=admin, application=application, expert=expert)
    services.conflict_declare(actor=user, assignment=assignment, conflict=False)
    criteria = list(award.criteria.all())
    data = {f"c{c.pk}": str(c.points - 1) for c in criteria}
    data[f"c{criteria[0].pk}"] = "120"
    response = client_for(user).post(reverse("awards:review_score", args=[assignment.pk]), data)
    assert response.status_code == 400
    body = response.content.decode()
    assert _(services.MSG_SCORE_RANGE) % {"name": "领导", "points": 110, "value": "120"} in body
    assert f'value="{criteria[1].points - 1}"' in body
    assert not assignment.scores.exists()


def test_an_objection_after_the_publicity_ends_is_refused_on_the_public_page(
    client, award, admin, django_capture_on_commit_callbacks
):
    application = services.application_screen(
        actor=admin, application=apply(award, django_capture_on_commit_callbacks), accept=True
    )
    services.shortlist_set(actor=admin, award=award, applications=[application])
    services.shortlist_publish(
        actor=admin, award=award, today=timezone.localdate() - datetime.timedelta(days=7)
    )
    response = client.post(
        reverse("awards:public_objection", args=[award.pk]),
        {"application": application.pk, "name": "张三", "contact": "138", "text": "异议"},
    )
    assert response.status_code == 400
    assert not Objection.objects.exists()


def test_objections_are_rate_limited_per_address(
    client, settings, award, admin, django_capture_on_commit_callbacks
):
    settings.QM_AWARDS_RATE_LIMITS = {"objection": (2, 600)}
    application = services.application_screen(
        actor=admin, application=apply(award, django_capture_on_commit_callbacks), accept=True
    )
    services.shortlist_set(actor=admin, award=award, applications=[application])
    services.shortlist_publish(actor=admin, award=award)
    url = reverse("awards:public_objection", args=[award.pk])
    data = {"application": application.pk, "name": "张三", "contact": "138", "text": "异议"}
    assert [client.post(url, data).status_code for _ in range(3)] == [302, 302, 429]
    assert Objection.objects.count() == 2


def test_a_viewer_cannot_publish_the_call(client_for, world, admin):
    award = services.round_create(
        actor=admin,
        unit=world.unit("湖南省"),
        name="第九届",
        edition=9,
        deadline=timezone.localdate(),
    )
    viewer = make_user("hunan_viewer", world.unit("湖南省"), Role.VIEWER)
    response = client_for(viewer).post(reverse("awards:round_publish", args=[award.pk]))
    assert response.status_code == 403
    award.refresh_from_db()
    assert award.status == "draft"


def test_after_the_deadline_the_apply_page_sends_no_code(
    client, world, admin, django_capture_on_commit_callbacks
):
    award = open_round(world, admin, deadline=timezone.localdate() - datetime.timedelta(days=1))
    url = reverse("awards:public_apply", args=[award.pk])
    assert 'name="email"' not in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(url, {"step": "email", "email": "late@corp.example"})
    assert response.status_code == 400
    assert _(services.MSG_NOT_ACCEPTING) % {"deadline": award.deadline} in response.content.decode()
    assert callbacks == []


def test_a_returned_applicant_reads_the_reason_and_completes_through_the_link(
    client, award, admin, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    token = verified_token(award, "back@corp.example", capture)
    application, link = services.application_submit(
        award=award,
        verification_token=token,
        entity_name="补正公司",
        credit_code=CODES[2],
        contact_name="王",
        summary="",
        files=[pdf()],
        link_url=str,
    )
    services.application_screen(
        actor=admin, application=application, accept=False, reason="缺少营业执照"
    )
    url = reverse("awards:public_application", args=[link])
    assert "缺少营业执照" in client.get(url).content.decode()
    response = client.post(url, {"summary": "已补", "files": pdf("营业执照.pdf")})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == "submitted"
    assert client.get(reverse("awards:public_application", args=["guess"])).status_code == 404


def test_a_file_over_the_limit_is_refused_with_its_size_and_the_limit(
    client, settings, award, django_capture_on_commit_callbacks
):
    _verify_in_browser_session(client, award, django_capture_on_commit_callbacks)
    big = pdf("大文件.pdf")
    settings.QM_AWARDS_FILE_MAX_BYTES = big.size - 1
    response = client.post(reverse("awards:public_apply", args=[award.pk]), _form(files=big))
    assert response.status_code == 400
    assert "大文件.pdf" in response.content.decode()
    assert not award.applications.exists()
