"""Importing a clerk's 名录: a good file creates (or updates) every row; a file with one bad
row changes nothing and names the row, the column and what is wrong."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from entities import services, views
from entities.credit_code import with_check
from entities.directory_file import HEADER, MSG_NO_HEADER, DirectoryFileError
from entities.models import MSG_CODE_CHECK, Field, MarketEntity

A = with_check("91430102MA0000001")
B = with_check("91430103MA0000002")
C = with_check("91430102MA0000003")


def xlsx(rows, title="长沙市检验检测机构名录") -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append([title])  # clerks put a title above the header
    sheet.append(list(HEADER))
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def csv_bytes(rows, encoding="utf-8-sig") -> bytes:
    lines = [",".join(HEADER)] + [",".join(str(c) for c in row) for row in rows]
    return "\r\n".join(lines).encode(encoding)


GOOD = [
    [
        "长沙市机动车检测有限公司",
        A,
        "201812345678",
        "芙蓉中路 1 号",
        "芙蓉区",
        "机动车检验",
        "正常",
    ],
    ["湖南环境监测技术有限公司", B, "", "", "430103", "生态环境监测", ""],
    ["芙蓉区国土测绘院", C.lower(), "", "", "芙蓉区", "自然资源", "停业"],
]


def test_a_good_xlsx_creates_every_row(world):
    editor = world.users["editor"]
    result = services.directory_import(actor=editor, data=xlsx(GOOD), filename="名录.xlsx")
    assert result.ok and result.created == 3
    a = MarketEntity.objects.get(credit_code=A)
    assert (a.name, a.region.name, a.field, a.license_no) == (
        "长沙市机动车检测有限公司",
        "芙蓉区",
        Field.VEHICLE,
        "201812345678",
    )
    assert MarketEntity.objects.get(credit_code=B).region.name == "天心区"
    assert MarketEntity.objects.get(credit_code=C).status == MarketEntity.Status.SUSPENDED


def test_a_gbk_csv_from_excel_is_read_and_a_second_import_updates(world):
    editor = world.users["editor"]
    data = csv_bytes(GOOD, encoding="gb18030")
    assert services.directory_import(actor=editor, data=data, filename="名录.csv").created == 3
    changed = [row[:] for row in GOOD]
    changed[0][3] = "芙蓉中路 2 号"
    again = services.directory_import(actor=editor, data=csv_bytes(changed), filename="名录.csv")
    assert (again.created, again.updated, again.unchanged) == (0, 1, 2)
    assert MarketEntity.objects.get(credit_code=A).address == "芙蓉中路 2 号"


def test_one_bad_row_imports_nothing_and_names_the_cell(world):
    editor = world.users["editor"]
    bad = [row[:] for row in GOOD]
    bad[1][1] = B[:-1] + ("0" if B[-1] != "0" else "1")  # a mistyped check character
    result = services.directory_import(actor=editor, data=xlsx(bad), filename="名录.xlsx")
    assert not result.ok
    assert [(e.row, e.column, e.message) for e in result.errors] == [
        (4, "统一社会信用代码", MSG_CODE_CHECK)
    ]
    assert not MarketEntity.objects.exists()


def test_an_update_with_one_bad_row_changes_nothing(world):
    editor = world.users["editor"]
    services.directory_import(actor=editor, data=xlsx(GOOD), filename="名录.xlsx")
    bad = [row[:] for row in GOOD]
    bad[0][3] = "新地址"
    bad[2][5] = "化妆品"  # not a field of the list
    result = services.directory_import(actor=editor, data=xlsx(bad), filename="名录.xlsx")
    assert [(e.row, e.column) for e in result.errors] == [(5, "领域")]
    assert MarketEntity.objects.get(credit_code=A).address == "芙蓉中路 1 号"


def test_rows_outside_the_clerks_area_and_duplicates_are_errors(world):
    editor = world.users["editor"]
    rows = GOOD + [
        ["株洲某检测站", with_check("91430200MA0000009"), "", "", "株洲市", "机动车检验", ""],
        ["重复", A, "", "", "芙蓉区", "机动车检验", ""],
    ]
    result = services.directory_import(actor=editor, data=xlsx(rows), filename="名录.xlsx")
    assert [(e.row, e.column) for e in result.errors] == [(6, "所在地区"), (7, "统一社会信用代码")]
    assert result.errors[0].message == services.MSG_REGION_UNKNOWN % {"value": "株洲市"}
    assert result.errors[1].message == services.MSG_DUPLICATE_IN_FILE % {"row": 3}
    assert not MarketEntity.objects.exists()


def test_a_file_without_the_header_is_refused(world):
    with pytest.raises(DirectoryFileError) as refused:
        services.directory_import(
            actor=world.users["editor"], data="甲,乙\n1,2\n".encode(), filename="x.csv"
        )
    assert str(refused.value) == MSG_NO_HEADER


def test_the_import_page_shows_errors_and_a_viewer_is_refused(world, client_for):
    url = reverse("entities:import")
    viewer = client_for(world.users["viewer"])
    assert viewer.get(url).status_code == 403
    client = client_for(world.users["editor"])
    bad = [row[:] for row in GOOD]
    bad[0][1] = "123"
    response = client.post(url, {"file": SimpleUploadedFile("名录.xlsx", xlsx(bad))}, follow=True)
    assert response.status_code == 200
    assert views.MSG_NOT_IMPORTED % {"n": 1} in response.content.decode()
    assert not MarketEntity.objects.exists()
    response = client.post(url, {"file": SimpleUploadedFile("名录.xlsx", xlsx(GOOD))})
    assert response.status_code == 302
    assert MarketEntity.objects.count() == 3
