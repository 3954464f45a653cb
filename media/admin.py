from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from media.models import MediaItem


@admin.register(MediaItem)
class MediaItemAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "unit", "campaign", "file_size"]
    list_filter = ["kind", "campaign"]
    search_fields = ["title", "unit__name"]
    raw_id_fields = ["unit", "uploaded_by"]
    # Files are uploaded and checked by the library's own pages; the storage URL is not
    # served to users (downloads go through the permission-checked view), so the admin links
    # to that view instead of the raw file.
    exclude = ["file"]
    readonly_fields = ["download"]

    def has_add_permission(self, request) -> bool:
        return False

    @admin.display(description=_("文件"))
    def download(self, item: MediaItem) -> str:
        return format_html(
            '<a href="{}">{}</a>', reverse("media:item_file", args=[item.pk]), item.file_name
        )
