"""The plain document dataclasses: the small rules the writers rely on."""

from __future__ import annotations

import datetime

import pytest

from exports.documents import (
    Attachment,
    Heading,
    OfficialDocument,
    Table,
    format_chinese_date,
    schedule_table,
    split_unit_names,
)
from exports.tests.samples import YONGAN_SCHEDULE, hunan_notice, yongan_plan


def test_dates_are_written_without_leading_zeros() -> None:
    assert format_chinese_date(datetime.date(2023, 9, 3)) == "2023年9月3日"


def test_unit_names_split_on_enumeration_comma_commas_and_spaces_and_drop_deng() -> None:
    text = "办公室、综合处，宣传处, 事务中心　大数据中心等"
    assert split_unit_names(text) == ["办公室", "综合处", "宣传处", "事务中心", "大数据中心"]


def test_a_single_attachment_is_labelled_without_a_number() -> None:
    doc = OfficialDocument(
        issuers=["永安市市场监督管理局"],
        doc_number="永市监质〔2023〕35号",
        title="通知",
        recipients="各市场监管所",
        body=[],
        issue_date=datetime.date(2023, 9, 13),
        attachments=[Attachment("口号")],
    )
    assert doc.attachment_label(doc.attachments[0]) == "附件"


def test_unnumbered_enclosures_do_not_shift_attachment_numbers() -> None:
    doc = hunan_notice()
    slogans = doc.attachments[1]
    assert doc.attachment_label(slogans) == "附件1"
    assert [n for n, _ in doc.numbered_attachments] == [1, 2]


def test_signature_defaults_to_the_issuers_one_per_line() -> None:
    assert yongan_plan().signature_lines == ["永安市市场监督管理局"]


def test_publication_attribute_is_put_in_full_width_parentheses_once() -> None:
    assert hunan_notice().publication_text == "（公开属性：主动公开）"
    assert yongan_plan().publication_text == "（此件主动公开）"


def test_heading_levels_beyond_three_are_refused() -> None:
    with pytest.raises(ValueError):
        Heading(4, "（1）")


def test_table_rows_must_match_the_columns() -> None:
    with pytest.raises(ValueError):
        Table(columns=["a", "b"], rows=[["only one"]])


def test_schedule_table_uses_yongans_columns_in_landscape() -> None:
    table = schedule_table(YONGAN_SCHEDULE)
    assert table.columns[0] == "序号" and table.landscape
    assert table.rows[5] == [
        "6",
        "2023年中国公平竞争政策宣传周活动",
        "2023年中国公平竞争政策宣传周系列宣传活动",
        "9月中旬",
        "市管科",
        "各监管所",
        "",
    ]
