from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from api import services
from api.models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "user",
        "prefix",
        "created_at",
        "expires_at",
        "last_used_at",
        "revoked_at",
    ]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["name", "user__username", "prefix"]
    raw_id_fields = ["user"]
    actions = ["revoke"]

    def get_fields(self, request, obj=None):
        return (
            ["user", "name"]
            if obj is None
            else [
                "user",
                "name",
                "prefix",
                "created_at",
                "expires_at",
                "last_used_at",
                "revoked_at",
            ]
        )

    def get_readonly_fields(self, request, obj=None):
        return (
            []
            if obj is None
            else ["user", "prefix", "created_at", "expires_at", "last_used_at", "revoked_at"]
        )

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        created = services.token_create(actor=request.user, user=obj.user, name=obj.name)
        obj.pk = created.token.pk
        messages.warning(
            request,
            _("令牌已创建，请立即复制，离开本页后无法再查看：%(key)s") % {"key": created.key},
        )

    @admin.action(description=_("撤销所选令牌"))
    def revoke(self, request, queryset):
        for token in queryset:
            services.token_revoke(actor=request.user, token=token)
