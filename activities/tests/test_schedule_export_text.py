"""The schedule export keeps the one export rule: typed text stays text."""

from django.urls import reverse

from activities.services import activity_create
from core.testing.xlsx import FORMULA_LIKE, sheet_cells, text_cells_holding


def test_an_activity_typed_like_a_formula_is_exported_as_text(world, plan, client_for):
    editor = world.users["editor"]
    for text in FORMULA_LIKE:
        activity_create(
            actor=editor,
            notice=plan,
            title=text,
            content="开展宣传",
            window_text="9 月",
            leads=["质量科"],
        )
    response = client_for(editor).get(reverse("activities:schedule_export", args=[plan.pk]))
    assert response.status_code == 200
    cells = text_cells_holding(sheet_cells(response), FORMULA_LIKE)
    assert {cell.data_type for cell in cells.values()} == {"s"}
