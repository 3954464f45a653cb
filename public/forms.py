from django import forms
from django.utils.translation import gettext_lazy as _

from core.widgets import DateInput, DateTimeInput, LongSelect
from public.models import MOBILE_MESSAGE, mobile_validator


class PublicForm(forms.Form):
    """Labels without Django's English colon; Chinese forms put none."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class PhoneField(forms.CharField):
    default_validators = [mobile_validator]

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("手机号码"))
        kwargs.setdefault("max_length", 14)
        kwargs.setdefault("error_messages", {"invalid": MOBILE_MESSAGE})
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "numeric", "autocomplete": "tel"})

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace(" ", "").replace("-", "").removeprefix("+86")


CONSENT_LABEL = _("我已阅读并同意上述个人信息处理规则")
CONSENT_REQUIRED = _("请先阅读个人信息处理规则，并勾选“我已阅读并同意”后再提交。")


class ConsentBoundField(forms.BoundField):
    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        # The notice above the box is its description for screen readers; an error, when
        # there is one, is read first (Django ties it only when the widget names none).
        errors = [f"{self.auto_id}_error"] if self.errors and self.auto_id else []
        attrs["aria-describedby"] = " ".join([*errors, "pi-notice"])
        return attrs


class ConsentField(forms.BooleanField):
    """The visitor's consent (个人信息保护法 第十四条): a box to tick under the notice that
    says who holds the data, for what and how long; refused with a clear message unticked."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", CONSENT_LABEL)
        kwargs.setdefault("error_messages", {"required": CONSENT_REQUIRED})
        super().__init__(required=True, **kwargs)

    def get_bound_field(self, form, field_name):
        return ConsentBoundField(form, self, field_name)


class FilterForm(PublicForm):
    province = forms.CharField(required=False)
    city = forms.CharField(required=False)
    county = forms.CharField(required=False)
    category = forms.IntegerField(required=False)
    date = forms.DateField(required=False, widget=DateInput())
    month = forms.RegexField(regex=r"^\d{4}-(0[1-9]|1[0-2])$", required=False)


class RegistrationForm(PublicForm):
    name = forms.CharField(label=_("姓名"), max_length=30)
    phone = PhoneField()
    consent = ConsentField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs["autocomplete"] = "name"


class CodeForm(PublicForm):
    code = forms.CharField(label=_("确认码"), max_length=12)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].widget.attrs.update(
            {"autocapitalize": "characters", "autocomplete": "off", "spellcheck": "false"}
        )

    def clean_code(self) -> str:
        return self.cleaned_data["code"].strip().upper()


class LookupForm(CodeForm):
    """The visitor's look-up by confirmation code: it shows their (masked) name and phone."""

    consent = ConsentField()


class VoteForm(PublicForm):
    option = forms.TypedChoiceField(
        label=_("您希望抽检的产品类别"), coerce=int, widget=forms.RadioSelect
    )
    phone = PhoneField()
    consent = ConsentField()

    def __init__(self, *args, poll, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["option"].choices = [(o.pk, o.name) for o in poll.options.all()]


class EventForm(PublicForm):
    capacity = forms.IntegerField(label=_("名额"), min_value=1, max_value=100000)
    starts_at = forms.DateTimeField(
        label=_("活动开始时间"),
        required=False,
        widget=DateTimeInput(),
    )
    ends_at = forms.DateTimeField(
        label=_("活动结束时间"),
        required=False,
        widget=DateTimeInput(),
    )
    registration_opens_at = forms.DateTimeField(
        label=_("报名开始"),
        required=False,
        widget=DateTimeInput(),
    )
    registration_closes_at = forms.DateTimeField(
        label=_("报名截止"),
        required=False,
        widget=DateTimeInput(),
    )


class MessageForm(PublicForm):
    text = forms.CharField(
        label=_("通知内容"), max_length=500, widget=forms.Textarea(attrs={"rows": 3})
    )


class PollForm(PublicForm):
    unit = forms.ModelChoiceField(label=_("发起单位"), queryset=None, widget=LongSelect)
    title = forms.CharField(label=_("标题"), max_length=200)
    description = forms.CharField(
        label=_("说明"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    closes_at = forms.DateTimeField(label=_("投票截止"), widget=DateTimeInput())
    options = forms.CharField(
        label=_("候选产品类别（每行一个）"), widget=forms.Textarea(attrs={"rows": 6})
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units

    def clean_options(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["options"].splitlines() if line.strip()]


class SamplingForm(PublicForm):
    sampled = forms.TypedMultipleChoiceField(
        label=_("已列入抽检的类别"), coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )
    note = forms.CharField(
        label=_("抽检情况说明"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    results_url = forms.URLField(label=_("抽检结果链接"), required=False, assume_scheme="https")

    def __init__(self, *args, poll, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sampled"].choices = [(o.pk, o.name) for o in poll.options.all()]


class DocumentFilterForm(PublicForm):
    """The 主动公开 documents' search: region codes as on the home page, the campaign year and
    words of the title or the 发文字号."""

    province = forms.CharField(required=False)
    city = forms.CharField(required=False)
    county = forms.CharField(required=False)
    year = forms.IntegerField(required=False, min_value=2000, max_value=2100)
    q = forms.CharField(required=False, max_length=100)
