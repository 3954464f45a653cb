"""Confirming an import writes the other apps' tables through their services: the
requirement, contacts, attachments and new departments are each recorded with the clerk."""

from pathlib import Path

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType

from campaigns.models import Contact, NoticeAttachment
from core.testing.world import make_user
from imports.services import notice_import_confirm, notice_import_create
from orgs.models import Department
from reports.models import ReportRequirement

HUNAN_PLAN = Path(__file__).resolve().parent / "fixtures" / "2023-hunan-province-plan.txt"


@pytest.fixture
def confirmed(world):
    hunan = world.unit("湖南省")
    clerk = make_user("hunan_editor", hunan, "editor")
    notice_import = notice_import_create(
        actor=clerk, unit=hunan, text=HUNAN_PLAN.read_text(encoding="utf-8")
    )
    notice = notice_import_confirm(
        actor=clerk, notice_import=notice_import, new_departments=["产品监督处"]
    )
    return clerk, notice


def _creators(model, rows) -> set:
    return set(
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(model),
            object_pk__in=[str(row.pk) for row in rows],
            action=LogEntry.Action.CREATE,
        ).values_list("actor__username", flat=True)
    )


def test_each_row_the_import_creates_in_another_app_is_recorded_with_the_clerk(confirmed):
    clerk, notice = confirmed
    rows = {
        ReportRequirement: [notice.report_requirement],
        Contact: list(notice.contacts.all()),
        NoticeAttachment: list(notice.attachments.all()),
        Department: list(Department.objects.filter(unit=notice.unit, name="产品监督处")),
    }
    for model, created in rows.items():
        assert created, model
        assert _creators(model, created) == {clerk.username}, model
        entries = LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(model),
            object_pk__in=[str(row.pk) for row in created],
            action=LogEntry.Action.CREATE,
        )
        assert entries.count() == len(created), model
