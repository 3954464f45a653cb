"""Demo data of the media library: the 2023 posters, generated from the national design (the
platform's own poster generator) and uploaded through the same service as a clerk's upload —
the national poster as PNG by the nation, Hunan's localised one as a print PDF by Hunan.

Call `demo_media_load()` after the demo tree, the users (`nation_admin`, `hunan_admin`) and
the national campaigns exist. Idempotent: an item already there (same unit, year and title)
is left alone.
"""

import io

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from campaigns.models import Campaign
from media import posters, selectors
from media.models import MediaItem
from media.services import media_item_create
from orgs.models import OrgUnit

YEAR = 2023
# (uploading user, unit code or None for the nation, title, kind, format, print size)
ITEMS = [
    (
        "nation_admin",
        None,
        "2023年全国“质量月”主题海报",
        MediaItem.Kind.POSTER,
        "png",
        "A3（297×420毫米）",
    ),
    (
        "hunan_admin",
        "430000",
        "2023年湖南省“质量月”活动海报",
        MediaItem.Kind.POSTER,
        "pdf",
        "A3（297×420毫米）",
    ),
]


@transaction.atomic
def demo_media_load() -> list[MediaItem]:
    campaign = Campaign.objects.filter(year=YEAR).first()
    if campaign is None:
        return []
    users = get_user_model().objects
    created = []
    for username, code, title, kind, fmt, print_size in ITEMS:
        actor = users.filter(username=username).first()
        unit = (
            OrgUnit.objects.filter(code=code).first()
            if code
            else OrgUnit.objects.filter(kind=OrgUnit.Kind.NATIONAL).first()
        )
        if actor is None or unit is None:
            continue
        if MediaItem.objects.filter(campaign=campaign, unit=unit, title=title).exists():
            continue
        poster = posters.Poster(
            year=campaign.year,
            theme=campaign.theme,
            slogans=selectors.poster_slogans(campaign, unit),
            unit_name=unit.display_name,
        )
        out = io.BytesIO()
        (posters.poster_pdf if fmt == "pdf" else posters.poster_png)(poster, out)
        upload = SimpleUploadedFile(f"{title}.{fmt}", out.getvalue())
        created.append(
            media_item_create(
                actor=actor,
                campaign=campaign,
                unit=unit,
                upload=upload,
                kind=kind,
                title=title,
                print_size=print_size,
            )
        )
    return created
