"""The pages of the cascade: the notice form (the draft with its report requirement),
制定本级方案 and 下级部署情况. They keep their addresses and URL names under `campaigns:`
(`cascade.urls`)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_POST

from campaigns import services as campaign_services
from campaigns.forms import (
    MSG_CONFLICT_KEPT,
    AttachmentFormSet,
    ContactFormSet,
    attachment_edits,
    attachment_initial,
    contacts_from,
)
from campaigns.models import Campaign, Notice
from campaigns.selectors import notice_get_for_user, plan_units_for
from campaigns.services import NoticeStateError
from cascade import services
from cascade.forms import NoticeForm
from cascade.selectors import cascade_status
from core.errors import ConflictError
from core.replica import read_from_replica
from orgs import scoping
from orgs.models import OrgUnit
from orgs.selectors import unit_get_for_user
from reports.models import DEFAULT_MATERIALS

MSG_DRAFT_SAVED = gettext_noop("草稿已保存。")
MSG_PLAN_DRAFTED = gettext_noop("已根据上级通知生成本级方案草稿，请核对并设置本级口号。")


def _error_text(exc: ValidationError) -> str:
    return "；".join(exc.messages)


def _notice_form_page(request, *, unit: OrgUnit, notice: Notice | None):
    initial = (
        NoticeForm.initial_for(notice)
        if notice
        else _new_notice_initial(unit, request.GET.get("year", ""))
    )
    form = NoticeForm(
        request.POST or None,
        request.FILES or None,
        unit=unit,
        initial=initial,
        creating=notice is None,
    )
    # A post without the attachment rows (an older page, a script) leaves them as they are.
    attachments_posted = "attachments-TOTAL_FORMS" in request.POST
    attachments = AttachmentFormSet(
        request.POST if attachments_posted else None,
        initial=attachment_initial(notice),
        prefix="attachments",
    )
    contacts_initial = [
        {"name": c.name, "phone": c.phone, "email": c.email}
        for c in (notice.contacts.all() if notice else [])
    ]
    contacts = ContactFormSet(request.POST or None, initial=contacts_initial, prefix="contacts")
    if (
        request.method == "POST"
        and form.is_valid()
        and contacts.is_valid()
        and (attachments.is_valid() or not attachments_posted)
    ):
        fields = form.notice_fields()
        try:
            notice = services.notice_draft_save(
                actor=request.user,
                notice=notice,
                campaign=form.cleaned_data["campaign"] if notice is None else None,
                unit=unit,
                version=form.cleaned_data["version"],
                contacts=contacts_from(contacts),
                requirement=form.requirement(),
                attachment_edits=attachment_edits(attachments) if attachments_posted else None,
                attachment_uploads=form.cleaned_data["attachment_files"],
                **fields,
            )
        except ConflictError as exc:
            form.add_error(None, f"{exc} {MSG_CONFLICT_KEPT}")
            # Keep every field as typed; only the version moves on, so saving again applies it.
            form.data = form.data.copy()
            form.data["version"] = exc.current_version
        except (ValidationError, NoticeStateError) as exc:
            text = _error_text(exc) if isinstance(exc, ValidationError) else str(exc)
            form.add_error(None, text)
        else:
            messages.success(request, _(MSG_DRAFT_SAVED))
            return redirect(notice)
    return render(
        request,
        "campaigns/notice_form.html",
        {
            "form": form,
            "contacts": contacts,
            "attachments": attachments,
            "unit": unit,
            "notice": notice,
        },
    )


def _new_notice_initial(unit: OrgUnit, year: str = "") -> dict:
    # The year the clerk was looking at in the list, else the latest.
    campaign = (year.isdigit() and Campaign.objects.filter(year=int(year)).first()) or (
        Campaign.objects.current()
    )
    return {
        "campaign": campaign.pk if campaign else None,
        "kind": Notice.Kind.PLAN,
        "issuer_names": unit.display_name,
        "theme": campaign.theme if campaign else "",
        "recipients_text": campaign_services.RECIPIENTS_TEXT.get(unit.kind, ""),
        "recipient_units": [u.pk for u in campaign_services.default_recipients(unit)],
        "publication": Notice.Publication.PUBLIC,
        "report_to": unit.display_name,
        "materials": list(DEFAULT_MATERIALS),
    }


@login_required
def notice_create(request, unit_pk: int):
    unit = unit_get_for_user(request.user, unit_pk, scoping.Action.EDIT)
    return _notice_form_page(request, unit=unit, notice=None)


@login_required
def notice_edit(request, pk: int):
    notice = notice_get_for_user(request.user, pk, scoping.Action.EDIT)
    if notice.is_issued:
        messages.info(request, _("已印发的文件不能直接修改，请使用“更正”。"))
        return redirect("campaigns:notice_correct", pk=notice.pk)
    return _notice_form_page(request, unit=notice.unit, notice=notice)


@login_required
@require_POST
def plan_draft(request, pk: int, unit_pk: int):
    superior = notice_get_for_user(request.user, pk)
    unit = unit_get_for_user(request.user, unit_pk, scoping.Action.EDIT)
    if unit not in plan_units_for(request.user, superior):
        raise Http404
    plan, created = services.plan_draft_get_or_create(
        actor=request.user, superior=superior, unit=unit
    )
    if created:
        messages.success(request, _(MSG_PLAN_DRAFTED))
    else:
        messages.info(request, _("本单位已根据该通知制定过方案。"))
    return redirect(plan)


@login_required
@read_from_replica()  # figures over a subtree: may lag the primary by seconds
def cascade(request, pk: int):
    notice = notice_get_for_user(request.user, pk)
    if not scoping.can(request.user, scoping.Action.VIEW, notice.unit):
        # Recipients see the notice, not how their peers respond to it.
        raise Http404
    rows, total = cascade_status(request.user, notice)
    issued = sum(1 for r in rows if r.plan and r.plan.is_issued)
    return render(
        request,
        "cascade/cascade.html",
        {"notice": notice, "rows": rows, "total": total, "issued_count": issued},
    )
