"""The demo documents, exported and read back: each of the five seed notices, imported through
the clerk's import path (`manage.py load_demo`, as seeding/tests/test_demo.py loads it), opened
as DOCX (python-docx), PDF (pdfplumber) and schedule XLSX (openpyxl) and compared with the
seed it came from; and every schedule XLSX the platform writes imports back with the same
rows.

The demo is loaded once for the module, in a transaction rolled back at its end, so the
documents cost one load however many checks read them.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

import pdfplumber
import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from activities.models import ActivityParticipant
from activities.services import schedule_import
from campaigns.models import Notice
from campaigns.services import notice_create
from exports.documents import SCHEDULE_COLUMNS

User = get_user_model()


@dataclass(frozen=True)
class Seed:
    """What a reader of the seed file finds in it (the truth the exports are held to)."""

    doc_number: str
    attachments: int
    # A phrase of the opening paragraph, between the 主送 line and the first heading.
    opening: str
    # The schedule's rows where the seed says how many (Yong'an's 附件2 table has 12, the
    # national notice's 三、重点安排 nine items); None: as many as the notice's activities.
    rows: int | None = None


SEEDS = [
    Seed("国市监质发〔2023〕73号", 4, "现就有关事项通知如下", rows=9),
    Seed("永市监质〔2023〕35号", 2, "现就扎实开展2023年“质量月”活动有关事项通知如下", rows=12),
    Seed("湘市监办发〔2023〕57号", 2, "现将《湖南省市场监管系统2023年“质量月”活动方案》印发给你们"),
    Seed("琼质强省办〔2022〕8号", 3, "为进一步实施质量强省建设战略"),
    Seed("鄂质强办函〔2020〕3号", 1, "为深入贯彻习近平新时代中国特色社会主义思想"),
]
IDS = [seed.doc_number for seed in SEEDS]


@pytest.fixture
def admin_client(demo, db) -> Client:
    client = Client()
    client.force_login(User.objects.get(username="admin"))
    return client


def _flat(text: str) -> str:
    # Lines wrap anywhere in Chinese text; compare without the breaks and spaces.
    return re.sub(r"\s+", "", text)


def _get(client: Client, name: str, notice: Notice) -> bytes:
    response = client.get(reverse(name, args=[notice.pk]))
    assert response.status_code == 200, (name, notice.doc_number, response.status_code)
    return b"".join(response.streaming_content) if response.streaming else response.content


def _schedule(data: bytes) -> list[list[str]]:
    sheet = load_workbook(io.BytesIO(data)).active
    rows = [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    header = rows.index(list(SCHEDULE_COLUMNS))
    return [row for row in rows[header + 1 :] if any(row)]


def _activity_rows(notice: Notice) -> list[tuple]:
    rows = []
    for activity in notice.activities.order_by("position", "pk").prefetch_related("participants"):
        names = {
            role: [p.name for p in activity.participants.all() if p.role == role]
            for role in ActivityParticipant.Role.values
        }
        rows.append(
            (
                activity.title,
                activity.content,
                activity.window_text,
                names["lead"],
                names["support"],
                activity.remarks,
            )
        )
    return rows


@pytest.mark.parametrize("seed", SEEDS, ids=IDS)
def test_the_docx_lists_the_seeds_attachments_and_keeps_its_opening(admin_client, seed):
    notice = Notice.objects.get(doc_number=seed.doc_number)
    document = Document(io.BytesIO(_get(admin_client, "campaigns:notice_docx", notice)))
    paragraphs = [p.text.strip() for p in document.paragraphs]
    text = _flat("".join(paragraphs))
    assert _flat(notice.title) in text
    assert _flat(seed.opening) in text
    # The 附件 note: "附件：1. …" and one line per further attachment, nothing more.
    first = next(i for i, p in enumerate(paragraphs) if p.startswith("附件："))
    listed = paragraphs[first : first + seed.attachments + 1]
    numbers = [re.match(r"(?:附件：)?(\d+)\.", p) for p in listed]
    if seed.attachments > 1:
        assert [int(m.group(1)) for m in numbers[:-1]] == list(range(1, seed.attachments + 1))
        assert numbers[-1] is None
    # No page of an attachment the notice does not have.
    labels = {int(m.group(1)) for p in paragraphs if (m := re.fullmatch(r"附件(\d+)", p))}
    assert labels <= set(range(1, seed.attachments + 1))
    if seed.rows is not None and notice.attachments.filter(kind="schedule").exists():
        table = [[c.text for c in row.cells] for t in document.tables for row in t.rows]
        body = [row for row in table if row and row[0].strip().isdigit()]
        assert len(body) == seed.rows


@pytest.mark.parametrize("seed", SEEDS, ids=IDS)
def test_the_pdf_builds_and_carries_the_title_opening_and_attachment_note(admin_client, seed):
    notice = Notice.objects.get(doc_number=seed.doc_number)
    with pdfplumber.open(io.BytesIO(_get(admin_client, "campaigns:notice_pdf", notice))) as pdf:
        # A paragraph running onto the next page has the page number (— 2 —) in between.
        pages = [re.sub(r"—\s*\d+\s*—\s*$", "", p.extract_text() or "") for p in pdf.pages]
    text = _flat("".join(pages))
    assert _flat(notice.title) in text
    assert _flat(seed.opening) in text
    assert f"{seed.attachments}." in text if seed.attachments > 1 else "附件：" in text
    assert f"{seed.attachments + 1}.{notice.attachments.first().title}" not in text


def test_the_national_pdf_opens_for_every_demo_user_who_may_read_it(demo, db):
    notice = Notice.objects.get(doc_number="国市监质发〔2023〕73号")
    client = Client()
    readers = 0
    for user in User.objects.all():
        client.force_login(user)
        response = client.get(reverse("campaigns:notice_pdf", args=[notice.pk]))
        sees = Notice.objects.for_user(user).filter(pk=notice.pk).exists()
        assert response.status_code == (200 if sees else 404), user.username
        readers += sees
    # The nation and the provinces it went to, and the units below them.
    assert readers >= 5


@pytest.mark.parametrize("seed", SEEDS, ids=IDS)
def test_the_schedule_xlsx_has_every_activity_and_imports_back_the_same(admin_client, seed):
    notice = Notice.objects.get(doc_number=seed.doc_number)
    data = _get(admin_client, "activities:schedule_export", notice)
    rows = _schedule(data)
    source = _activity_rows(notice)
    assert len(rows) == (seed.rows if seed.rows is not None else len(source))
    assert [row[1] for row in rows] == [title for title, *_ in source]

    admin = User.objects.get(username="admin")
    draft = notice_create(
        actor=admin,
        campaign=notice.campaign,
        unit=notice.unit,
        title="回读",
        standard_attachments=False,
    )
    result = schedule_import(
        actor=admin, notice=draft, file=io.BytesIO(data), replace=True, max_bytes=len(data) + 1
    )
    assert result.ok, result.errors
    assert _activity_rows(draft) == source
