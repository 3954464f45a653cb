from auditlog.models import LogEntry
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_POST

from core.history import history_rows
from core.xlsx import xlsx_response
from orgs import scoping, selectors, services
from orgs.forms import MembershipForm, UnitForm
from orgs.models import Department, Membership, OrgUnit

CHILDREN_PER_PAGE = 50
MSG_UNIT_SAVED = gettext_noop("单位信息已保存。")


@login_required
def my_units(request):
    query = request.GET.get("q", "").strip()
    return render(
        request,
        "orgs/my_units.html",
        {
            "memberships": selectors.user_memberships(request.user),
            "query": query,
            "results": selectors.units_search(request.user, query) if query else None,
        },
    )


@login_required
def unit_detail(request, pk: int):
    unit = selectors.unit_get_for_user(request.user, pk)
    children = Paginator(selectors.unit_children(unit), CHILDREN_PER_PAGE)
    can_manage = scoping.can(request.user, scoping.Action.MANAGE, unit)
    return render(
        request,
        "orgs/unit_detail.html",
        {
            "unit": unit,
            "ancestors": selectors.unit_ancestors(unit),
            "children": children.get_page(request.GET.get("page")),
            "departments": selectors.unit_departments(unit),
            "members": selectors.unit_members(unit) if can_manage else None,
            "can_edit": scoping.can(request.user, scoping.Action.EDIT, unit),
            "can_manage": can_manage,
            "membership_form": MembershipForm() if can_manage else None,
        },
    )


@login_required
def unit_edit(request, pk: int):
    unit = selectors.unit_get_for_user(request.user, pk, scoping.Action.EDIT)
    form = UnitForm(
        request.POST or None, initial={"full_name": unit.full_name, "aliases": unit.aliases}
    )
    if request.method == "POST" and form.is_valid():
        services.unit_update(actor=request.user, unit=unit, **form.cleaned_data)
        messages.success(request, _(MSG_UNIT_SAVED))
        return redirect(unit)
    return render(request, "orgs/unit_edit.html", {"unit": unit, "form": form})


@login_required
def unit_export(request, pk: int):
    unit = selectors.unit_get_for_user(request.user, pk)
    kinds = dict(OrgUnit.Kind.choices)
    rows = (
        (u.code or "", u.name, u.full_name, str(kinds.get(u.kind, u.kind)), u.depth)
        for u in OrgUnit.objects.subtree_of(unit).order_by("path").iterator(chunk_size=2000)
    )
    return xlsx_response(
        filename=f"{unit.name}-单位名录.xlsx",
        sheet_title=_("单位名录"),
        header=[_("区划代码"), _("名称"), _("全称"), _("类别"), _("层级")],
        rows=rows,
    )


@login_required
def unit_history(request, pk: int):
    unit = selectors.unit_get_for_user(request.user, pk, scoping.Action.MANAGE)
    entries = (
        LogEntry.objects.filter(
            Q(content_type__app_label="orgs", content_type__model="orgunit", object_pk=str(unit.pk))
            | Q(
                content_type__app_label="orgs",
                content_type__model="department",
                object_id__in=Department.objects.filter(unit=unit).values("pk"),
            )
            | Q(
                content_type__app_label="orgs",
                content_type__model="membership",
                additional_data__unit_id=unit.pk,
            )
        )
        .select_related("actor", "content_type")
        .order_by("-timestamp")
    )
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "orgs/unit_history.html",
        {"unit": unit, "entries": page, "rows": history_rows(page.object_list)},
    )


@login_required
@require_POST
def membership_add(request, pk: int):
    unit = selectors.unit_get_for_user(request.user, pk, scoping.Action.MANAGE)
    form = MembershipForm(request.POST)
    if form.is_valid():
        services.membership_set(
            actor=request.user,
            user=form.cleaned_data["username"],
            unit=unit,
            role=form.cleaned_data["role"],
        )
        messages.success(request, _("成员已保存。"))
    else:
        for error in form.errors.values():
            messages.error(request, error.as_text())
    return redirect(unit)


@login_required
@require_POST
def membership_remove(request, pk: int, membership_pk: int):
    unit = selectors.unit_get_for_user(request.user, pk, scoping.Action.MANAGE)
    membership = get_object_or_404(Membership, pk=membership_pk, unit=unit)
    services.membership_remove(actor=request.user, membership=membership)
    messages.success(request, _("已移除成员。"))
    return redirect(unit)
