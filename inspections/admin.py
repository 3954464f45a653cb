from django.contrib import admin

from inspections.models import Draw, InspectionTarget, Inspector, SamplingPlan


@admin.register(Inspector)
class InspectorAdmin(admin.ModelAdmin):
    list_display = ["name", "badge_no", "unit", "is_available"]
    search_fields = ["name", "badge_no"]
    raw_id_fields = ["unit", "linked_entities"]


@admin.register(SamplingPlan)
class SamplingPlanAdmin(admin.ModelAdmin):
    list_display = ["title", "unit", "status", "concluded_on", "published_at"]
    list_filter = ["status"]
    search_fields = ["title"]
    raw_id_fields = ["activity", "unit", "regions"]


@admin.register(Draw)
class DrawAdmin(admin.ModelAdmin):
    """Draws are the record of what happened: read only, here too."""

    list_display = ["plan", "number", "seed", "drawn_by", "drawn_at"]

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(InspectionTarget)
class InspectionTargetAdmin(admin.ModelAdmin):
    list_display = ["plan", "position", "entity", "outcome", "rectification"]
    list_filter = ["outcome", "rectification"]
    raw_id_fields = ["plan", "draw", "entity", "inspectors"]
