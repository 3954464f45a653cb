from auditlog.mixins import AuditlogHistoryAdminMixin
from django.contrib import admin

from campaigns.models import Campaign, Slogan


class SloganInline(admin.TabularInline):
    model = Slogan
    extra = 0
    fields = ["unit", "position", "text", "derived_from"]
    raw_id_fields = ["unit", "derived_from"]


@admin.register(Campaign)
class CampaignAdmin(AuditlogHistoryAdminMixin, admin.ModelAdmin):
    list_display = ["year", "theme", "starts_on", "ends_on"]
    search_fields = ["theme"]
    show_auditlog_history_link = True


@admin.register(Slogan)
class SloganAdmin(AuditlogHistoryAdminMixin, admin.ModelAdmin):
    list_display = ["text", "campaign", "unit", "position"]
    list_filter = ["campaign"]
    search_fields = ["text", "unit__name"]
    autocomplete_fields = ["unit"]
    raw_id_fields = ["derived_from"]
    show_auditlog_history_link = True
