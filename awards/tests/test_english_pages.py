"""The awards' pages in English show no Chinese of their own (names typed by users stay as
typed): core/tests/test_english_pages.py's rule, on these pages."""

import datetime

from django.urls import reverse
from django.utils import timezone

from awards import services
from awards.tests.factories import CODES, apply, hunan_admin, open_round
from core.testing.english import leaks_by_page
from core.testing.world import make_user
from orgs.scoping import Role


def test_award_pages_in_english_show_no_chinese_labels(
    world, client_for, client, django_capture_on_commit_callbacks
):
    admin = hunan_admin(world)
    capture = django_capture_on_commit_callbacks
    award = open_round(world, admin)
    draft = services.round_create(
        actor=admin, unit=world.unit("湖南省"), name="Draft", edition=9, deadline=award.deadline
    )
    accepted = services.application_screen(
        actor=admin, application=apply(award, capture), accept=True
    )
    returned = services.application_screen(
        actor=admin,
        application=apply(award, capture, code=CODES[1], name="Other Co"),
        accept=False,
        reason="Missing report",
    )
    expert_user = make_user("expert_en", world.unit("长沙市"), Role.VIEWER)
    expert = services.expert_add(actor=admin, award=award, user=expert_user)
    declared = services.assignment_create(actor=admin, application=accepted, expert=expert)
    services.conflict_declare(actor=expert_user, assignment=declared, conflict=False)
    services.shortlist_set(actor=admin, award=award, applications=[accepted])
    staff = [
        reverse("awards:index"),
        reverse("awards:round_new", args=[world.unit("湖南省").pk]),
        reverse("awards:round_edit", args=[draft.pk]),
        reverse("awards:round_detail", args=[draft.pk]),
        reverse("awards:round_detail", args=[award.pk]),
        reverse("awards:application_detail", args=[accepted.pk]),
        reverse("awards:application_detail", args=[returned.pk]),
    ]
    assert leaks_by_page(client_for(admin), staff) == {}
    expert_pages = [reverse("awards:my_reviews"), reverse("awards:review", args=[declared.pk])]
    assert leaks_by_page(client_for(expert_user), expert_pages) == {}
    client.logout()
    public = [
        reverse("awards:public_list"),
        reverse("awards:public_round", args=[award.pk]),
        reverse("awards:public_apply", args=[award.pk]),
    ]
    assert leaks_by_page(client, public) == {}
    services.shortlist_publish(
        actor=admin, award=award, today=timezone.localdate() - datetime.timedelta(days=1)
    )
    assert leaks_by_page(client, [reverse("awards:public_round", args=[award.pk])]) == {}
