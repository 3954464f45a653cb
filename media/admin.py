from django.contrib import admin

from media.models import MediaItem


@admin.register(MediaItem)
class MediaItemAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "unit", "campaign", "file_size"]
    list_filter = ["kind", "campaign"]
    search_fields = ["title", "unit__name"]
    raw_id_fields = ["unit", "uploaded_by"]
