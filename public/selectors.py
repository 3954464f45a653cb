"""Reads for the public pages and the staff registration desk."""

import calendar
import datetime
from dataclasses import dataclass

from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied
from django.db.models import Case, Count, DateField, F, Prefetch, Q, Value, When
from django.db.models.functions import Coalesce, Greatest, Least, TruncDate
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from activities import tallies as activity_tallies
from activities.models import Activity, ActivityCategory, ActivityParticipant
from campaigns.models import Campaign, Notice
from core.figures import cached_figures
from orgs import scoping
from orgs.models import OrgUnit
from public.models import Poll, PublicEvent, Registration


def public_activities(*, campaign: Campaign | None = None):
    """Activities the public may see: marked public, of an issued notice or plan."""
    qs = (
        Activity.objects.filter(is_public=True, notice__status=Notice.Status.ISSUED)
        .exclude(status=Activity.Status.CANCELLED)
        .select_related("notice__unit", "category", "public_event")
        .prefetch_related(
            Prefetch(
                "participants",
                queryset=ActivityParticipant.objects.select_related("unit", "department"),
            )
        )
        .order_by("starts_on", "notice__unit__path", "position", "pk")
    )
    if campaign is not None:
        qs = qs.filter(notice__campaign=campaign)
    return qs


def activities_filter(
    qs, *, region: OrgUnit | None, category_id: int | None, on: datetime.date | None
):
    if region is not None:
        # The activity belongs where its notice was issued: a county's plan, a city's notice.
        qs = qs.filter(notice__unit__path__startswith=region.path)
    if category_id:
        qs = qs.filter(category_id=category_id)
    if on is not None:
        # An open day with a set time is on that day, whatever the window of the activity.
        window = (
            Q(public_event__starts_at__isnull=True)
            & Q(starts_on__lte=on)
            & (Q(ends_on__gte=on) | Q(ends_on__isnull=True, starts_on=on))
        )
        qs = qs.filter(window | Q(public_event__starts_at__date=on))
    return qs


def activity_get_public(pk: int) -> Activity:
    return get_object_or_404(public_activities(), pk=pk)


def categories():
    return ActivityCategory.objects.filter(is_active=True)


@dataclass
class Day:
    date: datetime.date
    in_month: bool
    count: int


def month_counts(activities, year: int, month: int) -> dict[datetime.date, int]:
    """The number of activities on each day of the month, from ONE aggregate query: the
    activities' spans (an open day's set time, else the activity's window) clipped to the
    month and grouped, so at most one row per (first day, last day) pair of the month comes
    back, however many activities there are; each span is then spread over its days here."""
    first = datetime.date(year, month, 1)
    last = datetime.date(year, month, calendar.monthrange(year, month)[1])
    tz = timezone.get_current_timezone()
    month_start = datetime.datetime.combine(first, datetime.time.min, tzinfo=tz)
    month_end = datetime.datetime.combine(
        last + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz
    )
    timed = Q(public_event__starts_at__isnull=False)
    in_window = (
        Q(public_event__starts_at__isnull=True)
        & Q(starts_on__lte=last)
        & (Q(ends_on__gte=first) | Q(ends_on__isnull=True, starts_on__gte=first))
    )
    in_event = (
        timed
        & Q(public_event__starts_at__lt=month_end)
        & (
            Q(public_event__ends_at__gte=month_start)
            | Q(public_event__ends_at__isnull=True, public_event__starts_at__gte=month_start)
        )
    )
    start = Case(
        When(timed, then=TruncDate("public_event__starts_at")),
        default=F("starts_on"),
        output_field=DateField(),
    )
    end = Case(
        When(
            timed,
            then=TruncDate(Coalesce("public_event__ends_at", "public_event__starts_at")),
        ),
        default=Coalesce("ends_on", "starts_on"),
        output_field=DateField(),
    )
    rows = (
        activities.filter(in_window | in_event)
        .order_by()
        .values(
            span_start=Greatest(start, Value(first, output_field=DateField())),
            span_end=Least(end, Value(last, output_field=DateField())),
        )
        .annotate(n=Count("pk"))
    )
    counts: dict[datetime.date, int] = {}
    for row in rows:
        day = row["span_start"]
        while day <= row["span_end"]:
            counts[day] = counts.get(day, 0) + row["n"]
            day += datetime.timedelta(days=1)
    return counts


