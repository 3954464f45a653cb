"""督查通报: the superior closes a reporting round with a circular generated from the figures,
edits it as a draft, issues it to the children and exports it as the official DOCX."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from docx import Document

from campaigns.models import Delivery, Notice
from core.testing.world import make_user
from orgs.divisions import Division
from orgs.models import OrgUnit
from orgs.scoping import Role
from orgs.services import divisions_load
from reports import services
from reports.services.circulars import circular_draft, circular_figures
from reports.tests import factories
from reports.views.circulars import MSG_CIRCULAR_DRAFTED, MSG_CIRCULAR_EXISTS

pytestmark = pytest.mark.django_db

CASE_TITLE = "长沙市推行首席质量官制度"


@pytest.fixture
def round_closed(world):
    """湖南省 asked 长沙市, 株洲市 and 湘潭市 to report: 长沙市 reported on time and its report,
    with a typical case, was accepted; 株洲市 reported after the due date; 湘潭市 did not."""
    divisions_load([Division("430300", "湘潭市", "prefecture", "430000")])
    world.units["湘潭市"] = OrgUnit.objects.get(code="430300")
    hunan = make_user("hunan_admin", world.unit("湖南省"), Role.ADMIN)
    zhuzhou = make_user("zhuzhou_editor", world.unit("株洲市"), Role.EDITOR)
    cities = [world.unit("长沙市"), world.unit("株洲市"), world.unit("湘潭市")]
    requirement = factories.issued_requirement(
        actor=hunan,
        unit=world.unit("湖南省"),
        recipients=cities,
        title="湖南省2023年“质量月”活动实施方案",
        due=timezone.localdate() + datetime.timedelta(days=3),
    )
    changsha = world.users["editor"]
    report = factories.fill_and_submit(
        actor=changsha, expected=factories.expected(requirement, world.unit("长沙市"))
    )
    services.report_return(actor=hunan, report=report, reason="请补充典型案例")
    services.case_add(
        actor=changsha,
        report=report,
        title=CASE_TITLE,
        unit_name="长沙市市场监督管理局",
        description="全市规上工业企业设立首席质量官。",
    )
    report = services.report_submit(actor=changsha, report=report)
    services.report_accept(actor=hunan, report=report)
    factories.due_date_set(requirement, due=timezone.localdate() - datetime.timedelta(days=1))
    requirement.refresh_from_db()
    factories.fill_and_submit(
        actor=zhuzhou, expected=factories.expected(requirement, world.unit("株洲市"))
    )
    return {"requirement": requirement, "admin": hunan, "cities": cities}


def docx_text(content: bytes) -> str:
    return "\n".join(p.text for p in Document(io.BytesIO(content)).paragraphs)


def test_the_figures_rank_the_children_and_name_late_and_missing_units(world, round_closed):
    figures = circular_figures(unit=world.unit("湖南省"), requirement=round_closed["requirement"])
    assert [row.label for row in figures.ranked] == ["长沙市", "株洲市", "湘潭市"]
    assert figures.late == ["株洲市市场监督管理局"]
    assert figures.missing == ["湘潭市市场监督管理局"]
    assert figures.cases == [("长沙市市场监督管理局", CASE_TITLE)]


def test_generated_from_the_supervision_page_the_docx_names_units_in_rank_order(
    world, round_closed, client_for
):
    requirement = round_closed["requirement"]
    client = client_for(round_closed["admin"])
    supervision = client.get(
        reverse("reports:supervision", args=[world.unit("湖南省").pk])
        + f"?requirement={requirement.pk}"
    )
    draft_url = reverse("reports:circular_draft", args=[requirement.pk])
    assert draft_url in supervision.text and "生成督查通报" in supervision.text

    response = client.post(draft_url)
    circular = Notice.objects.get(kind=Notice.Kind.CIRCULAR)
    assert response["Location"] == reverse("campaigns:notice_edit", args=[circular.pk])
    assert str(MSG_CIRCULAR_DRAFTED) in client.get(response["Location"]).text
    assert circular.status == Notice.Status.DRAFT
    assert list(circular.basis.all()) == [requirement.notice]

    docx = client.get(reverse("campaigns:notice_docx", args=[circular.pk]))
    text = docx_text(docx.content)
    assert "关于2023年“质量月”活动报送情况的通报" in text
    ranked = [text.index(f"{name}：应报") for name in ("长沙市", "株洲市", "湘潭市")]
    assert ranked == sorted(ranked)
    assert "株洲市市场监督管理局逾期报送" in text
    assert "湘潭市市场监督管理局未报送" in text
    assert CASE_TITLE in text and "通报表扬" in text


def test_the_draft_is_edited_before_issue_and_a_second_click_opens_it_again(
    world, round_closed, client_for
):
    requirement = round_closed["requirement"]
    admin = round_closed["admin"]
    circular, created = circular_draft(actor=admin, requirement=requirement)
    assert created
    circular.body = [*circular.body, {"level": 0, "number": "", "text": "特此通报。"}]
    circular.save()
    client = client_for(admin)
    response = client.post(reverse("reports:circular_draft", args=[requirement.pk]))
    assert response["Location"] == reverse("campaigns:notice_edit", args=[circular.pk])
    assert str(MSG_CIRCULAR_EXISTS) in client.get(response["Location"]).text
    assert Notice.objects.filter(kind=Notice.Kind.CIRCULAR).count() == 1
    circular.refresh_from_db()
    assert circular.body[-1]["text"] == "特此通报。"


def test_issuing_the_circular_delivers_it_to_the_children(world, round_closed, client_for):
    admin = round_closed["admin"]
    circular, _ = circular_draft(actor=admin, requirement=round_closed["requirement"])
    client = client_for(admin)
    client.post(
        reverse("campaigns:notice_issue", args=[circular.pk]), {"version": circular.version}
    )
    circular.refresh_from_db()
    assert circular.status == Notice.Status.ISSUED
    assert set(
        Delivery.objects.filter(notice=circular).values_list("recipient__name", flat=True)
    ) == {"长沙市", "株洲市", "湘潭市"}
    city = client_for(world.users["editor"])
    assert circular.title in city.get(reverse("campaigns:inbox")).text
    # A circular is read, not implemented: no 制定本级方案 on it.
    detail = city.get(circular.get_absolute_url())
    assert detail.status_code == 200 and not detail.context["plan_units"]


def test_a_child_cannot_generate_the_superiors_circular_and_a_stranger_sees_nothing(
    world, round_closed, client_for
):
    url = reverse("reports:circular_draft", args=[round_closed["requirement"].pk])
    assert client_for(world.users["editor"]).post(url).status_code == 403
    fujian = make_user("fujian_admin", world.unit("福建省"), Role.ADMIN)
    assert client_for(fujian).post(url).status_code == 404
    assert not Notice.objects.filter(kind=Notice.Kind.CIRCULAR).exists()
