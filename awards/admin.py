from django.contrib import admin

from awards.models import Application, AwardRound


@admin.register(AwardRound)
class AwardRoundAdmin(admin.ModelAdmin):
    # Read only: every step goes through awards.services, which checks and audits it.
    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_add_permission(self, request) -> bool:
        return False

    list_display = ["name", "unit", "edition", "status", "deadline"]
    list_filter = ["status", "level"]
    readonly_fields = ["status", "published_at", "publicity_starts", "publicity_ends"]


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_add_permission(self, request) -> bool:
        return False

    list_display = ["entity", "round", "status", "shortlisted", "awarded"]
    list_filter = ["status"]
    readonly_fields = ["link_hash"]
