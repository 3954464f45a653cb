from django import forms
from django.utils.translation import gettext_lazy as _

from core.widgets import LongSelect
from entities.models import MarketEntity
from orgs import scoping
from orgs.models import OrgUnit


class EntityForm(forms.ModelForm):
    class Meta:
        model = MarketEntity
        fields = ["name", "credit_code", "license_no", "address", "region", "field", "status"]
        widgets = {"region": LongSelect}

    def __init__(self, *args, user, **kwargs) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        # Only territorial units the clerk may edit can be an entity's region.
        self.fields["region"].queryset = OrgUnit.objects.for_user(user, scoping.Action.EDIT).filter(
            kind__in=OrgUnit.TERRITORIAL_KINDS
        )

    def clean_credit_code(self) -> str:
        return "".join(self.cleaned_data["credit_code"].split()).upper()

    def validate_unique(self) -> None:
        # The service names the entity that already holds a code.
        pass


class DirectoryImportForm(forms.Form):
    file = forms.FileField(
        label=_("名录文件"), help_text=_("Excel（.xlsx）或 CSV，首行为表头，最大 5 MB")
    )
