import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from orgs.divisions import DATA_DIR, DivisionsFileError, read_divisions
from orgs.models import OrgUnit


@pytest.fixture
def small_data(tmp_path: Path) -> Path:
    """A cut of the real files: Hunan's Changsha, Beijing's districts, Dongguan, Hainan's
    directly administered counties."""
    keep_prov = {"11", "43", "44", "46"}
    keep_city = {"1101", "4301", "4419", "4690"}
    for name, col in [("provinces.csv", 0), ("cities.csv", 0), ("areas.csv", 2)]:
        lines = (DATA_DIR / name).read_text(encoding="utf-8").splitlines()
        keep = keep_prov if name == "provinces.csv" else keep_city
        body = [line for line in lines[1:] if line.split(",")[col] in keep]
        (tmp_path / name).write_text("\n".join([lines[0], *body]) + "\n", encoding="utf-8")
    return tmp_path


def test_vendored_dataset_has_every_province_prefecture_and_county():
    divisions = read_divisions()
    kinds = [d.kind for d in divisions]
    assert kinds.count("province") == 31
    assert 330 <= kinds.count("prefecture") <= 340
    assert 2800 <= kinds.count("county") <= 3000
    by_code = {d.code: d for d in divisions}
    assert by_code["350481"].name == "永安市" and by_code["350481"].parent_code == "350400"


def test_municipality_districts_hang_directly_under_the_province(small_data, db):
    call_command("load_divisions", data_dir=small_data)
    dongcheng = OrgUnit.objects.get(code="110101")
    assert OrgUnit.objects.get_parent(dongcheng).name == "北京市"
    assert not OrgUnit.objects.filter(name="市辖区").exists()
    # A prefecture-level city without counties is not repeated as its own county.
    dongguan = OrgUnit.objects.get(code="441900")
    assert dongguan.kind == OrgUnit.Kind.PREFECTURE and dongguan.numchild == 0
    # Hainan's directly administered counties (五指山市 …) sit under Hainan.
    assert OrgUnit.objects.get_parent(OrgUnit.objects.get(code="469001")).code == "460000"


def test_loading_twice_changes_nothing_and_renames_update_in_place(small_data, db):
    call_command("load_divisions", data_dir=small_data)
    before = list(OrgUnit.objects.values_list("pk", "path", "name"))
    call_command("load_divisions", data_dir=small_data)
    assert list(OrgUnit.objects.values_list("pk", "path", "name")) == before

    areas = small_data / "areas.csv"
    areas.write_text(
        areas.read_text(encoding="utf-8").replace("芙蓉区", "芙蓉新区"), encoding="utf-8"
    )
    call_command("load_divisions", data_dir=small_data)
    furong = OrgUnit.objects.get(code="430102")
    assert furong.name == "芙蓉新区" and furong.full_name == "芙蓉新区市场监督管理局"
    assert (furong.pk, furong.path) in {(pk, path) for pk, path, _ in before}


def test_new_counties_are_appended_to_an_existing_tree(small_data, db):
    call_command("load_divisions", data_dir=small_data)
    changsha = OrgUnit.objects.get(code="430100")
    children_before = changsha.numchild
    with (small_data / "areas.csv").open("a", encoding="utf-8") as handle:
        handle.write('430199,"新设区",4301,43\n')
    call_command("load_divisions", data_dir=small_data)
    changsha.refresh_from_db()
    assert changsha.numchild == children_before + 1
    new = OrgUnit.objects.get(code="430199")
    assert OrgUnit.objects.get_parent(new) == changsha
    assert OrgUnit.objects.find_problems() == ([], [], [], [], [])


@pytest.mark.parametrize(
    ("file", "bad_line", "expected"),
    [
        ("areas.csv", '43010X,"坏代码",4301,43', "应为 6 位数字"),
        ("areas.csv", '430188,"",4301,43', "缺少名称"),
        ("areas.csv", '430189,"孤儿区",9999,99', "上级城市 9999 不存在"),
        ("cities.csv", '4301,"长沙市",43', "代码 430100 重复"),
    ],
)
def test_broken_file_names_the_line_and_changes_nothing(small_data, db, file, bad_line, expected):
    call_command("load_divisions", data_dir=small_data)
    snapshot = list(OrgUnit.objects.values_list("pk", "path", "name"))
    path = small_data / file
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.append(bad_line)
    bad_line_number = len(lines)
    # A valid new county before the bad row must not be created either.
    if file == "areas.csv":
        lines.insert(1, '430177,"应被回滚区",4301,43')
        bad_line_number += 1
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    with pytest.raises(CommandError) as excinfo:
        call_command("load_divisions", data_dir=small_data)
    assert f"{file} 第 {bad_line_number} 行" in str(excinfo.value)
    assert expected in str(excinfo.value)
    assert list(OrgUnit.objects.values_list("pk", "path", "name")) == snapshot


def test_missing_file_is_reported(tmp_path, db):
    shutil.copy(DATA_DIR / "provinces.csv", tmp_path / "provinces.csv")
    with pytest.raises(CommandError, match="cities.csv"):
        call_command("load_divisions", data_dir=tmp_path)


def test_read_divisions_rejects_wrong_header(tmp_path):
    (tmp_path / "provinces.csv").write_text("id,title\n11,北京市\n", encoding="utf-8")
    with pytest.raises(DivisionsFileError, match="表头"):
        read_divisions(tmp_path)


def test_subtree_and_ancestor_queries_are_single_statements(small_data, db):
    call_command("load_divisions", data_dir=small_data)
    hunan = OrgUnit.objects.get(code="430000")
    station_parent = OrgUnit.objects.get(code="430102")
    with CaptureQueriesContext(connection) as queries:
        subtree = list(OrgUnit.objects.subtree_of(hunan))
        ancestors = list(OrgUnit.objects.get_ancestors(station_parent))
    assert len(queries) == 2
    assert {u.code for u in subtree} >= {"430000", "430100", "430102"}
    assert all(u.path.startswith(hunan.path) for u in subtree)
    assert [a.name for a in ancestors] == ["全国", "湖南省", "长沙市"]
