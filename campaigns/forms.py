import re

from django import forms
from django.utils.translation import gettext_lazy as _

from campaigns.attachments import AttachmentEdit
from campaigns.models import Campaign, Notice, Slogan
from core.widgets import DateInput
from orgs.models import OrgUnit

# The edit was not saved because someone saved first: what the form says next to the error.
MSG_CONFLICT_KEPT = _("您的输入已保留在下方；核对后再次保存将以您的内容为准。")

# Headings as 公文 number them: 一、 (level 1), （一） (level 2), 1. (level 3). Half-width
# parentheses and 1、/1． occur in pasted text and are read the same way.
_CN_NUM = "一二三四五六七八九十百零〇"
HEADING_PATTERNS: list[tuple[int, re.Pattern[str]]] = [
    (1, re.compile(rf"^([{_CN_NUM}]+、)\s*(.*)$")),
    (2, re.compile(rf"^([（(][{_CN_NUM}]+[）)])\s*(.*)$")),
    (3, re.compile(r"^(\d{1,2}[.．、])(?!\d)\s*(.*)$")),
]


def body_from_text(text: str) -> list[dict]:
    """The textarea, one paragraph a line, as body blocks [{level, number, text}]."""
    blocks = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        for level, pattern in HEADING_PATTERNS:
            match = pattern.match(line)
            if match and match.group(2):
                number = match.group(1).replace("(", "（").replace(")", "）")
                blocks.append({"level": level, "number": number, "text": match.group(2)})
                break
        else:
            blocks.append({"level": 0, "number": "", "text": line})
    return blocks


