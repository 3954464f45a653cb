from django.contrib import admin

from notifications.models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["title", "unit", "kind", "created_at", "read_at"]
    list_filter = ["kind"]
    search_fields = ["title", "unit__name"]
    raw_id_fields = ["unit"]
