from django.urls import reverse

from notifications.models import Notification
from notifications.services import notify


def test_opening_a_message_marks_it_read_and_follows_its_link(world, client_for):
    changsha = world.unit("长沙市")
    note = notify(units=[changsha], kind="test", title="请报送", link="/reports/")[0]
    response = client_for(world.users["viewer"]).post(reverse("notifications:open", args=[note.pk]))
    assert response.status_code == 302 and response.url == "/reports/"
    note.refresh_from_db()
    assert note.read_at is not None


def test_a_unit_outside_ones_memberships_keeps_its_messages_private(world, client_for):
    note = notify(units=[world.unit("株洲市")], kind="test", title="株洲的消息")[0]
    client = client_for(world.users["editor"])
    assert "株洲的消息" not in client.get(reverse("notifications:inbox")).content.decode()
    assert client.post(reverse("notifications:open", args=[note.pk])).status_code == 404
    assert Notification.objects.get(pk=note.pk).read_at is None


def test_an_external_link_is_never_followed(world, client_for):
    note = notify(
        units=[world.unit("长沙市")], kind="test", title="x", link="https://evil.example/"
    )[0]
    response = client_for(world.users["viewer"]).post(reverse("notifications:open", args=[note.pk]))
    assert response.url == reverse("notifications:inbox")
