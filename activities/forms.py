from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from activities.models import Activity, ActivityParticipant
from activities.selectors import active_categories, participant_names
from exports.documents import split_unit_names
from exports.schedule_xlsx import MAX_BYTES

MSG_FILE_TOO_LARGE = gettext_noop("文件过大（超过 %(mb)s MB），请拆分后再导入。")
TEXT_FIELDS = ("title", "content", "window_text", "remarks", "category", "status", "is_public")


class _VersionedForm(forms.Form):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")  # labels sit above their inputs
        super().__init__(*args, **kwargs)

    # The version the clerk loaded; a save based on an older one is refused (ConflictError).
    version = forms.IntegerField(widget=forms.HiddenInput)


class ActivityRowForm(_VersionedForm):
    """One row of a draft plan's schedule (Yong'an's 附件2 columns plus 类别, 状态, 公开)."""

    title = forms.CharField(label=_("活动主题"), max_length=300)
    content = forms.CharField(
        label=_("活动内容"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    window_text = forms.CharField(
        label=_("时间安排"),
        max_length=50,
        required=False,
        help_text=_("如 9月、9-10月、9月中旬、全年"),
    )
    leads = forms.CharField(
        label=_("牵头部门"), max_length=500, required=False, help_text=_("多个用“、”隔开")
    )
    supports = forms.CharField(
        label=_("协办单位"), max_length=500, required=False, help_text=_("多个用“、”隔开")
    )
    remarks = forms.CharField(label=_("备注"), max_length=300, required=False)
    category = forms.ModelChoiceField(
        label=_("类别"), queryset=active_categories(), required=False, empty_label="—"
    )
    status = forms.ChoiceField(label=_("状态"), choices=Activity.Status.choices)
    is_public = forms.BooleanField(label=_("向公众发布"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = active_categories()
        self.fields["version"].initial = 1
        self.fields["status"].initial = Activity.Status.PLANNED

    @classmethod
    def initial_for(cls, activity: Activity) -> dict:
        Role = ActivityParticipant.Role
        return {
            "version": activity.version,
            "title": activity.title,
            "content": activity.content,
            "window_text": activity.window_text,
            "leads": participant_names(activity, Role.LEAD),
            "supports": participant_names(activity, Role.SUPPORT),
            "remarks": activity.remarks,
            "category": activity.category_id,
            "status": activity.status,
            "is_public": activity.is_public,
        }

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            **{name: data[name] for name in TEXT_FIELDS},
            "leads": split_unit_names(data["leads"]),
            "supports": split_unit_names(data["supports"]),
        }


class ActivityProgressForm(_VersionedForm):
    """What may still change once the plan is issued: how the activity is going."""

    status = forms.ChoiceField(label=_("状态"), choices=Activity.Status.choices)
    completion_note = forms.CharField(
        label=_("完成情况"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    location = forms.CharField(label=_("地点"), max_length=200, required=False)
    is_public = forms.BooleanField(label=_("向公众发布"), required=False)

    @classmethod
    def initial_for(cls, activity: Activity) -> dict:
        return {
            "version": activity.version,
            "status": activity.status,
            "completion_note": activity.completion_note,
            "location": activity.location,
            "is_public": activity.is_public,
        }

    def service_kwargs(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "version"}


def row_form_class(activity_or_notice) -> type[_VersionedForm]:
    notice = getattr(activity_or_notice, "notice", activity_or_notice)
    return ActivityProgressForm if notice.is_issued else ActivityRowForm


def upload_limit() -> int:
    """The smaller of the platform's upload limit and the schedule reader's own."""
    return min(settings.QM_NOTICE_UPLOAD_MAX_BYTES, MAX_BYTES)


class ScheduleImportForm(forms.Form):
    file = forms.FileField(
        label=_("活动计划安排表（.xlsx）"),
        help_text=_("表头应包含 序号、活动主题、活动内容、时间安排、牵头部门、协办单位、备注"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )
    replace = forms.BooleanField(
        label=_("替换现有活动"),
        required=False,
        help_text=_("勾选后先删除本方案现有的全部活动，再导入表中各行；不勾选则追加在后面。"),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = upload_limit()
        # Checked before anything reads the file.
        if upload.size > limit:
            raise forms.ValidationError(
                _(MSG_FILE_TOO_LARGE),
                params={"mb": limit // (1024 * 1024) or 1},
            )
        return upload
