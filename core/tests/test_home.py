import pytest
from django.urls import reverse

from campaigns.services import national_campaigns_load


@pytest.fixture
def campaigns(db):
    return national_campaigns_load()


def test_home_shows_current_theme_and_slogans_in_chinese(client, campaigns):
    response = client.get(reverse("core:home"))
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="zh-hans">' in html
    assert "增强质量意识 推进高质量发展" in html
    assert "大力增强质量意识 加快建设质量强国" in html
    assert "弘扬工匠精神 推动品质革命" in html
    # Dates as a clerk writes them.
    assert "2023年9月1日" in html
    # Past years stay visible.
    assert "推动质量变革创新 促进质量强国建设" in html


def test_home_without_any_campaign_says_so(client, db):
    response = client.get(reverse("core:home"))
    assert "尚未设立本年度质量月活动" in response.content.decode()


def test_english_is_available(client, campaigns):
    response = client.get(reverse("core:home"), HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "Quality Month" in html
    # Content stays as issued.
    assert "增强质量意识 推进高质量发展" in html


def test_loading_campaigns_twice_keeps_one_list(campaigns):
    again = national_campaigns_load()
    assert [c.pk for c in again] == [c.pk for c in campaigns]
    assert campaigns[0].national_slogans().count() == 9


def test_health_and_readiness(client, db):
    assert client.get(reverse("core:healthz")).json() == {"status": "ok"}
    assert client.get(reverse("core:readyz")).json() == {"status": "ok"}
