"""The localised poster: the unit's name and slogans on the national design."""

import io

import pdfplumber
from django.urls import reverse
from PIL import Image

from campaigns.services import slogans_set
from media.posters import PNG_SIZE
from media.tests.factories import campaign_2023


def test_the_poster_pdf_carries_the_unit_name_and_its_slogans(client_for, world):
    campaign = campaign_2023()
    changsha = world.unit("长沙市")
    slogans_set(
        actor=world.users["editor"],
        campaign=campaign,
        unit=changsha,
        lines=[("建设质量强市 长沙在行动", None), ("弘扬工匠精神 推动品质革命", None)],
    )
    client = client_for(world.users["viewer"])
    response = client.get(reverse("media:poster_pdf", args=[changsha.pk, campaign.year]))
    assert response["Content-Type"] == "application/pdf"
    with pdfplumber.open(io.BytesIO(response.content)) as pdf:
        text = pdf.pages[0].extract_text()
    assert changsha.display_name in text
    assert "建设质量强市 长沙在行动" in text
    assert "弘扬工匠精神 推动品质革命" in text
    assert campaign.theme in text


def test_a_unit_without_its_own_slogans_gets_the_national_ones(client_for, world):
    campaign = campaign_2023()
    client = client_for(world.users["viewer"])
    response = client.get(reverse("media:poster_pdf", args=[world.unit("长沙市").pk, 2023]))
    with pdfplumber.open(io.BytesIO(response.content)) as pdf:
        text = pdf.pages[0].extract_text()
    first = campaign.national_slogans().first().text
    assert first in text


def test_the_poster_png_is_a_real_png_of_the_documented_size(client_for, world):
    campaign_2023()
    client = client_for(world.users["viewer"])
    response = client.get(reverse("media:poster_png", args=[world.unit("长沙市").pk, 2023]))
    assert response["Content-Type"] == "image/png"
    with Image.open(io.BytesIO(response.content)) as image:
        assert image.format == "PNG"
        assert image.size == PNG_SIZE
        # Not a blank page: the red band and the dark slogans are drawn.
        assert len(image.getcolors(maxcolors=1_000_000)) > 10


def test_a_unit_outside_the_users_scope_gets_no_poster(client_for, world):
    campaign_2023()
    client = client_for(world.users["viewer"])
    response = client.get(reverse("media:poster_pdf", args=[world.unit("福建省").pk, 2023]))
    assert response.status_code in (403, 404)
