from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from awards.models import AwardRound, Criterion
from core.widgets import DateInput


class RoundForm(forms.ModelForm):
    criteria = forms.CharField(
        label=_("评分项"),
        widget=forms.Textarea(attrs={"rows": 9}),
        help_text=_(
            "每行一项：评分项 分值。默认为 GB/T 19580-2012 卓越绩效评价准则的七个类目，共 1000 分。"
        ),
    )

    class Meta:
        model = AwardRound
        fields = ["name", "edition", "deadline", "call_text", "combination", "publicity_days"]
        widgets = {"deadline": DateInput(), "call_text": forms.Textarea(attrs={"rows": 6})}


class EmailForm(forms.Form):
    email = forms.EmailField(label=_("电子邮箱"))


class CodeForm(forms.Form):
    code = forms.CharField(label=_("验证码"), max_length=6, min_length=6)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


class ApplicationForm(forms.Form):
    entity_name = forms.CharField(label=_("企业名称"), max_length=200)
    credit_code = forms.CharField(label=_("统一社会信用代码"), max_length=30)
    contact_name = forms.CharField(label=_("联系人"), max_length=50)
    summary = forms.CharField(
        label=_("申报说明"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    files = MultipleFileField(
        label=_("申报材料"), help_text=_("PDF、DOCX、XLSX、JPG 或 PNG，可多选。")
    )


class CompletionForm(forms.Form):
    summary = forms.CharField(
        label=_("申报说明"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    files = MultipleFileField(label=_("补充材料"), required=False)


class ScreenForm(forms.Form):
    reason = forms.CharField(
        label=_("退回原因"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class ExpertForm(forms.Form):
    user = forms.ModelChoiceField(label=_("专家"), queryset=get_user_model().objects.none())

    def __init__(self, *args, award: AwardRound, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = (
            get_user_model()
            .objects.filter(is_active=True, memberships__unit__path__startswith=award.unit.path)
            .exclude(award_expert_roles__round=award)
            .distinct()
            .order_by("username")
        )


class AssignForm(forms.Form):
    expert = forms.ModelChoiceField(label=_("专家"), queryset=None)

    def __init__(self, *args, award: AwardRound, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["expert"].queryset = award.experts.select_related("user")


class DeclarationForm(forms.Form):
    conflict = forms.TypedChoiceField(
        label=_("回避声明"),
        choices=[
            ("no", _("本人与该企业无利害关系，无需回避")),
            ("yes", _("本人需要回避")),
        ],
        widget=forms.RadioSelect,
        coerce=lambda v: v == "yes",
    )
    reason = forms.CharField(label=_("回避原因"), max_length=300, required=False)


class ScoreForm(forms.Form):
    def __init__(self, *args, criteria: list[Criterion], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for criterion in criteria:
            self.fields[f"c{criterion.pk}"] = forms.CharField(
                label=f"{criterion.name}（{criterion.points}）",
                required=False,
                widget=forms.NumberInput(
                    attrs={"step": "0.1", "min": "0", "max": str(criterion.points)}
                ),
            )


class ObjectionForm(forms.Form):
    application = forms.ModelChoiceField(label=_("异议对象"), queryset=None)
    name = forms.CharField(label=_("姓名或单位"), max_length=100)
    contact = forms.CharField(label=_("联系方式"), max_length=100)
    text = forms.CharField(label=_("异议内容"), widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, award: AwardRound, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["application"].queryset = award.applications.filter(
            shortlisted=True
        ).select_related("entity")
        self.fields["application"].label_from_instance = lambda a: a.entity.name
