"""The awards' demo: one Hunan round in its 公示 with ranked applicants, loaded once."""

import pytest

from awards import selectors
from awards.demo import ROUND_NAME, SHORTLIST, demo_awards_load
from awards.models import AwardRound
from core.testing.world import make_user
from orgs.scoping import Role

pytestmark = pytest.mark.django_db


def test_the_demo_round_is_in_its_publicity_with_a_ranked_shortlist(world):
    make_user("hunan_admin", world.unit("湖南省"), Role.ADMIN)
    assert demo_awards_load(password="demo-pass-123") == {
        "award_rounds": 1,
        "award_applications": 4,
    }
    award = AwardRound.objects.get(name=ROUND_NAME)
    assert award.in_publicity()
    rows = selectors.ranking(award)
    assert [r.rank for r in rows] == [1, 2, 3, 4]
    assert [r.application.shortlisted for r in rows] == [True] * SHORTLIST + [False]
    assert demo_awards_load(password="demo-pass-123")["award_rounds"] == 0
