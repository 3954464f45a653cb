from django.contrib import admin

from entities.models import MarketEntity


@admin.register(MarketEntity)
class MarketEntityAdmin(admin.ModelAdmin):
    list_display = ["name", "credit_code", "region", "field", "status"]
    list_filter = ["field", "status"]
    search_fields = ["name", "credit_code", "license_no"]
    raw_id_fields = ["region"]
