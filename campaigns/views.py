import io
from urllib.parse import quote

from csp.constants import NONCE
from csp.decorators import csp_update
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy

from campaigns import selectors, services
from campaigns.attachments import CONTENT_TYPES
from campaigns.exporting import export_filename, notice_document
from campaigns.forms import (
    MSG_CONFLICT_KEPT,
    CampaignForm,
    CorrectionForm,
    SlogansForm,
)
from campaigns.models import Campaign, Notice
from campaigns.services import NoticeStateError
from core.errors import ConflictError
from exports.gongwen_docx import write_official_document
from exports.gongwen_ofd import write_official_document_ofd
from exports.gongwen_pdf import write_official_document_pdf
from orgs import scoping
from orgs.models import OrgUnit
from orgs.selectors import unit_get_for_user

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
LED_INTERVAL_DEFAULT, LED_INTERVAL_MIN, LED_INTERVAL_MAX = 8, 2, 300

FIELD_LABELS = {
    f.name: f.verbose_name for f in Notice._meta.get_fields() if hasattr(f, "verbose_name")
}

# Messages the tests assert on.
MSG_ISSUED = gettext_lazy("已印发，已送达各接收单位的收文箱。")
MSG_CORRECTED = gettext_lazy("更正已记录。")
MSG_NO_CHANGE = gettext_lazy("未做任何修改，无需更正。")
MSG_SLOGANS_SAVED = gettext_lazy("本级口号已保存。")
MSG_CAMPAIGN_OPENED = gettext_lazy("%(year)s年度已开设，各单位现在可以为该年度起草通知和方案。")


def _error_text(exc: ValidationError) -> str:
    return "；".join(exc.messages)


@login_required
def inbox(request):
    deliveries = selectors.inbox_for_user(request.user)
    years = selectors.campaign_years()
    year = selectors.year_selected(
        request.GET.get("year"),
        content_years=selectors.years_of(deliveries, "notice__campaign__year"),
        years=years,
    )
    if year is not None:
        deliveries = deliveries.filter(notice__campaign__year=year)
    return render(
        request,
        "campaigns/inbox.html",
        {"deliveries": deliveries[:500], "years": years, "year": year},
    )


@login_required
def notice_list(request):
    years = selectors.campaign_years()
    raw = request.GET.get("year", "")
    status = request.GET.get("status", "")
    if status not in Notice.Status.values:
        status = ""
    year = None
    if raw != "all":
        year = selectors.year_selected(
            raw,
            content_years=selectors.years_of(selectors.notices_of_own_units(request.user)),
            years=years,
        )
    notices = selectors.notices_of_own_units(request.user, year=year, status=status)
    return render(
        request,
        "campaigns/notice_list.html",
        {
            "notices": notices[:500],
            "years": years,
            "year": str(year) if year else "all",
            "status": status,
            "statuses": Notice.Status.choices,
            "units": selectors.editable_units(request.user),
            "can_open_year": services.can_open_campaign(request.user),
        },
    )


@login_required
def campaign_list(request):
    """年度管理: every campaign year, and for the national admin the way to open the next."""
    return render(
        request,
        "campaigns/campaign_list.html",
        {
            "campaigns": selectors.campaigns_overview(),
            "can_open_year": services.can_open_campaign(request.user),
        },
    )


@login_required
def campaign_open(request):
    if not services.can_open_campaign(request.user):
        raise PermissionDenied
    years = selectors.campaign_years()
    initial = {"year": max([*years, timezone.localdate().year - 1]) + 1}
    form = CampaignForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            campaign = services.campaign_open(
                actor=request.user,
                year=data["year"],
                theme=data["theme"],
                slogans=form.slogan_lines(),
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, MSG_CAMPAIGN_OPENED % {"year": campaign.year})
            return redirect(reverse("campaigns:notice_list") + f"?year={campaign.year}")
    return render(request, "campaigns/campaign_open.html", {"form": form})


def _activities_url(notice: Notice) -> str | None:
    # The activity table belongs to the activities app; the page works without it.
    try:
        return reverse("activities:notice_table", args=[notice.pk])
    except NoReverseMatch:
        return None


@login_required
def notice_detail(request, pk: int):
    notice = selectors.notice_get_for_user(request.user, pk)
    for delivery in selectors.deliveries_readable_by(request.user, notice):
        services.delivery_mark_read(user=request.user, delivery=delivery)
    sees_issuer = scoping.can(request.user, scoping.Action.VIEW, notice.unit)
    return render(
        request,
        "campaigns/notice_detail.html",
        {
            "notice": notice,
            "can_edit": scoping.can(request.user, scoping.Action.EDIT, notice.unit),
            "basis": selectors.visible_basis(request.user, notice),
            "slogans": selectors.unit_slogans(notice.campaign, notice.unit),
            # Only an imported notice can lack an attachment "the original file left out".
            "imported": hasattr(notice, "source_import"),
            "requirement": getattr(notice, "report_requirement", None),
            "deliveries": notice.deliveries.select_related("recipient") if sees_issuer else None,
            "sees_issuer": sees_issuer,
            "plan_units": selectors.plan_units_for(request.user, notice),
            "activities_url": _activities_url(notice),
            "corrections": [
                (c, [str(FIELD_LABELS.get(name, name)) for name in c.changes])
                for c in notice.corrections.select_related("actor")
            ],
        },
    )


