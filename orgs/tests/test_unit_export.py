"""The unit directory export: unit names stay text in the spreadsheet."""

from django.urls import reverse

from core.testing.xlsx import FORMULA_LIKE, sheet_cells, text_cells_holding
from orgs.models import OrgUnit
from orgs.services import unit_update


def test_a_full_name_that_looks_like_a_formula_is_exported_as_text(world, client_for):
    admin = world.users["national_admin"]
    for unit, full_name in zip(
        OrgUnit.objects.subtree_of(world.unit("湖南省")).order_by("path"),
        FORMULA_LIKE,
        strict=False,
    ):
        unit_update(actor=admin, unit=unit, full_name=full_name, aliases="")
    response = client_for(admin).get(reverse("orgs:unit_export", args=[world.unit("湖南省").pk]))
    assert response.status_code == 200
    cells = sheet_cells(response)
    found = text_cells_holding(cells, FORMULA_LIKE[: len(cells) - 1])
    assert {cell.data_type for cell in found.values()} == {"s"}
    # Numbers stay numbers: the level column.
    assert {row[4].data_type for row in cells[1:]} == {"n"}
