"""The inspection pages through the test client: a county clerk plans, draws, records a
result with a photo, concludes and publishes; outsiders get 404, viewers cannot write."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.testing.world import make_user
from core.uploads import MSG_FILE_MISMATCH
from entities.models import Field
from inspections import services
from inspections.models import InspectionFile, InspectionTarget, SamplingPlan
from reports.tests.factories import png_bytes


def test_a_clerk_runs_a_plan_through_the_pages(county, client_for):
    client = client_for(county.editor)
    for name in ("home", "inspector_list", "inspector_new", "plan_new", "supervision_home"):
        assert client.get(reverse(f"inspections:{name}"), follow=True).status_code == 200
    response = client.post(
        reverse("inspections:plan_new"),
        {
            "activity": county.activity.pk,
            "title": "芙蓉区机动车检验机构抽查",
            "fields": [Field.VEHICLE],
            "target_count": "3",
            "inspectors_per_entity": "2",
            "starts_on": "2023-06-01",
            "ends_on": "2023-10-31",
            "avoid_own_region": "on",
            "publish_within_days": "20",
        },
    )
    plan = SamplingPlan.objects.get(title="芙蓉区机动车检验机构抽查")
    detail = reverse("inspections:plan_detail", args=[plan.pk])
    assert response.url == detail
    assert client.get(reverse("inspections:plan_edit", args=[plan.pk])).status_code == 200
    client.post(reverse("inspections:plan_draw", args=[plan.pk]))
    assert plan.targets.count() == 3
    page = client.get(detail).content.decode()
    assert plan.draws.get().seed in page

    for target in plan.targets.all():
        result = reverse("inspections:target_result", args=[target.pk])
        assert client.get(result).status_code == 200
        response = client.post(
            result,
            {
                "inspected_on": "2023-09-05",
                "outcome": InspectionTarget.Outcome.NO_PROBLEM,
                "findings": "未发现问题",
                "file": SimpleUploadedFile("现场.png", png_bytes(), content_type="image/png"),
            },
        )
        assert response.status_code == 302
    photo = InspectionFile.objects.first()
    assert photo.kind == InspectionFile.Kind.PHOTO and InspectionFile.objects.count() == 3
    assert client.get(reverse("inspections:file_download", args=[photo.pk])).status_code == 200

    client.post(
        reverse("inspections:plan_conclude", args=[plan.pk]), {"concluded_on": "2023-09-08"}
    )
    client.post(reverse("inspections:plan_publish", args=[plan.pk]))
    plan.refresh_from_db()
    assert plan.status == SamplingPlan.Status.PUBLISHED
    assert client.get(reverse("inspections:public_plan", args=[plan.pk])).status_code == 200
    city = county.world.unit("长沙市")
    assert (
        client_for(county.world.users["viewer"])
        .get(reverse("inspections:supervision", args=[city.pk]))
        .status_code
        == 200
    )


def test_a_file_whose_name_lies_is_refused_and_the_result_kept_unsaved(county, client_for):
    plan = county.plan()
    services.plan_draw(actor=county.editor, plan=plan)
    target = plan.targets.first()
    client = client_for(county.editor)
    response = client.post(
        reverse("inspections:target_result", args=[target.pk]),
        {
            "inspected_on": "2023-09-05",
            "outcome": InspectionTarget.Outcome.NO_PROBLEM,
            "file": SimpleUploadedFile("记录.pdf", png_bytes()),
        },
    )
    assert response.status_code == 200
    assert MSG_FILE_MISMATCH % {"name": "记录.pdf", "actual": "PNG", "ext": "pdf"} in (
        response.content.decode()
    )
    target.refresh_from_db()
    assert target.outcome == "" and not target.files.exists()


def test_outsiders_get_404_and_viewers_cannot_write(county, client_for):
    plan = county.plan()
    services.plan_draw(actor=county.editor, plan=plan)
    target = plan.targets.first()
    outsider = client_for(make_user("zhuzhou_editor", county.world.unit("株洲市"), "editor"))
    for url in (
        reverse("inspections:plan_detail", args=[plan.pk]),
        reverse("inspections:target_result", args=[target.pk]),
    ):
        assert outsider.get(url).status_code == 404
    viewer = client_for(county.world.users["viewer"])
    assert (
        viewer.post(reverse("inspections:plan_draw", args=[plan.pk]), {"reason": "x"}).status_code
        == 403
    )
    response = viewer.post(
        reverse("inspections:target_result", args=[target.pk]),
        {"inspected_on": "2023-09-05", "outcome": InspectionTarget.Outcome.CASE},
    )
    assert response.status_code == 403
    assert plan.draws.count() == 1
    target.refresh_from_db()
    assert target.outcome == ""
    assert viewer.get(reverse("inspections:inspector_new")).status_code == 403


def test_saving_the_plan_form_unchanged_changes_nothing(county, client_for):
    from auditlog.models import LogEntry

    plan = county.plan(joint_departments="芙蓉区生态环境分局")
    client = client_for(county.editor)
    before = LogEntry.objects.count()
    form = client.get(reverse("inspections:plan_edit", args=[plan.pk])).context["form"]
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if field.disabled:
            continue
        if isinstance(value, list):
            data[name] = [getattr(v, "pk", v) for v in value]
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        elif isinstance(value, datetime.date):
            data[name] = value.isoformat()
        elif value is not None:
            data[name] = value
    response = client.post(reverse("inspections:plan_edit", args=[plan.pk]), data)
    assert response.status_code == 302
    assert LogEntry.objects.count() == before


def test_the_admin_lists_render_and_draws_stay_read_only(county, client_for):
    plan = county.plan()
    record = services.plan_draw(actor=county.editor, plan=plan)
    superuser = make_user("root", is_superuser=True, is_staff=True)
    admin = client_for(superuser)
    for model in ("inspector", "samplingplan", "draw", "inspectiontarget"):
        assert admin.get(reverse(f"admin:inspections_{model}_changelist")).status_code == 200
    assert admin.get(reverse("admin:entities_marketentity_changelist")).status_code == 200
    response = admin.post(reverse("admin:inspections_draw_change", args=[record.pk]), {})
    assert response.status_code == 403
