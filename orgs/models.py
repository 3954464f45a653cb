from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node, MP_NodeManager, MP_NodeQuerySet

from core.models import TimeStampedModel
from orgs import scoping


class OrgUnitQuerySet(MP_NodeQuerySet):
    def for_user(self, user, action: str = scoping.Action.VIEW) -> "OrgUnitQuerySet":
        """Units inside the subtrees where the user holds a role allowing `action`."""
        return self.filter(scoping.scope_q(user, action, path_field="path"))

    def subtree_of(self, unit: "OrgUnit", include_self: bool = True) -> "OrgUnitQuerySet":
        # One indexed prefix query (orgunit_path_prefix_idx), however deep the tree is.
        qs = self.filter(path__startswith=unit.path)
        return qs if include_self else qs.exclude(pk=unit.pk)

    def active(self) -> "OrgUnitQuerySet":
        return self.filter(is_active=True)


class OrgUnitManager(MP_NodeManager.from_queryset(OrgUnitQuerySet)):
    def get_queryset(self) -> OrgUnitQuerySet:
        return OrgUnitQuerySet(self.model, using=self._db).order_by("path")


class OrgUnit(MP_Node, TimeStampedModel):
    """An organization unit (单位): a market regulation bureau at one level of the territorial
    hierarchy (national → province → prefecture → county → market supervision station 市场监管所),
    or a non-territorial body that takes part in the campaign: a co-organizing ministry or
    provincial department (联合主办单位), an association (协会), or an office such as
    质量强省工作领导小组办公室. One tree holds them all, so that a role on a unit reaches its
    whole subtree with one prefix query on the materialized path.
    """

    class Kind(models.TextChoices):
        NATIONAL = "national", _("国家级")
        PROVINCE = "province", _("省级")
        PREFECTURE = "prefecture", _("地市级")
        COUNTY = "county", _("县级")
        STATION = "station", _("市场监管所")
        MINISTRY = "ministry", _("部门")
        ASSOCIATION = "association", _("协会")
        OFFICE = "office", _("办公室")
        OTHER = "other", _("其他")

    # Territorial kinds, top-down; their order is the reporting hierarchy.
    TERRITORIAL_KINDS = (Kind.NATIONAL, Kind.PROVINCE, Kind.PREFECTURE, Kind.COUNTY, Kind.STATION)

    # A step of 4 base-36 digits allows 1.6 million children per unit; five levels fit in 20.
    steplen = scoping.PATH_STEP
    path = models.CharField(max_length=64, unique=True)

    name = models.CharField(_("名称"), max_length=100, help_text=_("行政区划或机构简称，如 湖南省"))
    full_name = models.CharField(
        _("全称"), max_length=200, blank=True, help_text=_("如 湖南省市场监督管理局")
    )
    kind = models.CharField(_("类别"), max_length=20, choices=Kind.choices)
    code = models.CharField(
        _("区划代码"),
        max_length=12,
        null=True,
        blank=True,
        unique=True,
        help_text=_("GB/T 2260 行政区划代码（乡镇级为 9 位统计用代码）"),
    )
    aliases = models.TextField(
        _("别名"), blank=True, help_text=_("每行一个，如 省市场监管局、省局，用于匹配公文中的名称")
    )
    is_active = models.BooleanField(_("有效"), default=True)

    objects = OrgUnitManager()

    class Meta:
        verbose_name = _("单位")
        verbose_name_plural = _("单位")
        ordering = ["path"]
        indexes = [
            # Subtree queries are `path LIKE 'prefix%'`; on PostgreSQL a btree only serves
            # LIKE with pattern ops (the unique index uses the database collation).
            models.Index(
                fields=["path"], name="orgunit_path_prefix_idx", opclasses=["varchar_pattern_ops"]
            ),
            models.Index(fields=["kind", "name"], name="orgunit_kind_name_idx"),
            # A unit's children: one depth, under one prefix. The figure pages group by child
            # (the nation's 31 provinces among 45,000 units) and must not scan the tree.
            models.Index(
                fields=["depth", "path"],
                name="orgunit_depth_path_idx",
                opclasses=["int4_ops", "varchar_pattern_ops"],
            ),
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(name=""), name="orgunit_name_not_empty"),
        ]

    def __str__(self) -> str:
        return self.full_name or self.name

    def get_absolute_url(self) -> str:
        return reverse("orgs:unit_detail", args=[self.pk])

    @property
    def display_name(self) -> str:
        return self.full_name or self.name

    def alias_list(self) -> list[str]:
        return [line.strip() for line in self.aliases.splitlines() if line.strip()]

    def ancestor_paths(self) -> list[str]:
        return [self.path[: i * self.steplen] for i in range(1, self.depth)]


class Department(TimeStampedModel):
    """A department of a unit (处室 / 科室 / 队, e.g. 质量发展局, 宣传处, 质量科, 执法大队) that can
    lead (牵头) or support (配合) an activity.
    """

    unit = models.ForeignKey(
        OrgUnit, on_delete=models.CASCADE, related_name="departments", verbose_name=_("所属单位")
    )
    name = models.CharField(_("名称"), max_length=100)
    aliases = models.TextField(_("别名"), blank=True, help_text=_("每行一个，如 质量局"))
    is_active = models.BooleanField(_("有效"), default=True)

    class Meta:
        verbose_name = _("处室/科室")
        verbose_name_plural = _("处室/科室")
        ordering = ["unit", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "name"], name="department_unique_name_per_unit"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit.name} · {self.name}"


class MembershipQuerySet(models.QuerySet):
    def for_user(self, user, action: str = scoping.Action.MANAGE) -> "MembershipQuerySet":
        return self.filter(scoping.scope_q(user, action, path_field="unit__path"))


class Membership(TimeStampedModel):
    """A user's role (角色) on a unit: 管理员, 编辑 or 查看. The role applies to the unit and to
    its whole subtree: a county editor edits the county and its stations.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("用户"),
    )
    unit = models.ForeignKey(
        OrgUnit, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("单位")
    )
    role = models.CharField(_("角色"), max_length=10, choices=scoping.Role.choices)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("成员")
        verbose_name_plural = _("成员")
        ordering = ["unit", "user"]
        constraints = [
            models.UniqueConstraint(fields=["user", "unit"], name="membership_one_role_per_unit"),
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.unit.name} ({self.get_role_display()})"

    def get_additional_data(self) -> dict:
        # Lets a unit's history page find membership changes, deleted rows included.
        return {"unit_id": self.unit_id, "username": self.user.get_username()}
