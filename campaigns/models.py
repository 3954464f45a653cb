from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel


class CampaignQuerySet(models.QuerySet):
    def current(self) -> "Campaign | None":
        """This year's campaign, or the latest one before it."""
        return self.order_by("-year").first()


class Campaign(TimeStampedModel):
    """The yearly Quality Month (质量月) campaign, with the theme (活动主题) the national notice
    sets each August. Past years stay browsable.
    """

    year = models.PositiveSmallIntegerField(_("年度"), unique=True)
    theme = models.CharField(_("活动主题"), max_length=200)
    starts_on = models.DateField(_("开始日期"))
    ends_on = models.DateField(_("结束日期"))

    objects = CampaignQuerySet.as_manager()

    class Meta:
        verbose_name = _("质量月活动")
        verbose_name_plural = _("质量月活动")
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="campaign_period_ordered"
            ),
            models.CheckConstraint(
                condition=Q(year__gte=1978) & Q(year__lte=2100), name="campaign_year_plausible"
            ),
        ]

    def __str__(self) -> str:
        return _("%(year)s年质量月") % {"year": self.year}

    def national_slogans(self) -> models.QuerySet["Slogan"]:
        return self.slogans.filter(unit__kind="national").order_by("position")


class Slogan(TimeStampedModel):
    """A campaign slogan (口号) in one unit's list. The national list comes with the national
    notice; a province or county reuses it and localizes lines (湖南: 质量强国 → 质量强省, plus
    树立湖南质量形象), keeping a link to the line it was derived from.
    """

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="slogans", verbose_name=_("活动")
    )
    unit = models.ForeignKey(
        "orgs.OrgUnit", on_delete=models.CASCADE, related_name="slogans", verbose_name=_("单位")
    )
    text = models.CharField(_("口号"), max_length=200)
    position = models.PositiveSmallIntegerField(_("序号"), default=0)
    derived_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="localized",
        verbose_name=_("来源口号"),
    )

    class Meta:
        verbose_name = _("口号")
        verbose_name_plural = _("口号")
        ordering = ["campaign", "unit", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "unit", "text"], name="slogan_unique_text_per_list"
            ),
        ]

    def __str__(self) -> str:
        return self.text
