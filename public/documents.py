"""The public's documents (主动公开): the issued notices and plans a visitor may read, by
region and year, as HTML and as DOCX, PDF and OFD. Views only; the rule of what is public
lives in `selectors.public_documents`."""

import io
from collections.abc import Callable
from urllib.parse import quote

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from campaigns.exporting import export_filename, notice_document
from exports.documents import OfficialDocument
from exports.gongwen_docx import write_official_document
from exports.gongwen_ofd import write_official_document_ofd
from exports.gongwen_pdf import write_official_document_pdf
from orgs import regions
from public import selectors
from public.forms import DocumentFilterForm

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
WRITERS: dict[str, tuple[Callable[[OfficialDocument, io.BytesIO], object], str]] = {
    "docx": (write_official_document, DOCX_TYPE),
    "pdf": (write_official_document_pdf, "application/pdf"),
    "ofd": (write_official_document_ofd, "application/ofd"),
}


def _inspections_url() -> str | None:
    # The 双随机 results are the inspections app's, above this one: linked when installed.
    try:
        return reverse("inspections:public_list")
    except NoReverseMatch:
        return None


def _awards_url() -> str | None:
    # The award lists in their 公示 and final states are the awards app's, above this one.
    try:
        return reverse("awards:public_list")
    except NoReverseMatch:
        return None


def document_list(request):
    form = DocumentFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    region = regions.region_from_codes(
        *(filters.get(level, "") for level in ("province", "city", "county"))
    )
    documents = selectors.public_documents(year=filters.get("year"), region=region)
    documents = selectors.public_documents_search(documents, filters.get("q", ""))
    page = selectors.activity_page(documents, _page_number(request), per_page=20)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "public/document_list.html",
        {
            "page": page,
            "query_without_page": query.urlencode(),
            "region": region,
            "region_levels": regions.region_levels(region, (_("省"), _("市"), _("县（区）"))),
            "years": selectors.public_document_years(),
            "selected_year": filters.get("year"),
            "q": filters.get("q", ""),
            "inspections_url": _inspections_url(),
            "awards_url": _awards_url(),
        },
    )


def _page_number(request) -> int:
    raw = request.GET.get("page", "")
    return int(raw) if raw.isdigit() and len(raw) < 6 else 1


def document_detail(request, pk: int):
    notice = selectors.public_document_get(pk)
    return render(
        request,
        "public/document_detail.html",
        {"notice": notice, "formats": list(WRITERS), "inspections_url": _inspections_url()},
    )


def document_download(request, pk: int, fmt: str):
    notice = selectors.public_document_get(pk)
    write, content_type = WRITERS[fmt]
    out = io.BytesIO()
    write(notice_document(notice), out)
    response = HttpResponse(out.getvalue(), content_type=content_type)
    filename = export_filename(notice, fmt)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response
