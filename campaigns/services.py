import datetime
import json
from pathlib import Path

from auditlog.context import set_actor
from django.db import transaction

from campaigns.models import Campaign, Slogan
from orgs.services import national_unit_get_or_create

NATIONAL_CAMPAIGNS_FILE = Path(__file__).resolve().parent / "fixtures" / "national_campaigns.json"


@transaction.atomic
def national_campaigns_load(*, actor=None, path: Path = NATIONAL_CAMPAIGNS_FILE) -> list[Campaign]:
    """Create (or bring up to date) the national campaigns and slogan lists from `path`."""
    data = json.loads(path.read_text(encoding="utf-8"))
    nation = national_unit_get_or_create()
    campaigns = []
    with set_actor(actor):
        for item in data["campaigns"]:
            campaign, _ = Campaign.objects.update_or_create(
                year=item["year"],
                defaults={
                    "theme": item["theme"],
                    "starts_on": datetime.date.fromisoformat(item["starts_on"]),
                    "ends_on": datetime.date.fromisoformat(item["ends_on"]),
                },
            )
            for position, text in enumerate(item["slogans"], start=1):
                Slogan.objects.update_or_create(
                    campaign=campaign, unit=nation, text=text, defaults={"position": position}
                )
            campaigns.append(campaign)
    return campaigns
