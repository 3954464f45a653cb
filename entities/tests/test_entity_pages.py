"""The directory pages: saving an entity unchanged changes nothing (no history entry either),
a wrong or taken code is refused with its message, others' entities are out of reach."""

from auditlog.models import LogEntry
from django.urls import reverse

from core.testing.world import make_user
from entities import services
from entities.credit_code import with_check
from entities.models import MSG_CODE_CHECK, Field, MarketEntity

CODE = with_check("91430102MA0000001")


def _entity(world) -> MarketEntity:
    return services.entity_create(
        actor=world.users["editor"],
        region=world.unit("芙蓉区"),
        name="长沙市机动车检测有限公司",
        credit_code=CODE,
        field=Field.VEHICLE,
        address="芙蓉中路 1 号",
    )


def _form_data(response) -> dict:
    form = response.context["form"]
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is not None:
            data[name] = getattr(value, "pk", value)
    return data


def test_saving_unchanged_changes_nothing(world, client_for):
    entity = _entity(world)
    client = client_for(world.users["editor"])
    url = reverse("entities:edit", args=[entity.pk])
    before = (LogEntry.objects.count(), MarketEntity.objects.get().updated_at)
    response = client.post(url, _form_data(client.get(url)))
    assert response.status_code == 302
    assert (LogEntry.objects.count(), MarketEntity.objects.get().updated_at) == before


def test_a_change_is_saved_and_recorded(world, client_for):
    entity = _entity(world)
    client = client_for(world.users["editor"])
    url = reverse("entities:edit", args=[entity.pk])
    data = _form_data(client.get(url)) | {"address": "芙蓉中路 2 号"}
    assert client.post(url, data).status_code == 302
    entity.refresh_from_db()
    assert entity.address == "芙蓉中路 2 号"
    assert LogEntry.objects.get_for_object(entity).first().changes["address"] == [
        "芙蓉中路 1 号",
        "芙蓉中路 2 号",
    ]


def test_a_wrong_or_taken_code_is_refused_and_nothing_is_created(world, client_for):
    _entity(world)
    client = client_for(world.users["editor"])
    data = {
        "name": "另一家检测公司",
        "credit_code": CODE[:-1] + ("0" if CODE[-1] != "0" else "1"),
        "region": world.unit("天心区").pk,
        "field": Field.ECOLOGY,
        "status": MarketEntity.Status.OPERATING,
    }
    response = client.post(reverse("entities:new"), data)
    assert MSG_CODE_CHECK in response.content.decode()
    response = client.post(reverse("entities:new"), data | {"credit_code": CODE.lower()})
    assert services.MSG_CODE_TAKEN % {"name": "长沙市机动车检测有限公司"} in (
        response.content.decode()
    )
    assert MarketEntity.objects.count() == 1


def test_others_entities_are_out_of_reach(world, client_for):
    entity = _entity(world)
    outsider = client_for(make_user("zhuzhou_editor", world.unit("株洲市"), "editor"))
    assert outsider.get(reverse("entities:edit", args=[entity.pk])).status_code == 404
    assert entity.name not in outsider.get(reverse("entities:list")).content.decode()
    viewer = client_for(world.users["viewer"])
    assert viewer.get(reverse("entities:edit", args=[entity.pk])).status_code == 403
    assert entity.name in viewer.get(reverse("entities:list")).content.decode()
