"""The registration list export: whatever a visitor typed as a name stays text."""

from django.urls import reverse

from core.testing.xlsx import FORMULA_LIKE, sheet_cells, text_cells_holding
from public.services import registration_create
from public.tests.factories import public_activity


def test_a_visitors_name_that_looks_like_a_formula_is_exported_as_text(world, client_for):
    activity = public_activity(actor=world.users["editor"], unit=world.unit("芙蓉区"), capacity=10)
    for i, name in enumerate(FORMULA_LIKE):
        registration_create(event=activity.public_event, name=name, phone=f"1381234{i:04d}")
    response = client_for(world.users["editor"]).get(
        reverse("public:staff_export", args=[activity.public_event.pk])
    )
    assert response.status_code == 200
    cells = text_cells_holding(sheet_cells(response), FORMULA_LIKE)
    assert {name: cell.data_type for name, cell in cells.items()} == dict.fromkeys(
        FORMULA_LIKE, "s"
    )


def test_a_name_with_a_control_character_does_not_break_the_export(world, client_for):
    activity = public_activity(actor=world.users["editor"], unit=world.unit("芙蓉区"), capacity=10)
    registration_create(event=activity.public_event, name="张\x01三", phone="13812340000")
    response = client_for(world.users["editor"]).get(
        reverse("public:staff_export", args=[activity.public_event.pk])
    )
    assert response.status_code == 200
    assert sheet_cells(response)[1][0].value == "张三"
