"""Small builders for the reporting tests: a campaign, issued notices with requirements, and
files whose content is what a phone or camera produces."""

import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from campaigns import services as campaign_services
from campaigns.models import Campaign, Notice
from reports import services
from reports.models import ExpectedReport, Material, ReportRequirement

FIELDS = [
    services.FieldSpec("活动场次", "activities", unit_of_measure="场"),
    services.FieldSpec("参与人数", "participants", required=False, unit_of_measure="人次"),
]


def campaign() -> Campaign:
    return Campaign.objects.get_or_create(
        year=2023,
        defaults={
            "theme": "增强质量意识 推进高质量发展",
            "starts_on": datetime.date(2023, 9, 1),
            "ends_on": datetime.date(2023, 9, 30),
        },
    )[0]


def issued_requirement(
    *,
    actor,
    unit,
    recipients,
    title: str,
    due: datetime.date | None = None,
    materials=(Material.SUMMARY, Material.STATISTICS),
    fields=FIELDS,
) -> ReportRequirement:
    notice = campaign_services.notice_create(
        actor=actor,
        campaign=campaign(),
        unit=unit,
        kind=Notice.Kind.PLAN,
        title=title,
        recipient_units=list(recipients),
    )
    notice = campaign_services.notice_issue(actor=actor, notice=notice)
    return services.requirement_save(
        actor=actor,
        notice=notice,
        due_date=due or timezone.localdate() + datetime.timedelta(days=10),
        materials=list(materials),
        levels=[],
        fields=list(fields),
    )


def due_date_set(*requirements: ReportRequirement, due) -> None:
    """Move requirements' due date as the edit page does (a save, so the counts kept per
    requirement follow it; a queryset update would leave them behind)."""
    for requirement in requirements:
        requirement.refresh_from_db()
        requirement.due_date = due
        requirement.save(update_fields=["due_date"])


def expected(requirement: ReportRequirement, unit) -> ExpectedReport:
    return ExpectedReport.objects.get(requirement=requirement, unit=unit)


def fill_and_submit(*, actor, expected: ExpectedReport, summary="本单位共开展活动。", **values):
    report = services.report_start(actor=actor, expected=expected)
    report = services.report_save_draft(
        actor=actor,
        report=report,
        version=report.version,
        summary=summary,
        values={k: str(v) for k, v in ({"activities": 1} | values).items()},
    )
    return services.report_submit(actor=actor, report=report)


def png_bytes(size=(640, 480), colour=(200, 30, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, format="PNG")
    return out.getvalue()


def photo(name="现场.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, png_bytes(), content_type="image/png")


MP4_HEAD = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00\x00\x00\x08free"


def video(name="启动仪式.mp4", size=4096) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, MP4_HEAD + b"\x00" * size, content_type="video/mp4")


def pdf(name="伪装成图片.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(
        name, b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", "image/jpeg"
    )


def province_with_one_overdue(world) -> dict:
    """湖南省 asked 长沙市 and 株洲市 to report by yesterday; 长沙市 reported on time (12 场),
    株洲市 did not: it is overdue. The dashboards' and the replica's tests look at this."""
    from core.testing.world import make_user
    from orgs.scoping import Role

    admin = make_user("hunan_admin", world.unit("湖南省"), Role.ADMIN)
    requirement = issued_requirement(
        actor=admin,
        unit=world.unit("湖南省"),
        recipients=[world.unit("长沙市"), world.unit("株洲市")],
        title="湖南省2023年“质量月”活动实施方案",
        due=timezone.localdate() + datetime.timedelta(days=5),
    )
    fill_and_submit(
        actor=world.users["editor"],
        expected=expected(requirement, world.unit("长沙市")),
        activities=12,
    )
    due_date_set(requirement, due=timezone.localdate() - datetime.timedelta(days=1))
    return {"admin": admin, "requirement": requirement, "unit": world.unit("湖南省")}
