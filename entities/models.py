from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from core.models import TimeStampedModel
from entities import credit_code
from orgs import scoping

MSG_CODE_LENGTH = gettext_noop("统一社会信用代码应为 18 位，现为 %(n)s 位。")
MSG_CODE_CHARACTER = gettext_noop(
    "统一社会信用代码含有不允许的字符（只能是数字和除 I、O、Z、S、V 以外的大写字母）。"
)
MSG_CODE_CHECK = gettext_noop("统一社会信用代码校验位不符（GB 32100），请核对营业执照或证书。")


def validate_credit_code(value: str) -> None:
    problem = credit_code.problem(value)
    if problem == "length":
        raise ValidationError(_(MSG_CODE_LENGTH) % {"n": len(value)}, code="length")
    if problem == "character":
        raise ValidationError(_(MSG_CODE_CHARACTER), code="character")
    if problem == "check":
        raise ValidationError(_(MSG_CODE_CHECK), code="check")


class Field(models.TextChoices):
    """Fields of supervision (监管领域) named by the 2023 national notice and the Hainan
    co-organizers; an inspector's competence is stated in the same terms."""

    VEHICLE = "vehicle", _("机动车检验")
    ECOLOGY = "ecology", _("生态环境监测")
    RESOURCES = "resources", _("自然资源")
    CONSTRUCTION = "construction", _("建设工程")
    FOOD = "food", _("食品")
    PRODUCT = "product", _("产品质量")
    OTHER = "other", _("其他")


class MarketEntityQuerySet(models.QuerySet):
    def for_user(self, user, action: str = scoping.Action.VIEW) -> "MarketEntityQuerySet":
        """Entities whose region lies in the subtrees where the user may do `action`."""
        return self.filter(scoping.scope_q(user, action, path_field="region__path"))

    def in_subtree(self, unit) -> "MarketEntityQuerySet":
        return self.filter(region__path__startswith=unit.path)

    def operating(self) -> "MarketEntityQuerySet":
        return self.filter(status=MarketEntity.Status.OPERATING)


class MarketEntity(TimeStampedModel):
    """A market entity (市场主体) under supervision, first of all a 检验检测机构 (inspection and
    testing body): the directory (名录) that random inspections draw from and that later
    capabilities (quality awards, enterprise assistance) share. Identified by its 统一社会信用代码;
    its region is the division of the org tree where it is located, which decides who sees it.
    """

    class Status(models.TextChoices):
        OPERATING = "operating", _("正常")
        SUSPENDED = "suspended", _("停业")
        REVOKED = "revoked", _("吊销/撤销")
        CANCELLED = "cancelled", _("注销")

    name = models.CharField(_("名称"), max_length=200)
    credit_code = models.CharField(
        _("统一社会信用代码"), max_length=18, unique=True, validators=[validate_credit_code]
    )
    license_no = models.CharField(_("资质认定证书编号"), max_length=50, blank=True)
    address = models.CharField(_("地址"), max_length=300, blank=True)
    region = models.ForeignKey(
        "orgs.OrgUnit",
        on_delete=models.PROTECT,
        related_name="market_entities",
        verbose_name=_("所在地区"),
    )
    field = models.CharField(_("领域"), max_length=20, choices=Field.choices)
    status = models.CharField(
        _("状态"), max_length=20, choices=Status.choices, default=Status.OPERATING
    )

    objects = MarketEntityQuerySet.as_manager()

    class Meta:
        verbose_name = _("市场主体")
        verbose_name_plural = _("市场主体")
        ordering = ["region", "name"]
        constraints = [
            models.CheckConstraint(condition=~Q(name=""), name="entity_name_not_empty"),
        ]
        indexes = [
            # The draw's candidate list: operating entities of one field in a region subtree.
            models.Index(fields=["field", "status"], name="entity_field_status_idx"),
        ]

    def __str__(self) -> str:
        return self.name
