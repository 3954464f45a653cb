import re
from dataclasses import replace

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from activities.services import WINDOW_UNREADABLE
from activities.windows import window_dates
from campaigns.models import Notice
from core.widgets import DateInput, LongSelect
from imports.parser import Contact, ParsedActivity, ParsedNotice
from imports.services import NewUnit
from orgs.models import OrgUnit
from orgs.services import kind_below

MSG_NOTHING_TO_IMPORT = gettext_noop("请选择要导入的文件，或粘贴公文全文。")
NAME_SEPARATORS = re.compile(r"[、，,；;/\n]+")


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("公文文件"),
        required=False,
        help_text=_("支持 .txt、.docx、.pdf、.ofd（带文字层）"),
        error_messages={"empty": _("文件为空。")},
        widget=forms.ClearableFileInput(attrs={"accept": ".txt,.docx,.pdf,.ofd"}),
    )
    text = forms.CharField(
        label=_("或粘贴公文全文"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 10}),
    )

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        # Checked on the declared size, before anything is read.
        if upload and upload.size > settings.QM_NOTICE_UPLOAD_MAX_BYTES:
            mb = round(settings.QM_NOTICE_UPLOAD_MAX_BYTES / (1024 * 1024), 1)
            raise forms.ValidationError(
                _("文件过大（超过 %(mb)s MB），请检查是否选错了文件。") % {"mb": mb}
            )
        return upload

    def clean(self):
        data = super().clean()
        if not self.errors and not data.get("file") and not data.get("text", "").strip():
            raise forms.ValidationError(_(MSG_NOTHING_TO_IMPORT))
        if data.get("file") and data.get("text", "").strip():
            raise forms.ValidationError(_("请只选择文件或只粘贴文字，不要同时提供。"))
        return data


class LinesField(forms.CharField):
    """A list of strings edited one per line."""

    widget = forms.Textarea(attrs={"rows": 3})

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return "\n".join(value)
        return value

    def to_python(self, value):
        return [line.strip() for line in (value or "").splitlines() if line.strip()]


class NamesField(LinesField):
    """Names written in one line, separated by 、 as a notice writes them."""

    widget = forms.TextInput

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return "、".join(value)
        return value

    def to_python(self, value):
        return [n.strip() for n in NAME_SEPARATORS.split(value or "") if n.strip()]


LEVELS = [("", "—")] + [
    (k, label) for k, label in OrgUnit.Kind.choices if k in OrgUnit.TERRITORIAL_KINDS
]


class NoticeDataForm(forms.Form):
    """The notice as the parser understood it, every field editable by the clerk."""

    doc_number = forms.CharField(label=_("发文字号"), required=False, max_length=100)
    # Title and year are needed to create the draft (notice_import_confirm refuses it without
    # them), not to save corrections: a news report has no title of its own, and the clerk
    # saves its preview, unchanged or half corrected, all the same.
    title = forms.CharField(label=_("标题"), required=False, max_length=300)
    issuers = LinesField(label=_("发文机关（每行一个）"))
    issue_date = forms.DateField(label=_("成文日期"), required=False, widget=DateInput())
    year = forms.IntegerField(label=_("年度"), required=False, min_value=1978, max_value=2100)
    level = forms.ChoiceField(label=_("层级"), choices=LEVELS, required=False)
    kind = forms.ChoiceField(label=_("文种"), choices=Notice.Kind.choices)
    theme = forms.CharField(label=_("活动主题"), required=False, max_length=200)
    recipients = LinesField(label=_("主送机关（每行一个）"))
    basis = LinesField(label=_("依据文号（每行一个）"))
    slogans = LinesField(label=_("活动口号（每行一条）"), widget=forms.Textarea(attrs={"rows": 6}))
    report_deadline = forms.RegexField(
        label=_("报送截止（月-日）"),
        regex=r"^\d{1,2}-\d{1,2}$",
        required=False,
        error_messages={"invalid": _("请写成 月-日，如 10-16。")},
    )
    report_materials = LinesField(label=_("报送材料（每行一项）"))
    co_organizers = LinesField(
        label=_("联合主办单位（每行一个）"), widget=forms.Textarea(attrs={"rows": 4})
    )

    FIELDS_FROM_DATA = [
        "doc_number",
        "title",
        "issuers",
        "issue_date",
        "year",
        "level",
        "kind",
        "theme",
        "recipients",
        "basis",
        "slogans",
        "report_deadline",
        "report_materials",
        "co_organizers",
    ]

    # The parser names a prefecture-level issuer "city"; the select offers the tree's kinds.
    PARSER_LEVELS = {"city": OrgUnit.Kind.PREFECTURE}

    @classmethod
    def initial_from(cls, data: ParsedNotice) -> dict:
        initial = {name: getattr(data, name) for name in cls.FIELDS_FROM_DATA}
        initial["level"] = cls.PARSER_LEVELS.get(initial["level"], initial["level"])
        return initial

    def clean(self):
        data = super().clean()
        deadline = data.get("report_deadline")
        if deadline:
            month, day = (int(p) for p in deadline.split("-"))
            if not (1 <= month <= 12 and 1 <= day <= 31):
                self.add_error("report_deadline", _("请写成 月-日，如 10-16。"))
            else:
                data["report_deadline"] = f"{month:02d}-{day:02d}"
        return data


