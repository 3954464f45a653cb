from django.contrib import admin

from assistance.models import ServiceCase


@admin.register(ServiceCase)
class ServiceCaseAdmin(admin.ModelAdmin):
    list_display = ("entity", "unit", "status", "source", "created_at")
    list_filter = ("status", "source")
    search_fields = ("entity__name", "entity__credit_code")

    # Writes go through assistance.services (audited, version-checked).
    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_add_permission(self, request) -> bool:
        return False
