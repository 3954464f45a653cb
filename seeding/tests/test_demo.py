"""`manage.py load_demo`: the seed notices imported through the clerk's import path, issued
down the hierarchy, and nothing imported twice."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from campaigns.models import Delivery, Notice
from imports.models import NoticeImport
from orgs.models import OrgUnit
from reports import selectors
from reports.models import Colour, ExpectedReport, Report, ReportRequirement, StatisticValue

pytestmark = pytest.mark.django_db


def test_load_demo_twice_imports_the_seed_chain_once(demo, capsys):
    # The module's demo is the first load (the command's own loader); the command runs again.
    counts = (Notice.objects.count(), NoticeImport.objects.count(), Delivery.objects.count())
    reports = Report.objects.count()
    call_command("load_demo")
    assert (
        Notice.objects.count(),
        NoticeImport.objects.count(),
        Delivery.objects.count(),
    ) == counts
    assert Report.objects.count() == reports
    assert counts[0] == 5

    national = Notice.objects.get(unit__kind=OrgUnit.Kind.NATIONAL)
    hunan = Notice.objects.get(doc_number="湘市监办发〔2023〕57号")
    yongan = Notice.objects.get(doc_number="永市监质〔2023〕35号")
    assert national.doc_number == "国市监质发〔2023〕73号"
    assert list(hunan.basis.all()) == [national]
    assert yongan.basis_text == ["闽质强省办〔2023〕7号", "明强市办〔2023〕8号"]
    # The twelve rows of its 附件2 schedule, not its six prose items besides.
    assert yongan.activities.count() == 12
    assert all(n.status == Notice.Status.ISSUED for n in Notice.objects.all())
    # Each was imported by a confirmed import, not written by hand.
    assert set(NoticeImport.objects.values_list("status", flat=True)) == {"imported"}

    # The cascade: the nation's notice reached every province, Hunan's plan its cities.
    assert national.deliveries.count() == OrgUnit.objects.filter(kind="province").count()
    assert hunan.deliveries.filter(recipient__name="长沙市").exists()
    assert yongan.deliveries.filter(recipient__kind=OrgUnit.Kind.STATION).count() == 15

    # Departments are matched through their aliases (质量局 → 质量发展局).
    launch = hunan.activities.get(position=1)
    assert launch.leads()[0].department.name == "质量发展局"
    # The office issues Hainan's notice; Hubei's is the office's own.
    hainan = Notice.objects.get(doc_number="琼质强省办〔2022〕8号")
    assert hainan.unit.code == "460000"
    hubei = Notice.objects.get(doc_number="鄂质强办函〔2020〕3号")
    assert hubei.unit.kind == OrgUnit.Kind.OFFICE
    assert hubei.deliveries.filter(recipient__name="武汉市").exists()
    # The 2023 national slogans still come from the campaign fixture.
    assert national.campaign.national_slogans().count() > 0
    assert "演示数据已就绪" in capsys.readouterr().out


def outcomes(requirement: ReportRequirement) -> dict[str, int]:
    expected = ExpectedReport.objects.filter(requirement=requirement).select_related("report")
    counted = {"submitted": 0, "late": 0, "returned": 0, "missing": 0, "accepted": 0}
    for row in expected:
        report = getattr(row, "report", None)
        if report is None:
            counted["missing"] += 1
            continue
        if report.status == Report.Status.RETURNED:
            counted["returned"] += 1
        elif report.status in (Report.Status.SUBMITTED, Report.Status.ACCEPTED):
            counted["late" if report.is_late else "submitted"] += 1
            counted["accepted"] += report.status == Report.Status.ACCEPTED
    return counted


def test_the_demo_shows_a_reporting_round_in_colour_across_hunan_and_fujian(demo):
    today = timezone.localdate()
    hunan = ReportRequirement.objects.get(notice__doc_number="湘市监办发〔2023〕57号")
    yongan = ReportRequirement.objects.get(notice__doc_number="永市监质〔2023〕35号")
    for requirement in (hunan, yongan):
        counted = outcomes(requirement)
        assert all(counted[k] > 0 for k in ("submitted", "late", "returned", "missing")), counted
        assert counted["accepted"] >= 1
        unit = requirement.notice.unit
        colours = selectors.colour_counts(unit, requirement=requirement, today=today)
        assert colours[Colour.DONE] > 0 and colours[Colour.RED] > 0
        # On time before the due date, late after it: dated as the round went.
        for report in Report.objects.filter(expected__requirement=requirement):
            assert report.is_late == (report.submitted_at.date() > requirement.due_date)
    assert StatisticValue.objects.filter(report__expected__requirement=hunan, number__gt=0).exists()
    # The national map: Hunan and Fujian reported, most provinces have not.
    national = ReportRequirement.objects.get(notice__unit__kind=OrgUnit.Kind.NATIONAL)
    by_child = {
        row.unit.code: row
        for row in selectors.completeness_by_child(
            OrgUnit.objects.get(kind=OrgUnit.Kind.NATIONAL), requirement=national, today=today
        )
    }
    assert by_child["430000"].received == 1 and by_child["350000"].received == 1
    assert sum(1 for row in by_child.values() if row.overdue) > 20


def test_every_demo_document_is_dated_from_its_own_text_not_the_day_it_was_loaded(demo):
    dates = dict(Notice.objects.values_list("doc_number", "issue_date"))
    assert dates["国市监质发〔2023〕73号"] == datetime.date(2023, 8, 31)
    assert dates["永市监质〔2023〕35号"] == datetime.date(2023, 9, 13)
    assert dates["琼质强省办〔2022〕8号"] == datetime.date(2022, 8, 30)
    assert dates["湘市监办发〔2023〕57号"] == datetime.date(2023, 8, 31)
    assert dates["鄂质强办函〔2020〕3号"] == datetime.date(2020, 8, 31)
    for notice in Notice.objects.all():
        assert notice.issued_at.date() == notice.issue_date
        assert {d.delivered_at.date() for d in notice.deliveries.all()} == {notice.issue_date}
