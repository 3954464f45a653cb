"""The cascade (逐级部署): a received notice becomes this level's plan, and issuing a notice
fills the expected set of the units that must report on it.

The cascade sits above campaigns, activities and reports and writes their tables only
through their own services: the plan through `campaigns.services.notice_create`, the copied
activities through `activities.services.activities_copy`, requirements through
`reports.services.requirements.requirement_save`.

Issuing: `campaigns.services.notice_issue` stays the one way to issue, and runs the steps the
apps above it register (`campaigns.hooks`); this app registers `expected_set_on_issue` in
`CascadeConfig.ready()`. A wrapper (`cascade.services.notice_issue`) would have been more
explicit, but `campaigns.services.notice_issue` would still exist for the API, the import, the
demo loader and every test, and a caller that picked it would issue a notice whose requirement
expects no one. With the step registered, every issue fills the expected set.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from activities.models import Activity
from activities.services import activities_copy
from campaigns import services as campaign_services
from campaigns.attachments import notice_attachments_save
from campaigns.models import Campaign, Notice
from campaigns.services import RECIPIENTS_TEXT, default_recipients, notice_create
from core.audit import set_actor
from orgs import scoping
from orgs.models import OrgUnit
from reports.models import ReportRequirement
from reports.rules import subordinate_due_date
from reports.services.requirements import (
    expected_fill,
    requirement_remove,
    requirement_save,
    statistic_fields_inherit,
)


def expected_set_on_issue(*, actor, notice: Notice) -> None:
    """The step `notice_issue` runs (registered in `CascadeConfig.ready`): the recipients of
    a notice with a report requirement are now the units expected to report (督查督办 counts
    them)."""
    requirement = getattr(notice, "report_requirement", None)
    if requirement is None:
        return
    with set_actor(actor):
        # A plan imported or drafted before its superior's form was complete still
        # reports the superior's indicators (summed up level by level).
        statistic_fields_inherit(requirement)
    expected_fill(actor=actor, requirement=requirement)


def activity_concerns(activity: Activity, unit: OrgUnit) -> bool:
    """Does a superior's activity concern `unit`? Yes unless it names only other units
    (a co-organizer's or another city's item); items led by the superior's own departments
    are the model for each level's own."""
    named_units = [p.unit for p in activity.participants.all() if p.unit_id]
    if not named_units:
        return True
    return any(unit.path.startswith(u.path) or u.path.startswith(unit.path) for u in named_units)


@transaction.atomic
def plan_draft_from(*, actor, superior: Notice, unit: OrgUnit) -> Notice:
    """制定本级方案: a draft plan of `unit` based on `superior`, pre-filled with the theme, the
    report requirement, and a copy of each superior activity that concerns the unit, linked to
    the activity it implements. Slogans are proposed separately (`slogan_suggestions`).
    """
    scoping.require(actor, scoping.Action.EDIT, unit)
    if not Notice.objects.for_user(actor).filter(pk=superior.pk).exists():
        raise PermissionDenied
    campaign = superior.campaign
    title = _("%(unit)s%(year)s年“质量月”活动方案") % {
        "unit": unit.display_name,
        "year": campaign.year,
    }
    plan = notice_create(
        actor=actor,
        campaign=campaign,
        unit=unit,
        title=title,
        kind=Notice.Kind.PLAN,
        theme=superior.theme or campaign.theme,
        issuer_names=[unit.display_name],
        recipients_text=RECIPIENTS_TEXT.get(unit.kind, ""),
        basis=[superior],
        recipient_units=default_recipients(unit),
    )
    requirement = getattr(superior, "report_requirement", None)
    if requirement is not None:
        derived = requirement_save(
            actor=actor,
            notice=plan,
            # A margin to compile the subordinates' reports before reporting up.
            due_date=subordinate_due_date(requirement.due_date),
            # The superior's materials as they are (an imported notice names its own).
            materials=list(requirement.materials),
            materials_as_written=True,
            levels=None,
            report_to=unit.display_name,
        )
        with set_actor(actor):
            # The superior's statistics form: its indicators are summed level by level.
            statistic_fields_inherit(derived)
    activities_copy(
        actor=actor,
        notice=plan,
        sources=[
            a
            for a in superior.activities.prefetch_related("participants__unit")
            if activity_concerns(a, unit)
        ],
    )
    return plan


@transaction.atomic
def plan_draft_get_or_create(*, actor, superior: Notice, unit: OrgUnit) -> tuple[Notice, bool]:
    """制定本级方案 once: a second click (or a double submit) finds the plan `unit` already
    drafted from `superior` instead of drafting another one."""
    # Locking the superior serializes concurrent clicks for the same notice.
    Notice.objects.select_for_update().get(pk=superior.pk)
    existing = Notice.objects.filter(unit=unit, basis=superior).order_by("pk").first()
    if existing is not None:
        scoping.require(actor, scoping.Action.EDIT, unit)
        return existing, False
    return plan_draft_from(actor=actor, superior=superior, unit=unit), True


def _requirement_set(*, actor, notice: Notice, requirement: dict) -> None:
    current = ReportRequirement.objects.filter(notice=notice).first()
    # The form starts with the usual materials ticked, so ticked boxes alone do not ask the
    # recipients to report: a due date does. A requirement once there stays while any
    # material is ticked (a "及时报送" without a date, set on its own page).
    wanted = requirement.get("due_date") or (current is not None and requirement.get("materials"))
    if not wanted:
        if current is not None:
            requirement_remove(actor=actor, requirement=current)
        return
    requirement_save(
        actor=actor,
        notice=notice,
        due_date=requirement.get("due_date"),
        materials=list(requirement.get("materials") or []),
        # The notice form shows neither the levels nor the text: they stay as set elsewhere.
        levels=None,
        report_to=requirement.get("report_to", current.report_to if current else ""),
    )


@transaction.atomic
def notice_draft_save(
    *,
    actor,
    notice: Notice | None = None,
    campaign: Campaign | None = None,
    unit: OrgUnit | None = None,
    version: int | None = None,
    contacts: list[dict] | None = None,
    requirement: dict | None = None,
    attachment_edits: list | None = None,
    attachment_uploads: list | tuple = (),
    **fields,
) -> Notice:
    """The notice form's save: the draft with its contacts (`campaigns.services.
    notice_draft_save`), its report requirement (报送要求; None leaves it, one without a due
    date removes it) and its attachments, all or nothing."""
    notice = campaign_services.notice_draft_save(
        actor=actor,
        notice=notice,
        campaign=campaign,
        unit=unit,
        version=version,
        contacts=contacts,
        **fields,
    )
    if requirement is not None:
        _requirement_set(actor=actor, notice=notice, requirement=requirement)
    if attachment_edits is not None or attachment_uploads:
        # Last, so that no later step can roll back rows whose files are already stored.
        notice_attachments_save(
            actor=actor,
            notice=notice,
            edits=list(attachment_edits or []),
            uploads=list(attachment_uploads),
        )
    return notice