def month_counts_kept(
    *, campaign: Campaign, region: OrgUnit | None, category_id: int | None, year: int, month: int
) -> dict[datetime.date, int]:
    """What `month_counts` counts over the public activities of `campaign` in `region` (and
    category), read from the calendar tallies the writes keep (`activities.tallies`): a few
    rows, one per span (9月, 9月中旬 …) that meets the month, whatever the number of
    activities; the spans are spread over their days here, each span marking only where it
    starts and where it ends (thousands of spans over a nation, each up to the whole month)."""
    days = calendar.monthrange(year, month)[1]
    first, last = datetime.date(year, month, 1), datetime.date(year, month, days)
    steps = [0] * (days + 1)
    spans = activity_tallies.calendar_spans(
        campaign=campaign, region=region, category_id=category_id, first=first, last=last
    )
    for span_start, span_end, n in spans:
        if span_start <= span_end:
            steps[(max(span_start, first) - first).days] += n
            steps[(min(span_end, last) - first).days + 1] -= n
    counts: dict[datetime.date, int] = {}
    running = 0
    for index in range(days):
        running += steps[index]
        if running:
            counts[first + datetime.timedelta(days=index)] = running
    return counts


def home_calendar(
    *, campaign: Campaign, region: OrgUnit | None, category_id: int | None, year: int, month: int
) -> list[list[Day]]:
    """The public home's month calendar, from the tallies. core/figures.py may still reuse
    the counts for a while (QM_FIGURES_CACHE_SECONDS; off by default: they are cheap)."""
    key = (
        f"home-calendar:{campaign.pk}:{region.path if region else '-'}:"
        f"{category_id or '-'}:{year}-{month}"
    )
    counts = cached_figures(
        key,
        lambda: month_counts_kept(
            campaign=campaign, region=region, category_id=category_id, year=year, month=month
        ),
    )
    return month_weeks(counts, year, month)


def month_weeks(counts: dict[datetime.date, int], year: int, month: int) -> list[list[Day]]:
    return [
        [Day(day, day.month == month, counts.get(day, 0)) for day in week]
        for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    ]


HOME_PAGE_SIZE = 20
# Deeper pages are not offered: an offset costs the rows before it; filters narrow instead.
HOME_MAX_PAGES = 200


@dataclass
class ActivityPage:
    activities: list
    number: int
    has_next: bool

    @property
    def previous_number(self) -> int | None:
        return self.number - 1 if self.number > 1 else None

    @property
    def next_number(self) -> int | None:
        return self.number + 1 if self.has_next else None


def activity_page(activities, number: int, per_page: int = HOME_PAGE_SIZE) -> ActivityPage:
    """One page of a listing, without counting the whole set (a COUNT over every public
    activity of the nation costs as much as the page): one row more than shown says whether
    another page follows. The listing shows no participants, so none are fetched."""
    number = min(max(number, 1), HOME_MAX_PAGES)
    offset = (number - 1) * per_page
    rows = list(activities.prefetch_related(None)[offset : offset + per_page + 1])
    has_next = len(rows) > per_page and number < HOME_MAX_PAGES
    return ActivityPage(rows[:per_page], number, has_next)


