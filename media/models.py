from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel

# The terms of use are the unit's own words (data, not an interface label): stored as
# written, whatever the language of the page that saved them.
DEFAULT_LICENCE = (
    "供各级市场监管部门和社会各界在质量月公益宣传中免费使用，不得用于商业用途，不得修改主题和口号。"
)


class MediaItemQuerySet(models.QuerySet):
    def for_user(self, user, action: str = "view") -> "MediaItemQuerySet":
        """Seeing: the items of the user's subtrees and of every unit above them (a county
        prints the province's poster). Editing: only the own subtree."""
        from orgs import scoping

        return self.filter(
            scoping.scope_q(
                user,
                action,
                path_field="unit__path",
                include_ancestors=action == scoping.Action.VIEW,
            )
        )


class MediaItem(TimeStampedModel):
    """A campaign's publicity material (宣传素材): a poster (海报), banner (横幅), slogan image
    (口号图片) or video (宣传视频) the issuing unit uploads for the public and its subordinate
    units to download and print, with the terms of use (使用说明) and the print size. Every item
    is public: publicity is what it is for."""

    class Kind(models.TextChoices):
        POSTER = "poster", _("海报")
        BANNER = "banner", _("横幅")
        SLOGAN_IMAGE = "slogan_image", _("口号图片")
        VIDEO = "video", _("宣传视频")

    campaign = models.ForeignKey(
        "campaigns.Campaign",
        on_delete=models.PROTECT,
        related_name="media_items",
        verbose_name=_("活动"),
    )
    unit = models.ForeignKey(
        "orgs.OrgUnit",
        on_delete=models.PROTECT,
        related_name="media_items",
        verbose_name=_("发布单位"),
    )
    kind = models.CharField(_("类型"), max_length=20, choices=Kind.choices, default=Kind.POSTER)
    title = models.CharField(_("标题"), max_length=200)
    print_size = models.CharField(
        _("印制尺寸"), max_length=60, blank=True, help_text=_("如：A2（420×594毫米）、10米×0.7米")
    )
    licence = models.CharField(_("使用说明"), max_length=300, default=DEFAULT_LICENCE)
    file = models.FileField(_("文件"), upload_to="media_library/%Y/")
    file_name = models.CharField(_("文件名"), max_length=255)
    content_type = models.CharField(_("文件类型"), max_length=100)
    file_size = models.PositiveBigIntegerField(_("文件大小"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("上传人"),
    )

    objects = MediaItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("宣传素材")
        verbose_name_plural = _("宣传素材")
        ordering = ["-campaign__year", "unit__path", "kind", "pk"]
        indexes = [
            # The library lists one campaign's items, the unit's own and those above it.
            models.Index(fields=["campaign", "unit"], name="media_item_campaign_unit_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("media:item_detail", args=[self.pk])

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")

    @property
    def is_video(self) -> bool:
        return self.content_type.startswith("video/")
