"""Reads of the cascade: how the units that received a notice respond to it."""

from dataclasses import dataclass

from django.db.models import Count

from activities.models import Activity
from campaigns.models import Notice
from orgs.models import OrgUnit


@dataclass
class CascadeRow:
    unit: OrgUnit
    plan: Notice | None
    implemented: int
    visible: bool
    read_at: object


def cascade_status(user, notice: Notice) -> tuple[list[CascadeRow], int]:
    """下级部署情况: for each recipient unit, its plan based on `notice` (if any) and how many
    of the superior's activities its activities implement. One query per concern."""
    deliveries = list(notice.deliveries.select_related("recipient").order_by("recipient__path"))
    units = [d.recipient for d in deliveries]
    plans: dict[int, Notice] = {}
    candidates = Notice.objects.filter(basis=notice, unit__in=units).order_by("status", "pk")
    for plan in candidates:
        # Prefer an issued plan ("issued" sorts after "draft", so it overwrites).
        plans[plan.unit_id] = plan
    total = notice.activities.count()
    implemented = dict(
        Activity.objects.filter(
            notice__in=[p.pk for p in plans.values()], implements__notice=notice
        )
        .values("notice")
        .annotate(n=Count("implements", distinct=True))
        .values_list("notice", "n")
    )
    visible = set(
        Notice.objects.for_user(user)
        .filter(pk__in=[p.pk for p in plans.values()])
        .values_list("pk", flat=True)
    )
    rows = []
    for delivery in deliveries:
        plan = plans.get(delivery.recipient_id)
        rows.append(
            CascadeRow(
                unit=delivery.recipient,
                plan=plan,
                implemented=implemented.get(plan.pk, 0) if plan else 0,
                visible=plan is not None and plan.pk in visible,
                read_at=delivery.read_at,
            )
        )
    return rows, total
