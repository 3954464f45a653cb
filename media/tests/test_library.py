"""Browsing the media library: the public sees every item; a unit sees its own and its
superiors' items, not a sibling's."""

from django.urls import reverse

from core.testing.world import make_user
from media.tests.factories import png_bytes, poster_item


def test_visitor_browses_and_downloads_a_poster(client, world):
    item = poster_item(actor=world.users["national_admin"], unit=world.unit("湖南省"))
    html = client.get(reverse("media:item_list")).content.decode()
    assert "2023年质量月主题海报" in html
    detail = client.get(reverse("media:item_detail", args=[item.pk])).content.decode()
    assert "A2（420×594毫米）" in detail
    assert item.licence in detail
    response = client.get(reverse("media:item_file", args=[item.pk]))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == png_bytes()


def test_visitor_filters_by_year_and_kind(client, world):
    poster_item(actor=world.users["national_admin"], unit=world.unit("湖南省"))
    url = reverse("media:item_list")
    assert "2023年质量月主题海报" not in client.get(url, {"year": 2022}).content.decode()
    assert "2023年质量月主题海报" not in client.get(url, {"kind": "video"}).content.decode()
    assert (
        "2023年质量月主题海报" in client.get(url, {"year": 2023, "kind": "poster"}).content.decode()
    )


def test_a_subordinate_unit_sees_the_superiors_media_but_not_a_siblings(client_for, world):
    poster_item(actor=world.users["national_admin"], unit=world.unit("湖南省"), title="湖南省海报")
    zhuzhou = make_user("zhuzhou_editor", world.unit("株洲市"), "editor")
    poster_item(actor=zhuzhou, unit=world.unit("株洲市"), title="株洲市海报")
    html = client_for(world.users["viewer"]).get(reverse("media:manage")).content.decode()
    assert "湖南省海报" in html
    assert "株洲市海报" not in html


def test_the_staff_library_needs_a_login(client, world):
    response = client.get(reverse("media:manage"))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_a_subordinate_is_offered_to_change_its_own_media_not_the_superiors(client_for, world):
    superior = poster_item(
        actor=world.users["national_admin"], unit=world.unit("湖南省"), title="湖南省海报"
    )
    zhuzhou = make_user("zhuzhou_editor", world.unit("株洲市"), "editor")
    own = poster_item(actor=zhuzhou, unit=world.unit("株洲市"), title="株洲市海报")
    html = client_for(zhuzhou).get(reverse("media:manage")).content.decode()
    assert "湖南省海报" in html
    assert reverse("media:manage_item", args=[own.pk]) in html
    assert reverse("media:manage_item", args=[superior.pk]) not in html
