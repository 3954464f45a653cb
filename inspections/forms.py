from django import forms
from django.utils.translation import gettext_lazy as _

from activities.models import Activity
from core.widgets import DateInput, LongSelect, LongSelectMultiple
from entities.models import Field, MarketEntity
from inspections.models import InspectionTarget, SamplingPlan
from inspections.services import PLAN_FIELDS
from orgs import scoping
from orgs.models import OrgUnit


class _Form(forms.Form):
    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


def _territorial_units(user):
    return OrgUnit.objects.for_user(user, scoping.Action.EDIT).filter(
        kind__in=OrgUnit.TERRITORIAL_KINDS, is_active=True
    )


class InspectorForm(_Form):
    name = forms.CharField(label=_("姓名"), max_length=50)
    unit = forms.ModelChoiceField(
        label=_("单位"), queryset=OrgUnit.objects.none(), widget=LongSelect
    )
    badge_no = forms.CharField(label=_("执法证号"), max_length=30)
    fields = forms.MultipleChoiceField(
        label=_("擅长领域"),
        choices=Field.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("不选则可检查各领域"),
    )
    is_available = forms.BooleanField(label=_("可参加抽查"), required=False, initial=True)
    linked_entities = forms.ModelMultipleChoiceField(
        label=_("需回避的市场主体"),
        queryset=MarketEntity.objects.none(),
        required=False,
        help_text=_("亲属在该机构任职、曾在该机构工作等，抽取时自动回避"),
    )

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = _territorial_units(user)
        self.fields["linked_entities"].queryset = MarketEntity.objects.for_user(user).order_by(
            "name"
        )


class PlanForm(_Form):
    activity = forms.ModelChoiceField(label=_("所属活动"), queryset=Activity.objects.none())
    title = forms.CharField(label=_("计划名称"), max_length=200)
    fields = forms.MultipleChoiceField(
        label=_("抽查领域"), choices=Field.choices, widget=forms.CheckboxSelectMultiple
    )
    regions = forms.ModelMultipleChoiceField(
        label=_("抽查地区"),
        queryset=OrgUnit.objects.none(),
        widget=LongSelectMultiple,
        required=False,
        help_text=_("不选则为本单位全辖"),
    )
    target_count = forms.IntegerField(label=_("抽取家数"), min_value=1, required=False)
    target_percent = forms.IntegerField(
        label=_("抽取比例（%）"),
        min_value=1,
        max_value=100,
        required=False,
        help_text=_("抽取家数与抽取比例填写其一"),
    )
    inspectors_per_entity = forms.IntegerField(
        label=_("每家检查人员数"), min_value=2, max_value=10, initial=2
    )
    starts_on = forms.DateField(label=_("开始日期"), widget=DateInput)
    ends_on = forms.DateField(label=_("结束日期"), widget=DateInput)
    joint_departments = forms.CharField(
        label=_("联合抽查部门"),
        max_length=300,
        required=False,
        help_text=_("如 生态环境局、自然资源局"),
    )
    avoid_own_region = forms.BooleanField(
        label=_("本地区回避"),
        required=False,
        initial=True,
        help_text=_("检查人员不检查本单位辖区内的市场主体"),
    )
    publish_within_days = forms.IntegerField(
        label=_("公开时限（工作日）"),
        min_value=1,
        max_value=60,
        initial=20,
        help_text=_("检查结束后多少个工作日内公开结果"),
    )

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["activity"].queryset = (
            Activity.objects.for_user(user, scoping.Action.EDIT)
            .select_related("notice__campaign")
            .exclude(status=Activity.Status.CANCELLED)
            .order_by("-notice__campaign__year", "notice__pk", "position")
        )
        self.fields["activity"].label_from_instance = lambda a: (
            f"{a.notice.campaign.year} · {a.notice.title} · {a.title}"
        )
        self.fields["regions"].queryset = _territorial_units(user)

    def clean(self):
        data = super().clean()
        if (data.get("target_count") is None) == (data.get("target_percent") is None):
            self.add_error("target_count", _("请填写抽取家数或抽取比例（二选一）。"))
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("结束日期不能早于开始日期。"))
        return data

    @classmethod
    def initial_for(cls, plan: SamplingPlan) -> dict:
        return {
            "activity": plan.activity_id,
            "regions": list(plan.regions.all()),
            **{name: getattr(plan, name) for name in PLAN_FIELDS},
        }


class RedrawForm(_Form):
    reason = forms.CharField(
        label=_("重新抽取原因"), widget=forms.Textarea(attrs={"rows": 2}), max_length=500
    )


class ResultForm(_Form):
    inspected_on = forms.DateField(label=_("检查日期"), widget=DateInput)
    outcome = forms.ChoiceField(label=_("检查结果"), choices=InspectionTarget.Outcome.choices)
    findings = forms.CharField(
        label=_("检查情况"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    rectification_due = forms.DateField(
        label=_("整改期限"),
        required=False,
        widget=DateInput,
        help_text=_("发现问题时填写"),
    )
    file = forms.FileField(
        label=_("检查文书或现场照片"),
        required=False,
        help_text=_("PDF、DOCX、XLSX 或 JPG、PNG、WebP"),
    )


class RectifiedForm(_Form):
    rectified_on = forms.DateField(label=_("整改完成日期"), widget=DateInput)
    note = forms.CharField(
        label=_("整改说明"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ConcludeForm(_Form):
    concluded_on = forms.DateField(label=_("检查结束日期"), widget=DateInput)
