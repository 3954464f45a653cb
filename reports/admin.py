from django.contrib import admin

from reports import models


class StatisticFieldInline(admin.TabularInline):
    model = models.StatisticField
    extra = 0


@admin.register(models.ReportRequirement)
class ReportRequirementAdmin(admin.ModelAdmin):
    list_display = ["notice", "due_date", "report_to"]
    raw_id_fields = ["notice"]
    inlines = [StatisticFieldInline]


@admin.register(models.ExpectedReport)
class ExpectedReportAdmin(admin.ModelAdmin):
    list_display = ["requirement", "unit", "removed_at", "removed_reason"]
    raw_id_fields = ["requirement", "unit", "removed_by"]


class ReportEventInline(admin.TabularInline):
    model = models.ReportEvent
    extra = 0
    readonly_fields = ["kind", "actor", "reason", "is_late", "created_at"]


@admin.register(models.Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["expected", "status", "submitted_at", "is_late"]
    list_filter = ["status", "is_late"]
    raw_id_fields = ["expected"]
    inlines = [ReportEventInline]


@admin.register(models.Bulletin)
class BulletinAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "unit", "to_unit", "created_at"]
    raw_id_fields = ["unit", "to_unit", "author"]
