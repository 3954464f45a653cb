import io
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _

from campaigns.models import Campaign
from core.uploads import upload_max_bytes
from media import posters, selectors, services
from media.forms import MediaFilterForm, MediaItemEditForm, MediaItemForm
from media.models import MediaItem
from media.uploads import max_bytes
from orgs import scoping
from orgs.models import OrgUnit

MSG_SAVED = _("素材已保存。")
MSG_UNCHANGED = _("没有修改。")
MSG_NO_UNIT = _("您没有可以上传素材的单位（需要编辑或管理员权限）。")


# --- the public library ---


def item_list(request):
    form = MediaFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    campaign = None
    if filters.get("year"):
        campaign = Campaign.objects.filter(year=filters["year"]).first()
    items = selectors.public_items(campaign=campaign, kind=filters.get("kind", ""))
    if filters.get("year") and campaign is None:
        items = items.none()
    return render(
        request,
        "media/item_list.html",
        {
            "items": items[:200],
            "years": [c.year for c in selectors.campaigns()],
            "kinds": MediaItem.Kind.choices,
            "selected_year": filters.get("year"),
            "selected_kind": filters.get("kind", ""),
        },
    )


def item_detail(request, pk: int):
    return render(request, "media/item_detail.html", {"item": selectors.public_item_get(pk)})


def item_file(request, pk: int):
    """The file itself, through the storage API (local disk or S3), as an attachment unless
    shown inline as the page's preview."""
    item = selectors.public_item_get(pk)
    inline = request.GET.get("inline") == "1" and (item.is_image or item.is_video)
    return FileResponse(
        item.file.open("rb"),
        as_attachment=not inline,
        filename=item.file_name,
        content_type=item.content_type,
    )


# --- the units' side ---


@login_required
def manage(request):
    items = list(selectors.items_for_user(request.user))
    return render(
        request,
        "media/manage.html",
        {
            "items": items,
            "editable": selectors.editable_item_ids(request.user, items),
            "can_upload": bool(selectors.units_for_upload(request.user)),
            "poster_units": selectors.units_for_upload(request.user)
            or [m.unit for m in request.user.memberships.select_related("unit")],
            "campaigns": selectors.campaigns(),
        },
    )


@login_required
@upload_max_bytes(max_bytes)
def item_new(request):
    units = selectors.units_for_upload(request.user)
    if not units:
        raise PermissionDenied(MSG_NO_UNIT)
    form = MediaItemForm(request.POST or None, request.FILES or None, units=units)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            item = services.media_item_create(
                actor=request.user,
                campaign=data["campaign"],
                unit=data["unit"],
                upload=data["upload"],
                kind=data["kind"],
                title=data["title"],
                print_size=data["print_size"],
                licence=data["licence"],
            )
        except ValidationError as exc:
            form.add_error("upload", exc)
        else:
            messages.success(request, MSG_SAVED)
            return redirect("media:manage_item", item.pk)
    return render(
        request, "media/item_form.html", {"form": form}, status=400 if form.errors else 200
    )


@login_required
@upload_max_bytes(max_bytes)
def item_edit(request, pk: int):
    item = selectors.item_get_for_edit(request.user, pk)
    form = MediaItemEditForm(request.POST or None, request.FILES or None, instance=item)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        # The form has written the new values onto `item`: compare with the stored row.
        stored = MediaItem.objects.get(pk=item.pk)
        try:
            saved = services.media_item_update(
                actor=request.user,
                item=stored,
                upload=data.get("upload"),
                **{name: data[name] for name in services.EDITABLE_FIELDS},
            )
        except ValidationError as exc:
            form.add_error("upload", exc)
        else:
            messages.success(request, MSG_SAVED if form.has_changed() else MSG_UNCHANGED)
            return redirect("media:manage_item", saved.pk)
    return render(
        request,
        "media/item_form.html",
        {"form": form, "item": item},
        status=400 if form.errors else 200,
    )


@login_required
def poster(request, unit_pk: int, year: int, fmt: str):
    """The unit's localised poster for the year, generated on request (nothing stored)."""
    unit = get_object_or_404(OrgUnit, pk=unit_pk)
    scoping.require(request.user, scoping.Action.VIEW, unit)
    campaign = get_object_or_404(Campaign, year=year)
    poster_data = posters.Poster(
        year=campaign.year,
        theme=campaign.theme,
        slogans=selectors.poster_slogans(campaign, unit),
        unit_name=unit.display_name,
    )
    out = io.BytesIO()
    if fmt == "pdf":
        posters.poster_pdf(poster_data, out)
        content_type = "application/pdf"
    else:
        posters.poster_png(poster_data, out)
        content_type = "image/png"
    response = HttpResponse(out.getvalue(), content_type=content_type)
    filename = f"{campaign.year}年质量月海报-{unit.name}.{fmt}"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response
