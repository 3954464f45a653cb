from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from core.uploads import upload_max_bytes
from core.xlsx import xlsx_response
from entities import selectors, services
from entities.directory_file import HEADER, MAX_BYTES, DirectoryFileError
from entities.forms import DirectoryImportForm, EntityForm
from entities.models import Field
from orgs import scoping
from orgs.models import OrgUnit

MSG_SAVED = gettext_noop("已保存“%(name)s”。")
MSG_IMPORTED = gettext_noop(
    "导入完成：新增 %(created)s 家，更新 %(updated)s 家，未变 %(unchanged)s 家。"
)
MSG_NOT_IMPORTED = gettext_noop("名录有 %(n)s 处错误，未导入任何数据；请修改后重新上传。")


def _can_edit_somewhere(user) -> bool:
    return scoping.scope_paths(user, scoping.Action.EDIT) != []


@login_required
def entity_list(request):
    q = request.GET.get("q", "").strip()
    field = request.GET.get("field", "")
    unit = None
    if request.GET.get("unit", "").isdigit():
        unit = OrgUnit.objects.for_user(request.user).filter(pk=request.GET["unit"]).first()
    qs = selectors.entities_for_user(request.user, q=q, field=field, unit=unit)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "entities/list.html",
        {
            "page": page,
            "q": q,
            "field": field,
            "fields": Field.choices,
            "can_edit": _can_edit_somewhere(request.user),
        },
    )


def _save(request, form, entity=None):
    data = dict(form.cleaned_data)
    try:
        if entity is None:
            entity = services.entity_create(actor=request.user, **data)
        else:
            entity = services.entity_update(actor=request.user, entity=entity, **data)
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for name, errors in error.error_dict.items():
                form.add_error(name if name in form.fields else None, errors)
        else:
            form.add_error(None, error)
        return None
    messages.success(request, _(MSG_SAVED) % {"name": entity.name})
    return redirect("entities:list")


@login_required
def entity_new(request):
    if not _can_edit_somewhere(request.user):
        raise PermissionDenied
    form = EntityForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        if response := _save(request, form):
            return response
    return render(request, "entities/form.html", {"form": form})


@login_required
def entity_edit(request, pk: int):
    entity = selectors.entity_get_for_user(request.user, pk, scoping.Action.EDIT)
    form = EntityForm(request.POST or None, instance=entity, user=request.user)
    if request.method == "POST" and form.is_valid():
        # The form has written the values onto the instance: the service compares with
        # the stored row, so it gets a fresh one.
        if response := _save(request, form, selectors.entity_get_for_user(request.user, pk)):
            return response
    return render(request, "entities/form.html", {"form": form, "entity": entity})


@login_required
@upload_max_bytes(lambda head: MAX_BYTES)
def directory_import(request):
    if not _can_edit_somewhere(request.user):
        raise PermissionDenied
    form = DirectoryImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = services.directory_import(
                actor=request.user, data=upload.read(), filename=upload.name
            )
        except DirectoryFileError as error:
            form.add_error("file", str(error))
        else:
            if result.ok:
                messages.success(
                    request,
                    _(MSG_IMPORTED)
                    % {
                        "created": result.created,
                        "updated": result.updated,
                        "unchanged": result.unchanged,
                    },
                )
                return redirect("entities:list")
            messages.error(request, _(MSG_NOT_IMPORTED) % {"n": len(result.errors)})
    return render(request, "entities/import.html", {"form": form, "result": result})


@login_required
def import_template(request):
    example = [
        "某某检验检测有限公司",
        "91350100M000100Y43",
        "201912345678",
        "某路 1 号",
        "350481",
        "机动车检验",
        "正常",
    ]
    return xlsx_response(
        filename=_("市场主体名录模板.xlsx"),
        sheet_title=_("名录"),
        header=HEADER,
        rows=[example],
    )
