from django import forms
from django.utils.translation import gettext_lazy as _

from media.models import MediaItem

ACCEPT = ".jpg,.jpeg,.png,.gif,.webp,.pdf,.mp4"


class MediaItemForm(forms.ModelForm):
    """A new item: the unit and the year, what it is, and the file."""

    upload = forms.FileField(
        label=_("文件"), help_text=_("图片（JPG、PNG、GIF、WebP）、PDF 或 MP4 视频")
    )

    class Meta:
        model = MediaItem
        fields = ["unit", "campaign", "kind", "title", "print_size", "licence"]
        widgets = {"licence": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, units, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = self.fields["unit"].queryset.filter(
            pk__in=[u.pk for u in units]
        )
        self.fields["unit"].empty_label = None
        self.fields["campaign"].empty_label = None
        self.fields["upload"].widget.attrs["accept"] = ACCEPT


class MediaItemEditForm(forms.ModelForm):
    """An item's description; a new file replaces the old one, none keeps it."""

    upload = forms.FileField(
        label=_("更换文件"), required=False, help_text=_("不选择文件则保留原文件")
    )

    class Meta:
        model = MediaItem
        fields = ["kind", "title", "print_size", "licence"]
        widgets = {"licence": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["upload"].widget.attrs["accept"] = ACCEPT


class MediaFilterForm(forms.Form):
    year = forms.IntegerField(required=False, min_value=2000, max_value=2100)
    kind = forms.ChoiceField(required=False, choices=[("", "")] + list(MediaItem.Kind.choices))
