from django.urls import reverse

from core.testing.english import leaks_by_page
from media.tests.factories import poster_item


def test_the_library_pages_in_english_show_no_chinese_labels(client_for, client, world):
    item = poster_item(actor=world.users["editor"], unit=world.unit("长沙市"))
    public = [reverse("media:item_list"), reverse("media:item_detail", args=[item.pk])]
    assert leaks_by_page(client, public) == {}
    staff = [
        reverse("media:manage"),
        reverse("media:item_new"),
        reverse("media:manage_item", args=[item.pk]),
    ]
    assert leaks_by_page(client_for(world.users["editor"]), staff) == {}
