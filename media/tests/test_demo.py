from core.testing.world import make_user
from media.demo import ITEMS, demo_media_load
from media.models import MediaItem
from media.tests.factories import campaign_2023
from orgs.scoping import Role


def test_demo_loads_the_2023_posters_once(world):
    campaign_2023()
    make_user("nation_admin", world.unit("全国"), Role.ADMIN)
    make_user("hunan_admin", world.unit("湖南省"), Role.ADMIN)
    assert len(demo_media_load()) == len(ITEMS)
    assert demo_media_load() == []
    assert set(MediaItem.objects.values_list("content_type", flat=True)) == {
        "image/png",
        "application/pdf",
    }
