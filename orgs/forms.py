from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from orgs.scoping import Role

User = get_user_model()

MSG_NO_SUCH_USER = gettext_noop("没有名为“%(name)s”的有效用户。")


class UnitForm(forms.Form):
    full_name = forms.CharField(label=_("全称"), max_length=200)
    aliases = forms.CharField(
        label=_("别名"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("每行一个，如 省市场监管局、省局，用于匹配公文中的名称"),
    )


class MembershipForm(forms.Form):
    username = forms.CharField(label=_("用户名"), max_length=150)
    role = forms.ChoiceField(label=_("角色"), choices=Role.choices)

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        try:
            return User.objects.get(username=username, is_active=True)
        except User.DoesNotExist:
            raise forms.ValidationError(_(MSG_NO_SUCH_USER), params={"name": username}) from None