def seats(event: PublicEvent) -> dict[str, int]:
    counts = dict(
        event.registrations.order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    confirmed = counts.get(Registration.Status.CONFIRMED, 0)
    return {
        "confirmed": confirmed,
        "waitlisted": counts.get(Registration.Status.WAITLISTED, 0),
        "left": max(event.capacity - confirmed, 0),
    }


def personal_data_exports(event: PublicEvent):
    """The audit entries of this event's exports of personal data, newest first."""
    return (
        LogEntry.objects.get_for_object(event)
        .filter(action=LogEntry.Action.ACCESS, additional_data__has_key="export")
        .select_related("actor")
        .order_by("-timestamp")
    )


def registration_get(code: str) -> Registration:
    return get_object_or_404(
        Registration.objects.select_related("event__activity"), code=code.strip().upper()
    )


# --- staff ---


def events_for_user(user):
    return (
        PublicEvent.objects.filter(
            scoping.scope_q(user, scoping.Action.VIEW, "activity__notice__unit__path")
        )
        .select_related("activity__notice__unit")
        .annotate(
            confirmed=Count("registrations", filter=Q(registrations__status="confirmed")),
            waitlisted=Count("registrations", filter=Q(registrations__status="waitlisted")),
        )
        .order_by("activity__starts_on", "pk")
    )


def _get_in_scope(qs, user, pk: int, action: str, unit_of):
    obj = qs.filter(pk=pk).first()
    if obj is None:
        raise Http404
    if action != scoping.Action.VIEW and not scoping.can(user, action, unit_of(obj)):
        raise PermissionDenied
    return obj


def event_get_for_user(user, pk: int, action: str = scoping.Action.VIEW) -> PublicEvent:
    """404 outside the user's subtrees, 403 inside them when the role does not allow `action`."""
    qs = PublicEvent.objects.filter(
        scoping.scope_q(user, scoping.Action.VIEW, "activity__notice__unit__path")
    ).select_related("activity__notice__unit", "activity__notice__campaign")
    return _get_in_scope(qs, user, pk, action, lambda e: e.activity.notice.unit)


def activity_get_for_staff(user, pk: int, action: str = scoping.Action.VIEW) -> Activity:
    qs = Activity.objects.filter(
        scoping.scope_q(user, scoping.Action.VIEW, "notice__unit__path")
    ).select_related("notice__unit")
    return _get_in_scope(qs, user, pk, action, lambda a: a.notice.unit)


def poll_get_for_user(user, pk: int, action: str = scoping.Action.VIEW) -> Poll:
    qs = Poll.objects.for_user(user, scoping.Action.VIEW).select_related("unit")
    return _get_in_scope(qs, user, pk, action, lambda p: p.unit)


# Polls are opened by bureaus down to the county; the 市场监管所 below them number some
# 40,000 nationwide and would make the unit dropdown unusable (and slow) for a province or
# national admin.
POLL_UNIT_KINDS = (
    OrgUnit.Kind.NATIONAL,
    OrgUnit.Kind.PROVINCE,
    OrgUnit.Kind.PREFECTURE,
    OrgUnit.Kind.COUNTY,
)


def units_for_polls(user):
    """Units where the user may open a poll: the territorial units they may edit down to the
    county, and the units of their own memberships whatever the level (a station's editor
    still finds their station)."""
    own = scoping.scope_paths(user, scoping.Action.EDIT) or []
    return (
        OrgUnit.objects.for_user(user, scoping.Action.EDIT)
        .filter(Q(kind__in=POLL_UNIT_KINDS) | Q(path__in=own, kind__in=OrgUnit.TERRITORIAL_KINDS))
        .filter(is_active=True)
        .order_by("path")
    )


def poll_results(poll: Poll) -> list:
    options = list(poll.options.annotate(n=Count("votes")).order_by("-n", "position", "pk"))
    total = sum(o.n for o in options) or 1
    for option in options:
        option.percent = round(100 * option.n / total)
    return options


def public_polls():
    return Poll.objects.select_related("unit").order_by("-closes_at", "-pk")


def ical_activities_for_unit(unit: OrgUnit):
    """The unit's subtree: its own and its lower units' plans, and activities it leads."""
    lead = ActivityParticipant.objects.filter(
        role=ActivityParticipant.Role.LEAD, unit__path__startswith=unit.path
    ).values("activity_id")
    return public_activities().filter(Q(notice__unit__path__startswith=unit.path) | Q(pk__in=lead))


# --- the public's documents (主动公开) ---

PUBLIC_DOCUMENT_KINDS = (Notice.Kind.NOTICE, Notice.Kind.PLAN)


def public_documents(*, year: int | None = None, region: OrgUnit | None = None):
    """Issued notices and plans whose publication attribute is 主动公开: what the 政府信息公开
    条例 lets the public read without asking. A draft, or a document marked 依申请公开 or
    不予公开, never appears; this queryset is the only way the public pages reach a notice."""
    qs = (
        Notice.objects.filter(
            status=Notice.Status.ISSUED,
            publication=Notice.Publication.PUBLIC,
            kind__in=PUBLIC_DOCUMENT_KINDS,
        )
        .select_related("unit", "campaign")
        .order_by("-issue_date", "unit__path", "-pk")
    )
    if year is not None:
        qs = qs.filter(campaign__year=year)
    if region is not None:
        # A document belongs where it was issued: the region's own units and all below them.
        qs = qs.filter(unit__path__startswith=region.path)
    return qs


def public_document_get(pk: int) -> Notice:
    return get_object_or_404(public_documents(), pk=pk)


def public_document_years() -> list[int]:
    return list(
        public_documents()
        .order_by("-campaign__year")
        .values_list("campaign__year", flat=True)
        .distinct()
    )


def public_documents_search(qs, words: str):
    for word in words.split():
        qs = qs.filter(Q(title__icontains=word) | Q(doc_number__icontains=word))
    return qs