@login_required
def notice_attachment(request, pk: int, attachment_pk: int):
    """An attachment's file, for whoever may read the notice: its own units, and once it is
    issued every unit it was delivered to (and their subtrees)."""
    notice = selectors.notice_get_for_user(request.user, pk)
    attachment = get_object_or_404(notice.attachments.exclude(file=""), pk=attachment_pk)
    extension = attachment.file_name.rsplit(".", 1)[-1].lower()
    return FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.file_name or f"附件.{extension}",
        content_type=CONTENT_TYPES.get(f".{extension}", "application/octet-stream"),
    )


@login_required
def notice_issue(request, pk: int):
    notice = selectors.notice_get_for_user(request.user, pk, scoping.Action.EDIT)
    if request.method == "POST":
        version = request.POST.get("version", "")
        try:
            services.notice_issue(
                actor=request.user,
                notice=notice,
                version=int(version) if version.isdigit() else None,
            )
        except (ConflictError, NoticeStateError) as exc:
            messages.error(request, str(exc))
        except ValidationError as exc:
            messages.error(request, _error_text(exc))
        else:
            messages.success(request, MSG_ISSUED)
        return redirect(notice)
    if notice.is_issued:
        return redirect(notice)
    return render(
        request,
        "campaigns/notice_issue.html",
        {"notice": notice, "recipients": notice.recipient_units.order_by("path")},
    )


@login_required
def notice_correct(request, pk: int):
    notice = selectors.notice_get_for_user(request.user, pk, scoping.Action.EDIT)
    if not notice.is_issued:
        return redirect("campaigns:notice_edit", pk=notice.pk)
    form = CorrectionForm(request.POST or None, initial=CorrectionForm.initial_for(notice))
    if request.method == "POST" and form.is_valid():
        before = notice.version
        try:
            notice = services.notice_correct(
                actor=request.user,
                notice=notice,
                reason=form.cleaned_data["reason"],
                version=form.cleaned_data["version"],
                **form.changes(),
            )
        except ConflictError as exc:
            form.add_error(None, f"{exc} {MSG_CONFLICT_KEPT}")
            form.data = form.data.copy()
            form.data["version"] = exc.current_version
        except ValidationError as exc:
            form.add_error(None, _error_text(exc))
        else:
            if notice.version != before:
                messages.success(request, MSG_CORRECTED)
            else:
                messages.info(request, MSG_NO_CHANGE)
            return redirect(notice)
    return render(request, "campaigns/notice_correct.html", {"notice": notice, "form": form})


@login_required
def slogans_edit(request, unit_pk: int, year: int):
    unit = unit_get_for_user(request.user, unit_pk, scoping.Action.EDIT)
    campaign = get_object_or_404(Campaign, year=year)
    own = selectors.unit_slogans(campaign, unit)
    if own:
        rows = [(s.text, s.derived_from) for s in own]
    else:
        rows = [(local, source) for source, local in services.slogan_suggestions(campaign, unit)]
    form = SlogansForm(request.POST or None, rows=rows)
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}):
        next_url = ""
    if request.method == "POST" and form.is_valid():
        try:
            services.slogans_set(
                actor=request.user, campaign=campaign, unit=unit, lines=form.cleaned_data["lines"]
            )
        except ValidationError as exc:
            form.add_error(None, _error_text(exc))
        else:
            messages.success(request, MSG_SLOGANS_SAVED)
            return redirect(next_url or request.path)
    return render(
        request,
        "campaigns/slogans_edit.html",
        {"unit": unit, "campaign": campaign, "form": form, "own": own, "next": next_url},
    )


def _download(content: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


@login_required
def notice_docx(request, pk: int):
    notice = selectors.notice_get_for_user(request.user, pk)
    out = io.BytesIO()
    write_official_document(notice_document(notice), out)
    return _download(out.getvalue(), export_filename(notice, "docx"), DOCX_TYPE)


@login_required
def notice_pdf(request, pk: int):
    notice = selectors.notice_get_for_user(request.user, pk)
    out = io.BytesIO()
    write_official_document_pdf(notice_document(notice), out)
    return _download(out.getvalue(), export_filename(notice, "pdf"), "application/pdf")


@login_required
def notice_ofd(request, pk: int):
    notice = selectors.notice_get_for_user(request.user, pk)
    out = io.BytesIO()
    write_official_document_ofd(notice_document(notice), out)
    return _download(out.getvalue(), export_filename(notice, "ofd"), "application/ofd")


# The screen's one script is inline, with this response's nonce, so that the page needs nothing
# after it has loaded and keeps rolling when the lobby's network drops (settings, CSP).
@csp_update({"script-src": [NONCE]})
def slogan_screen(request, unit_pk: int, year: int):
    """The lobby LED screen: public, slogans and theme only."""
    unit = get_object_or_404(OrgUnit, pk=unit_pk, is_active=True)
    campaign = get_object_or_404(Campaign, year=year)
    interval = request.GET.get("interval", "")
    seconds = int(interval) if interval.isdigit() else LED_INTERVAL_DEFAULT
    seconds = min(max(seconds, LED_INTERVAL_MIN), LED_INTERVAL_MAX)
    return render(
        request,
        "campaigns/slogan_screen.html",
        {
            "campaign": campaign,
            "slogans": [s.text for s in selectors.screen_slogans(campaign, unit)],
            "interval_ms": seconds * 1000,
        },
    )
