"""`manage.py load_demo`: the seed notices imported through the clerk's import path, issued
down the hierarchy, and nothing imported twice."""

import pytest
from django.core.management import call_command

from campaigns.models import Delivery, Notice
from imports.models import NoticeImport
from orgs.models import OrgUnit

pytestmark = pytest.mark.django_db


def test_load_demo_twice_imports_the_seed_chain_once(capsys):
    call_command("load_demo")
    counts = (Notice.objects.count(), NoticeImport.objects.count(), Delivery.objects.count())
    call_command("load_demo")
    assert (
        Notice.objects.count(),
        NoticeImport.objects.count(),
        Delivery.objects.count(),
    ) == counts
    assert counts[0] == 5

    national = Notice.objects.get(unit__kind=OrgUnit.Kind.NATIONAL)
    hunan = Notice.objects.get(doc_number="湘市监办发〔2023〕57号")
    yongan = Notice.objects.get(doc_number="永市监质〔2023〕35号")
    assert national.doc_number == "国市监质发〔2023〕73号"
    assert list(hunan.basis.all()) == [national]
    assert yongan.basis_text == ["闽质强省办〔2023〕7号", "明强市办〔2023〕8号"]
    assert yongan.activities.count() == 18
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