def body_to_text(blocks: list[dict]) -> str:
    return "\n".join(f"{b.get('number', '')}{b.get('text', '')}" for b in blocks or [])


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one input (Django's documented pattern); always a list."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".docx,.xlsx,.pdf"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []


def lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class NoticeForm(forms.Form):
    """A draft notice or plan. `unit` decides which child units can be chosen as recipients.
    The page adds the report requirement's fields: `cascade.forms.NoticeForm`."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    campaign = forms.ModelChoiceField(
        label=_("活动年度"), queryset=Campaign.objects.all(), empty_label=None
    )
    kind = forms.ChoiceField(label=_("文种"), choices=Notice.Kind.choices)
    title = forms.CharField(label=_("标题"), max_length=300)
    doc_number = forms.CharField(
        label=_("发文字号"),
        max_length=100,
        required=False,
        help_text=_("如 湘市监办发〔2023〕57号"),
    )
    issuer_names = forms.CharField(
        label=_("发文机关"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("每行一个；联合发文时依次列出"),
    )
    theme = forms.CharField(label=_("活动主题"), max_length=200, required=False)
    recipients_text = forms.CharField(
        label=_("主送机关"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    recipient_units = forms.ModelMultipleChoiceField(
        label=_("接收单位"),
        queryset=OrgUnit.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("印发后送达这些单位的收文箱"),
    )
    issue_date = forms.DateField(
        label=_("成文日期"),
        required=False,
        widget=DateInput(),
        help_text=_("不填则以印发当天为准"),
    )
    publication = forms.ChoiceField(label=_("公开属性"), choices=Notice.Publication.choices)
    body_text = forms.CharField(
        label=_("正文"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text=_("每行一段；以“一、”“（一）”“1.”开头的行识别为各级标题"),
    )
    basis_text = forms.CharField(
        label=_("依据文号（平台外文件）"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("每行一个，如 国市监质发〔2023〕73号"),
    )
    printing_line = forms.CharField(label=_("印发机关"), max_length=200, required=False)
    copied_to = forms.CharField(
        label=_("抄送机关"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("印在版记中，如：省委办公厅，省政府办公厅"),
    )
    attachment_files = MultipleFileField(
        label=_("上传附件"),
        required=False,
        help_text=_("DOCX、XLSX 或 PDF，可多选；随通知送达各接收单位"),
    )

    def __init__(self, *args, unit: OrgUnit, creating: bool = True, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not creating:
            # A draft stays in its campaign; only a new one picks the year.
            del self.fields["campaign"]
        self.fields["recipient_units"].queryset = OrgUnit.objects.get_children(unit).filter(
            is_active=True
        )

    @classmethod
    def initial_for(cls, notice: Notice) -> dict:
        return {
            "version": notice.version,
            "campaign": notice.campaign_id,
            "kind": notice.kind,
            "title": notice.title,
            "doc_number": notice.doc_number,
            "issuer_names": "\n".join(notice.issuer_names),
            "theme": notice.theme,
            "recipients_text": notice.recipients_text,
            "recipient_units": list(notice.recipient_units.values_list("pk", flat=True)),
            "issue_date": notice.issue_date,
            "publication": notice.publication,
            "body_text": body_to_text(notice.body),
            "basis_text": "\n".join(notice.basis_text),
            "printing_line": notice.printing_line,
            "copied_to": notice.copied_to,
        }

    def notice_fields(self) -> dict:
        """The cleaned data as `notice_draft_save` takes it (without contacts)."""
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "title": data["title"].strip(),
            "doc_number": data["doc_number"].strip(),
            "issuer_names": lines(data["issuer_names"]),
            "theme": data["theme"].strip(),
            "recipients_text": data["recipients_text"].strip(),
            "recipient_units": list(data["recipient_units"]),
            "issue_date": data["issue_date"],
            "publication": data["publication"],
            "body": body_from_text(data["body_text"]),
            "basis_text": lines(data["basis_text"]),
            "printing_line": data["printing_line"].strip(),
            "copied_to": data["copied_to"].strip(),
        }


class AttachmentForm(forms.Form):
    """An existing attachment on the notice form: its title, or removed."""

    id = forms.IntegerField(widget=forms.HiddenInput)
    title = forms.CharField(label=_("附件标题"), max_length=300)
    delete = forms.BooleanField(label=_("删除"), required=False)


AttachmentFormSet = forms.formset_factory(AttachmentForm, extra=0)


def attachment_initial(notice: Notice | None) -> list[dict]:
    if notice is None:
        return []
    return [{"id": a.pk, "title": a.title} for a in notice.attachments.all()]


def attachment_edits(formset) -> list[AttachmentEdit]:
    return [
        AttachmentEdit(
            pk=f.cleaned_data["id"],
            title=f.cleaned_data["title"],
            delete=f.cleaned_data["delete"],
        )
        for f in formset.forms
        if f.cleaned_data
    ]


class ContactForm(forms.Form):
    name = forms.CharField(label=_("联系人"), max_length=50, required=False)
    phone = forms.CharField(label=_("电话（传真）"), max_length=100, required=False)
    email = forms.EmailField(label=_("电子邮箱"), required=False)

    def clean(self):
        data = super().clean()
        if (data.get("phone") or data.get("email")) and not data.get("name"):
            self.add_error("name", _("请填写联系人姓名。"))
        return data


ContactFormSet = forms.formset_factory(ContactForm, extra=2, max_num=10)


def contacts_from(formset) -> list[dict]:
    return [
        {
            "name": f.cleaned_data["name"],
            "phone": f.cleaned_data["phone"],
            "email": f.cleaned_data["email"],
        }
        for f in formset.forms
        if f.cleaned_data.get("name")
    ]


class CorrectionForm(forms.Form):
    """更正: the reason, and the fields of the issued notice as they should read."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("更正理由"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
    doc_number = NoticeForm.base_fields["doc_number"]
    title = NoticeForm.base_fields["title"]
    issue_date = forms.DateField(label=_("成文日期"), widget=DateInput())
    theme = NoticeForm.base_fields["theme"]
    recipients_text = NoticeForm.base_fields["recipients_text"]
    body_text = NoticeForm.base_fields["body_text"]

    @classmethod
    def initial_for(cls, notice: Notice) -> dict:
        return {
            "version": notice.version,
            "doc_number": notice.doc_number,
            "title": notice.title,
            "issue_date": notice.issue_date,
            "theme": notice.theme,
            "recipients_text": notice.recipients_text,
            "body_text": body_to_text(notice.body),
        }

    def changes(self) -> dict:
        data = self.cleaned_data
        return {
            "doc_number": data["doc_number"].strip(),
            "title": data["title"].strip(),
            "issue_date": data["issue_date"],
            "theme": data["theme"].strip(),
            "recipients_text": data["recipients_text"].strip(),
            "body": body_from_text(data["body_text"]),
        }


class SlogansForm(forms.Form):
    """One row per line of the list being worked on (the unit's own list, or the suggestions
    from the list above): the text, pre-filled and editable, and whether to keep it; plus new
    lines to add at the end."""

    added = forms.CharField(
        label=_("新增口号"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("每行一条"),
    )

    def __init__(self, *args, rows: list[tuple[str, Slogan | None]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.rows = rows
        for i, (text, source) in enumerate(rows):
            self.fields[f"text_{i}"] = forms.CharField(
                label=_("口号 %(n)s") % {"n": i + 1},
                max_length=200,
                required=False,
                initial=text,
                help_text=_("上级原文：%(text)s") % {"text": source.text} if source else "",
            )
            self.fields[f"keep_{i}"] = forms.BooleanField(
                label=_("采用"), required=False, initial=True
            )

    def row_fields(self):
        return [(self[f"text_{i}"], self[f"keep_{i}"]) for i in range(len(self.rows))]

    def clean(self):
        data = super().clean()
        chosen = []
        for i, (_text, source) in enumerate(self.rows):
            text = (data.get(f"text_{i}") or "").strip()
            if data.get(f"keep_{i}"):
                if not text:
                    self.add_error(f"text_{i}", _("口号不能为空；不采用请取消勾选。"))
                chosen.append((text, source))
        chosen += [(line, None) for line in lines(data.get("added") or "")]
        texts = [t for t, _s in chosen]
        if len(set(texts)) != len(texts):
            raise forms.ValidationError(_("口号有重复。"))
        data["lines"] = chosen
        return data


class CampaignForm(forms.Form):
    """开设新年度: the year, its theme and the national slogans (one a line)."""

    year = forms.IntegerField(label=_("年度"), min_value=1978, max_value=2100)
    theme = forms.CharField(label=_("活动主题"), max_length=200)
    starts_on = forms.DateField(
        label=_("开始日期"),
        required=False,
        widget=DateInput(),
        help_text=_("不填则为当年9月1日"),
    )
    ends_on = forms.DateField(
        label=_("结束日期"),
        required=False,
        widget=DateInput(),
        help_text=_("不填则为当年9月30日"),
    )
    slogans = forms.CharField(
        label=_("活动口号"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("每行一条，按顺序排列"),
    )

    def clean(self):
        data = super().clean()
        year = data.get("year")
        for name in ("starts_on", "ends_on"):
            day = data.get(name)
            if year and day and day.year != year:
                self.add_error(name, _("日期应在%(year)s年内。") % {"year": year})
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("结束日期不能早于开始日期。"))
        return data

    def slogan_lines(self) -> list[str]:
        return lines(self.cleaned_data.get("slogans") or "")
