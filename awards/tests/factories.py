"""Test helpers for the awards: files as applicants upload them, a round ready to apply to,
and the one-time code read from the queued e-mail (as the applicant reads it)."""

import datetime
import io
import re
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from awards import services
from awards.models import AwardRound
from core.testing.world import make_user
from entities.credit_code import with_check
from orgs.scoping import Role

# Valid 统一社会信用代码 (GB 32100 check character).
CODES = [with_check(f"91430100MA4L0{x}") for x in ("X0X0", "Y1Y1", "A2B2", "C3D3")]


def pdf(name: str = "自评报告.pdf") -> SimpleUploadedFile:
    body = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
    return SimpleUploadedFile(name, body, content_type="application/pdf")


def fake_pdf(name: str = "自评报告.pdf") -> SimpleUploadedFile:
    """A file named .pdf that is something else (an executable script)."""
    return SimpleUploadedFile(name, b"#!/bin/sh\nrm -rf /\n", content_type="application/pdf")


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def hunan_admin(world):
    return make_user("hunan_awards", world.unit("湖南省"), Role.EDITOR, email="awards@hn.example")


def open_round(world, actor, **extra) -> AwardRound:
    values = {
        "name": "第八届湖南省省长质量奖",
        "edition": 8,
        "deadline": timezone.localdate() + datetime.timedelta(days=30),
        "call_text": "申报条件：在湖南省内依法注册。",
    }
    values.update(extra)
    award = services.round_create(actor=actor, unit=world.unit("湖南省"), **values)
    return services.round_publish(actor=actor, award=award)


def queued_code() -> str:
    """The code of the last verification e-mail waiting for the worker."""
    task = DBTaskResult.objects.filter(task_path__endswith="send_applicant_email").latest(
        "enqueued_at"
    )
    return re.search(r"\b(\d{6})\b", task.args_kwargs["kwargs"]["body"]).group(1)


def verified_token(award, email: str, capture) -> str:
    """Verify `email` as an applicant would: the code comes from the queued e-mail."""
    with capture(execute=True):
        _verification, token = services.verification_send(award=award, email=email)
    services.verification_confirm(token=token, code=queued_code())
    return token


def apply(award, capture, *, code: str = CODES[0], name: str = "长沙某某电气有限公司", files=None):
    token = verified_token(award, f"{code[-4:].lower()}@corp.example", capture)
    with capture(execute=True):
        application, _link = services.application_submit(
            award=award,
            verification_token=token,
            entity_name=name,
            credit_code=code,
            contact_name="李明",
            summary="卓越绩效自评 860 分。",
            files=files if files is not None else [pdf()],
            link_url=lambda t: f"https://qm.example/awards/public/application/{t}/",
        )
    return application
