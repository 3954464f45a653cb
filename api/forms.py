from django import forms
from django.core.validators import MaxValueValidator
from django.utils.translation import gettext_lazy as _

from api.services import token_max_days


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("令牌名称"),
        max_length=100,
        help_text=_("写明用途，如 省局数据中心同步程序"),
    )
    days = forms.IntegerField(label=_("有效期（天）"), min_value=1)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # The longest lifetime is a setting, read per form rather than at import.
        longest = token_max_days()
        field = self.fields["days"]
        field.initial = longest
        field.max_value = longest
        field.validators.append(MaxValueValidator(longest))
        field.widget.attrs.update(max=longest)
        field.help_text = _("最长 %(days)s 天，到期后令牌自动失效。") % {"days": longest}
