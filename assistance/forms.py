from django import forms
from django.utils.translation import gettext_lazy as _

from assistance.models import ProblemField, ServiceCase
from assistance.services import SERVING_KINDS
from core.widgets import DateInput, LongSelect
from orgs.models import OrgUnit


class RequestForm(forms.Form):
    name = forms.CharField(label=_("企业名称"), max_length=200)
    code = forms.CharField(label=_("统一社会信用代码"), max_length=30)
    region = forms.ModelChoiceField(
        label=_("所在地（承办单位）"),
        queryset=OrgUnit.objects.none(),
        empty_label=_("请选择"),
        error_messages={
            "invalid_choice": _("请先在上方选择企业所在的县（区），再从列表中选择承办单位。")
        },
    )
    contact_name = forms.CharField(label=_("联系人"), max_length=50)
    contact_phone = forms.CharField(label=_("联系电话"), max_length=30)
    needs = forms.CharField(
        label=_("需要哪些帮助"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("如计量器具校准、标准制定、认证、检验检测、质量管理、商标品牌等方面的困难。"),
    )
    consent = forms.BooleanField(
        label=_("我同意承办单位使用上述联系人和电话与本企业联系帮扶事宜"), required=True
    )

    def __init__(self, *args, county: OrgUnit | None = None, **kwargs) -> None:
        """`county`: where the enterprise said it is; the county's bureau and its 市场监管所
        are the units that may take the case (a nation's list would be 40,000 long)."""
        super().__init__(*args, **kwargs)
        if county is not None and county.kind == OrgUnit.Kind.COUNTY:
            self.fields["region"].queryset = OrgUnit.objects.filter(
                path__startswith=county.path, kind__in=SERVING_KINDS, is_active=True
            ).order_by("path")


class OpenForm(forms.Form):
    unit = forms.ModelChoiceField(
        label=_("承办单位"), queryset=OrgUnit.objects.none(), widget=LongSelect
    )
    name = forms.CharField(label=_("企业名称"), max_length=200)
    code = forms.CharField(label=_("统一社会信用代码"), max_length=30)
    contact_name = forms.CharField(label=_("联系人"), max_length=50, required=False)
    contact_phone = forms.CharField(label=_("联系电话"), max_length=30, required=False)
    needs = forms.CharField(
        label=_("帮扶需求"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args, units=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else OrgUnit.objects.none()


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class ProblemForm(VersionForm):
    field = forms.ChoiceField(label=_("问题领域"), choices=ProblemField.choices)
    description = forms.CharField(label=_("问题描述"), widget=forms.Textarea(attrs={"rows": 2}))


class MeasureForm(VersionForm):
    text = forms.CharField(label=_("措施"), widget=forms.Textarea(attrs={"rows": 2}))
    responsible = forms.CharField(label=_("责任单位或专家"), max_length=100)
    due_on = forms.DateField(label=_("完成时限"), widget=DateInput)


class FollowUpForm(VersionForm):
    visited_on = forms.DateField(label=_("回访日期"), widget=DateInput)
    visitors = forms.CharField(label=_("回访人员"), max_length=100)
    notes = forms.CharField(label=_("回访情况"), widget=forms.Textarea(attrs={"rows": 2}))


class CloseForm(VersionForm):
    satisfaction = forms.ChoiceField(
        label=_("企业满意度"), choices=ServiceCase.Satisfaction.choices, widget=forms.RadioSelect
    )
    outcome = forms.CharField(
        label=_("帮扶成效"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
