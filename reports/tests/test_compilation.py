"""The 汇编 (compilation) of accepted reports carries their photos, at thumbnail size."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document
from docx.shared import Cm
from PIL import Image

from reports import services
from reports.tests import factories


def test_the_compilation_has_the_accepted_reports_photos_under_their_unit_and_case(
    reporting, client_for
):
    expected = factories.expected(reporting.city_req, reporting.unit("芙蓉区"))
    report = services.report_start(actor=reporting.furong_editor, expected=expected)
    services.report_file_add(
        actor=reporting.furong_editor, report=report, upload=factories.photo(), caption="启动仪式"
    )
    services.case_add(
        actor=reporting.furong_editor,
        report=report,
        title="“你点我检”进社区",
        unit_name="芙蓉街道",
        description="群众点单，监管部门抽检。",
        uploads_=[
            SimpleUploadedFile(
                "抽检现场.png", factories.png_bytes(colour=(20, 90, 200)), "image/png"
            )
        ],
    )
    report = factories.fill_and_submit(actor=reporting.furong_editor, expected=expected)
    services.report_accept(actor=reporting.city_editor, report=report)
    # 天心区's photo is in a report that was not accepted: not in the compilation.
    tianxin = factories.expected(reporting.city_req, reporting.unit("天心区"))
    draft = services.report_start(actor=reporting.tianxin_editor, expected=tianxin)
    services.report_file_add(
        actor=reporting.tianxin_editor, report=draft, upload=factories.photo(), caption="未采用"
    )

    url = reverse(
        "reports:compilation_export", args=[reporting.unit("长沙市").pk, reporting.city_req.pk]
    )
    response = client_for(reporting.city_editor).get(url)
    document = Document(io.BytesIO(response.content))
    texts = [(p.style.name, p.text) for p in document.paragraphs]
    assert ("Caption", "启动仪式") in texts
    assert ("Caption", "抽检现场.png") in texts
    assert "未采用" not in [t for _s, t in texts]
    # The report's photo follows its summary, the case's photo its case.
    assert texts.index(("Caption", "启动仪式")) < texts.index(
        ("Heading 3", "“你点我检”进社区（芙蓉街道）")
    )
    assert texts.index(("Heading 3", "“你点我检”进社区（芙蓉街道）")) < texts.index(
        ("Caption", "抽检现场.png")
    )
    assert len(document.inline_shapes) == 2
    for shape in document.inline_shapes:
        assert abs(shape.width - Cm(7)) < Cm(0.01)
    # The pictures are the thumbnails (at most 320 px), not the 640 px originals.
    images = [
        part
        for part in document.part.package.parts
        if str(part.partname).startswith("/word/media/")
    ]
    assert len(images) == 2
    for part in images:
        assert max(Image.open(io.BytesIO(part.blob)).size) <= 320
