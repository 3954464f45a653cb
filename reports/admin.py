from django.contrib import admin

from reports import models, tallies


class RecountsTallies:
    """The admin edits rows directly, past the services that keep the completeness tallies
    (`reports.tallies`): a change or deletion here recounts the requirements it touched,
    before and after, in the admin's own transaction."""

    requirement_path = "requirement"

    def _requirements(self, queryset) -> set[int]:
        return set(queryset.values_list(self.requirement_path, flat=True))

    def save_model(self, request, obj, form, change) -> None:
        before = self._requirements(self.model.objects.filter(pk=obj.pk)) if obj.pk else set()
        super().save_model(request, obj, form, change)
        tallies.requirements_rebuild(
            before | self._requirements(self.model.objects.filter(pk=obj.pk))
        )

    def delete_model(self, request, obj) -> None:
        touched = self._requirements(self.model.objects.filter(pk=obj.pk))
        super().delete_model(request, obj)
        tallies.requirements_rebuild(touched)

    def delete_queryset(self, request, queryset) -> None:
        touched = self._requirements(queryset)
        super().delete_queryset(request, queryset)
        tallies.requirements_rebuild(touched)


class StatisticFieldInline(admin.TabularInline):
    model = models.StatisticField
    extra = 0


@admin.register(models.ReportRequirement)
class ReportRequirementAdmin(admin.ModelAdmin):
    list_display = ["notice", "due_date", "report_to"]
    raw_id_fields = ["notice"]
    inlines = [StatisticFieldInline]


@admin.register(models.ExpectedReport)
class ExpectedReportAdmin(RecountsTallies, admin.ModelAdmin):
    list_display = ["requirement", "unit", "removed_at", "removed_reason"]
    raw_id_fields = ["requirement", "unit", "removed_by"]


class ReportEventInline(admin.TabularInline):
    model = models.ReportEvent
    extra = 0
    readonly_fields = ["kind", "actor", "reason", "is_late", "created_at"]


@admin.register(models.Report)
class ReportAdmin(RecountsTallies, admin.ModelAdmin):
    requirement_path = "expected__requirement"

    list_display = ["expected", "status", "submitted_at", "is_late"]
    list_filter = ["status", "is_late"]
    raw_id_fields = ["expected"]
    inlines = [ReportEventInline]


@admin.register(models.Bulletin)
class BulletinAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "unit", "to_unit", "created_at"]
    raw_id_fields = ["unit", "to_unit", "author"]
