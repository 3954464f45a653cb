from django.contrib import admin

from imports.models import NoticeImport


@admin.register(NoticeImport)
class NoticeImportAdmin(admin.ModelAdmin):
    list_display = ["__str__", "unit", "uploader", "status", "created_at"]
    list_filter = ["status"]
    search_fields = ["original_name", "unit__name"]
    raw_id_fields = ["unit", "uploader", "notice"]
    readonly_fields = ["parsed", "edited", "source_text", "created_at", "updated_at"]
