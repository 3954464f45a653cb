"""Every change to domain data is recorded (README, "Organization tree and permissions"): each
model of the platform's apps is audited or exempted, with its reason, in the one list in
core/audit.py, and the models that were missing record their changes now."""

from pathlib import Path

from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.apps import apps
from django.conf import settings

from campaigns import services
from campaigns.models import Contact, Delivery, Notice
from core.audit import AUDITED, NOT_AUDITED


def _project_models() -> set[str]:
    base = Path(settings.BASE_DIR).resolve()
    return {
        model._meta.label
        for config in apps.get_app_configs()
        if Path(config.path).resolve().is_relative_to(base)
        and ".venv" not in Path(config.path).parts
        for model in config.get_models()
    }


def test_every_model_of_the_platform_is_audited_or_exempted_with_a_reason():
    models = _project_models()
    assert "campaigns.Notice" in models  # the walk does find the platform's apps
    neither = sorted(models - set(AUDITED) - set(NOT_AUDITED))
    assert not neither, f"neither audited nor exempted (core/audit.py): {neither}"
    assert not set(AUDITED) & set(NOT_AUDITED)
    assert all(len(reason) >= 10 for reason in NOT_AUDITED.values())
    # No stale names: every entry is a model that exists.
    for label in [*AUDITED, *NOT_AUDITED]:
        apps.get_model(label)


def test_every_listed_model_is_registered_with_auditlog_and_only_from_the_list():
    for label in AUDITED:
        assert auditlog.contains(apps.get_model(label)), label
    for label in NOT_AUDITED:
        assert not auditlog.contains(apps.get_model(label)), label


def test_the_models_once_missing_are_audited():
    for label in (
        "campaigns.Notice",
        "campaigns.Contact",
        "campaigns.NoticeAttachment",
        "campaigns.Delivery",
        "reports.StatisticValue",
        "reports.ReportEvent",
    ):
        assert auditlog.contains(apps.get_model(label)), label


def test_a_draft_notice_and_its_contacts_are_recorded_with_their_author(world):
    editor = world.users["editor"]
    campaign = services.national_campaigns_load()[0]
    notice = services.notice_draft_save(
        actor=editor,
        campaign=campaign,
        unit=world.unit("长沙市"),
        title="长沙市2023年“质量月”活动方案",
        recipient_units=[world.unit("芙蓉区")],
        contacts=[{"name": "王明", "phone": "0731-88888888"}],
    )
    created = LogEntry.objects.get_for_object(notice).get(action=LogEntry.Action.CREATE)
    assert created.actor == editor
    assert created.changes_dict["title"][1] == "长沙市2023年“质量月”活动方案"
    contact = Contact.objects.get(notice=notice)
    assert LogEntry.objects.get_for_object(contact).get().actor == editor
    # Replacing the contacts records the removal too.
    services.notice_draft_save(actor=editor, notice=notice, version=notice.version, contacts=[])
    assert (
        LogEntry.objects.get_for_object(contact)
        .filter(action=LogEntry.Action.DELETE, actor=editor)
        .exists()
    )
    services.notice_issue(actor=editor, notice=Notice.objects.get(pk=notice.pk))
    issued = LogEntry.objects.get_for_object(notice).latest("pk")
    assert issued.changes_dict["status"] == ["draft", "issued"]


def test_issuing_records_each_delivery_and_expected_report_with_the_issuer(world):
    from reports.models import ExpectedReport
    from reports.services.requirements import requirement_save

    editor = world.users["editor"]
    notice = services.notice_create(
        actor=editor,
        campaign=services.national_campaigns_load()[0],
        unit=world.unit("长沙市"),
        title="长沙市2023年“质量月”活动方案",
        recipient_units=[world.unit("芙蓉区"), world.unit("天心区")],
    )
    requirement_save(actor=editor, notice=notice, due_date=None, materials=["工作总结"], levels=[])
    services.notice_issue(actor=editor, notice=notice)
    for delivery in Delivery.objects.filter(notice=notice):
        (entry,) = LogEntry.objects.get_for_object(delivery)
        assert entry.action == LogEntry.Action.CREATE
        assert entry.actor == editor
        assert entry.changes_dict["recipient"] == ["None", str(delivery.recipient_id)]
    # Written in bulk too (the expected set, filled at issue).
    expected = ExpectedReport.objects.filter(requirement__notice=notice)
    assert expected.count() == 2
    for row in expected:
        (entry,) = LogEntry.objects.get_for_object(row)
        assert entry.action == LogEntry.Action.CREATE and entry.actor == editor


def test_rows_written_in_bulk_are_recorded_too(world):
    from activities.models import ActivityParticipant
    from activities.services import activity_create

    editor = world.users["editor"]
    notice = services.notice_create(
        actor=editor,
        campaign=services.national_campaigns_load()[0],
        unit=world.unit("长沙市"),
        title="长沙市2023年“质量月”活动方案",
    )
    activity = activity_create(
        actor=editor, notice=notice, title="质量开放日", leads=["芙蓉区"], supports=["天心区"]
    )
    participants = ActivityParticipant.objects.filter(activity=activity)
    assert participants.count() == 2
    for participant in participants:
        (entry,) = LogEntry.objects.get_for_object(participant)
        assert entry.action == LogEntry.Action.CREATE and entry.actor == editor
