"""The notice form as the page shows it: the draft (`campaigns.forms.NoticeForm`) with the
report requirement it asks of its recipients (报送要求)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from campaigns import forms as campaign_forms
from campaigns.models import Notice
from core.widgets import DateInput
from reports.models import Material

MSG_DUE_WITHOUT_MATERIALS = _("已填写报送截止日期，请至少勾选一项报送材料。")


class NoticeForm(campaign_forms.NoticeForm):
    """A draft notice or plan with its report requirement."""

    due_date = forms.DateField(
        label=_("报送截止日期"),
        required=False,
        widget=DateInput(),
    )
    materials = forms.MultipleChoiceField(
        label=_("报送材料"),
        choices=Material.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    report_to = forms.CharField(label=_("报送至"), max_length=200, required=False)

    def clean(self) -> dict:
        data = super().clean()
        # A due date with nothing to report would expect reports of nothing.
        if data.get("due_date") and not data.get("materials"):
            self.add_error("materials", MSG_DUE_WITHOUT_MATERIALS)
        return data

    @classmethod
    def initial_for(cls, notice: Notice) -> dict:
        requirement = getattr(notice, "report_requirement", None)
        return {
            **super().initial_for(notice),
            "due_date": requirement.due_date if requirement else None,
            "materials": list(requirement.materials) if requirement else [],
            "report_to": requirement.report_to if requirement else "",
        }

    def requirement(self) -> dict:
        data = self.cleaned_data
        return {
            "due_date": data["due_date"],
            "materials": list(data["materials"]),
            "report_to": data["report_to"].strip(),
        }
