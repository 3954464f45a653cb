from auditlog.mixins import AuditlogHistoryAdminMixin
from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from orgs.models import Department, Membership, OrgUnit


class OrgUnitAddForm(forms.ModelForm):
    parent_ref = forms.CharField(
        label=_("上级单位"),
        help_text=_("填写上级单位的区划代码或编号（ID）"),
    )

    class Meta:
        model = OrgUnit
        fields = ["name", "full_name", "kind", "code", "aliases", "is_active"]

    def clean_parent_ref(self) -> OrgUnit:
        ref = self.cleaned_data["parent_ref"].strip()
        unit = OrgUnit.objects.filter(code=ref).first()
        if unit is None and ref.isdigit():
            unit = OrgUnit.objects.filter(pk=int(ref)).first()
        if unit is None:
            raise forms.ValidationError(_("找不到该上级单位。"))
        return unit


class DepartmentInline(admin.TabularInline):
    model = Department
    extra = 0
    fields = ["name", "aliases", "is_active"]


@admin.register(OrgUnit)
class OrgUnitAdmin(AuditlogHistoryAdminMixin, admin.ModelAdmin):
    list_display = ["display_name", "kind", "code", "depth", "numchild", "is_active"]
    list_filter = ["kind", "depth", "is_active"]
    search_fields = ["name", "full_name", "code", "aliases"]
    readonly_fields = ["path", "depth", "numchild", "created_at", "updated_at"]
    fields = ["name", "full_name", "kind", "code", "aliases", "is_active", *readonly_fields]
    inlines = [DepartmentInline]
    show_auditlog_history_link = True
    list_per_page = 50

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = OrgUnitAddForm
        return super().get_form(request, obj, **kwargs)

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["parent_ref", "name", "full_name", "kind", "code", "aliases", "is_active"]
        return self.fields

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        # New units go into the tree under their parent (treebeard computes the path).
        created = OrgUnit.objects.add_child(form.cleaned_data["parent_ref"], instance=obj)
        obj.pk = created.pk


@admin.register(Department)
class DepartmentAdmin(AuditlogHistoryAdminMixin, admin.ModelAdmin):
    list_display = ["name", "unit", "is_active"]
    list_filter = ["is_active", "unit__kind"]
    search_fields = ["name", "aliases", "unit__name", "unit__full_name"]
    autocomplete_fields = ["unit"]
    show_auditlog_history_link = True


@admin.register(Membership)
class MembershipAdmin(AuditlogHistoryAdminMixin, admin.ModelAdmin):
    list_display = ["user", "unit", "role", "created_at"]
    list_filter = ["role", "unit__kind"]
    search_fields = ["user__username", "user__first_name", "unit__name", "unit__full_name"]
    autocomplete_fields = ["unit", "user"]
    show_auditlog_history_link = True
