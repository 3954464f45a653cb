import json

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.widgets import DateInput, LongSelect
from orgs.models import OrgUnit
from reports import services
from reports.models import Bulletin, Material, StatisticField
from reports.services import FieldSpec

LEVEL_CHOICES = [(k, label) for k, label in OrgUnit.Kind.choices if k != OrgUnit.Kind.NATIONAL]


class RequirementForm(forms.Form):
    due_date = forms.DateField(label=_("报送截止日期"), required=False, widget=DateInput())
    materials = forms.MultipleChoiceField(
        label=_("报送材料"),
        choices=Material.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    levels = forms.MultipleChoiceField(
        label=_("须报送的层级"),
        choices=LEVEL_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("不选表示全部接收单位都须报送。"),
    )
    report_to = forms.CharField(label=_("报送至"), max_length=200, required=False)
    text = forms.CharField(
        label=_("报送要求原文"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class StatisticFieldForm(forms.Form):
    label = forms.CharField(label=_("指标名称"), max_length=100, required=False)
    code = forms.SlugField(label=_("代码"), max_length=50, required=False)
    kind = forms.ChoiceField(
        label=_("类型"), choices=StatisticField.Kind.choices, initial=StatisticField.Kind.INTEGER
    )
    unit_of_measure = forms.CharField(label=_("计量单位"), max_length=20, required=False)
    required = forms.BooleanField(label=_("必填"), required=False, initial=True)

    def clean(self):
        data = super().clean()
        if data.get("label") and not data.get("code"):
            self.add_error("code", _("请填写指标代码（英文字母、数字、下划线）。"))
        return data

    def spec(self) -> FieldSpec | None:
        d = self.cleaned_data
        if not d.get("label"):
            return None
        return FieldSpec(
            label=d["label"],
            code=d["code"],
            kind=d["kind"],
            required=d["required"],
            unit_of_measure=d["unit_of_measure"],
        )


class BaseStatisticFieldFormSet(forms.BaseFormSet):
    """The statistics form's rows. `superior`: the indicators of the superior's form this
    level must keep (`services.superior_fields`); their rows say so, keep their code, and
    a post without one of them is refused with the rows as typed."""

    def __init__(self, *args, superior: list[StatisticField] = (), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.superior = {f.code: f for f in superior}
        for form in self.forms:
            code = form["code"].value()
            form.inherited = code in self.superior
            if form.inherited:
                form.fields["code"].widget.attrs["readonly"] = True

    def clean(self) -> None:
        if any(self.errors):
            return
        specs = [spec for spec in (form.spec() for form in self.forms) if spec]
        try:
            services.superior_fields_check(list(self.superior.values()), specs)
        except ValidationError as exc:
            raise ValidationError(exc.message_dict["fields"]) from exc


StatisticFieldFormSet = forms.formset_factory(
    StatisticFieldForm, formset=BaseStatisticFieldFormSet, extra=2, max_num=60
)


class ReportDraftForm(forms.Form):
    """The unit's report: summary, one input per statistic, problems and suggestions."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    summary = forms.CharField(
        label=_("工作总结"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        # Plain text, as a clerk types it: no markup to learn (reports.sanitize lays it out).
        help_text=_("直接输入文字即可；空一行另起一段，换行会保留。"),
    )
    problems = forms.CharField(
        label=_("问题与建议"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )

    def __init__(self, *args, fields: list[StatisticField] = (), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.statistic_fields = list(fields)
        for f in self.statistic_fields:
            label = str(f)  # 活动场次（场）, punctuation as the language has it
            attrs = {"inputmode": "numeric" if f.kind == "integer" else "decimal"}
            if not f.is_numeric:
                attrs = {}
            self.fields[f"stat_{f.code}"] = forms.CharField(
                label=label, required=False, max_length=500, widget=forms.TextInput(attrs=attrs)
            )

    def stat_fields(self):
        return [self[f"stat_{f.code}"] for f in self.statistic_fields]

    def values(self) -> dict[str, str]:
        return {f.code: self.cleaned_data.get(f"stat_{f.code}", "") for f in self.statistic_fields}


def autosave_data(request) -> dict | None:
    """What the edit page's autosave posted: a JSON object of the form's fields (the
    page's script sends JSON, report_form.js), or a form post (a page from before, a
    client without the script). None when the JSON is not an object of texts.

    JSON because a report is Chinese text: form-encoded, each character travels as
    %E5%B7%A5, three times the bytes, and undoing the escapes took the server more CPU
    than the rest of the request (in a profile of the autosave); JSON is parsed in C."""
    if request.content_type != "application/json":
        return request.POST
    try:
        data = json.loads(request.body)
    except ValueError:
        return None
    if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
        return None
    return data


def posted_statistics(data) -> dict[str, str]:
    """The statistics a report form posted, by code, as `ReportDraftForm.values` gives them,
    without the requirement's form at hand (the autosave): the service keeps the codes of
    its form and checks each value."""
    return {
        name.removeprefix("stat_"): value
        for name, value in data.items()
        if name.startswith("stat_")
    }


class UploadForm(forms.Form):
    file = forms.FileField(label=_("图片或视频"))
    caption = forms.CharField(label=_("说明"), max_length=200, required=False)


class CaseForm(forms.Form):
    title = forms.CharField(label=_("案例标题"), max_length=200)
    unit_name = forms.CharField(label=_("案例单位"), max_length=200, required=False)
    description = forms.CharField(label=_("案例内容"), widget=forms.Textarea(attrs={"rows": 5}))
    file = forms.FileField(label=_("图片或视频（可选）"), required=False)

    def __init__(self, *args, **kwargs) -> None:
        # On the report's page beside the upload form, whose file field would share the id:
        # its label would lead to the other form's field.
        kwargs.setdefault("auto_id", "id_case_%s")
        super().__init__(*args, **kwargs)


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("理由"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class AddExpectedForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("单位"), queryset=OrgUnit.objects.none())

    def __init__(self, *args, issuer: OrgUnit, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = OrgUnit.objects.get_children(issuer)


class BulletinForm(forms.Form):
    unit = forms.ModelChoiceField(
        label=_("报送单位"), queryset=OrgUnit.objects.none(), widget=LongSelect
    )
    kind = forms.ChoiceField(label=_("类型"), choices=Bulletin.Kind.choices)
    title = forms.CharField(label=_("标题"), max_length=200)
    body = forms.CharField(label=_("内容"), widget=forms.Textarea(attrs={"rows": 8}))

    def __init__(self, *args, units, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