class ActivityRowForm(forms.Form):
    title = forms.CharField(label=_("活动主题"), max_length=300)
    lead = NamesField(label=_("牵头"))
    support = NamesField(label=_("配合"))
    when = forms.CharField(label=_("时间安排"), required=False, max_length=50)
    text = forms.CharField(
        label=_("活动内容"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    parent = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean_when(self):
        when = self.cleaned_data["when"].strip()
        if when and window_dates(when, 2000) is None:
            raise forms.ValidationError(WINDOW_UNREADABLE % {"text": when})
        return when


class ContactRowForm(forms.Form):
    name = forms.CharField(label=_("联系人"), max_length=50)
    phone = forms.CharField(label=_("电话（传真）"), required=False, max_length=100)
    email = forms.EmailField(label=_("电子邮箱"), required=False)
    fax = forms.CharField(required=False, widget=forms.HiddenInput)


ActivityFormSet = forms.formset_factory(ActivityRowForm, extra=0, can_delete=True)
ContactFormSet = forms.formset_factory(ContactRowForm, extra=1, can_delete=True)


def _kept(formset, key: str) -> list[dict]:
    return [
        f.cleaned_data
        for f in formset.forms
        if f.cleaned_data and not f.cleaned_data.get("DELETE") and f.cleaned_data.get(key)
    ]


def data_from_forms(base: ParsedNotice, form, activities, contacts) -> ParsedNotice:
    """The import's data with the clerk's corrections applied (all forms valid)."""
    fields = {name: form.cleaned_data[name] for name in NoticeDataForm.FIELDS_FROM_DATA}
    fields["title"] = fields["title"] or None
    if fields["issue_date"]:
        fields["issue_date"] = fields["issue_date"].isoformat()
    return replace(
        base,
        **fields,
        activities=[
            ParsedActivity(
                title=row["title"],
                lead=row["lead"],
                support=row["support"],
                when=row["when"] or None,
                text=row["text"],
                parent=row["parent"] or None,
            )
            for row in _kept(activities, "title")
        ],
        contacts=[
            Contact(
                name=row["name"], phone=row["phone"], email=row["email"], fax=row["fax"] or None
            )
            for row in _kept(contacts, "name")
        ],
    )


class UnmatchedNameForm(forms.Form):
    """What to do on confirmation with one name found neither among the unit's departments nor
    in the org tree: keep it as written, create a department of the importing unit, or create
    a unit where the clerk places it."""

    KEEP, DEPARTMENT, UNIT = "", "department", "unit"

    name = forms.CharField(widget=forms.HiddenInput, max_length=200)
    action = forms.ChoiceField(
        label=_("处理方式"),
        choices=[
            (KEEP, _("只保留名称")),
            (DEPARTMENT, _("新建为本单位的处室/科室")),
            (UNIT, _("新建为单位")),
        ],
        required=False,
        widget=forms.RadioSelect,
    )
    # Any unit's id is taken here: whether the clerk may place a unit there is the service's
    # decision (the admin role on the parent), with a message that says so.
    parent = forms.ModelChoiceField(
        label=_("上级单位"),
        queryset=OrgUnit.objects.all(),
        required=False,
        widget=LongSelect,
        error_messages={"invalid_choice": _("所选的上级单位不存在。")},
    )
    kind = forms.ChoiceField(
        label=_("类别"),
        choices=[(k, label) for k, label in OrgUnit.Kind.choices if k != OrgUnit.Kind.NATIONAL],
        required=False,
    )

    def __init__(self, *args, parents: list[OrgUnit] = (), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if parents:
            top = min(p.depth for p in parents)
            # Indented by depth: a no-break space, as an <option> collapses ordinary ones.
            self.fields["parent"].widget.choices = [
                (p.pk, "\u00a0" * 3 * (p.depth - top) + p.display_name) for p in parents
            ]
        else:
            # Creating a unit needs the admin role on its parent; without one, only the
            # other two choices are offered.
            self.fields["action"].choices = self.fields["action"].choices[:2]
            self.fields["parent"].widget = forms.HiddenInput()
            self.fields["kind"].widget = forms.HiddenInput()

    def clean(self):
        data = super().clean()
        if data.get("action") == self.UNIT:
            if not data.get("parent") and "parent" not in self.errors:
                self.add_error("parent", _("请选择上级单位。"))
            if not data.get("kind"):
                self.add_error("kind", _("请选择类别。"))
        return data


class BaseUnmatchedNameFormSet(forms.BaseFormSet):
    def __init__(self, *args, parents: list[OrgUnit] = (), **kwargs) -> None:
        self.parents = list(parents)
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "parents": self.parents}

    def choices(self) -> tuple[list[str], list[NewUnit]]:
        """Names to create as departments, and the units to create (all forms valid)."""
        departments, units = [], []
        for form in self.forms:
            data = form.cleaned_data
            if data.get("action") == UnmatchedNameForm.DEPARTMENT:
                departments.append(data["name"])
            elif data.get("action") == UnmatchedNameForm.UNIT:
                units.append(NewUnit(data["name"], data["parent"], data["kind"]))
        return departments, units


UnmatchedNameFormSet = forms.formset_factory(
    UnmatchedNameForm, formset=BaseUnmatchedNameFormSet, extra=0
)


def unmatched_initial(names: list[str], parents: list[OrgUnit], unit: OrgUnit) -> list[dict]:
    """One row per unmatched name, a new unit placed by default under the importing unit (when
    the clerk may) with the kind one level below it."""
    parent = unit if unit in parents else (parents[0] if parents else None)
    return [
        {
            "name": name,
            "action": UnmatchedNameForm.KEEP,
            "parent": parent.pk if parent else None,
            "kind": kind_below(parent) if parent else OrgUnit.Kind.OTHER,
        }
        for name in names
    ]
