import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from campaigns.models import Campaign
from core.xlsx import xlsx_response
from orgs import regions, scoping
from orgs.models import OrgUnit
from public import ical, ratelimit, selectors, services
from public.forms import (
    CodeForm,
    EventForm,
    FilterForm,
    LookupForm,
    MessageForm,
    PollForm,
    RegistrationForm,
    SamplingForm,
    VoteForm,
)
from public.masking import mask_name, mask_phone
from public.models import PublicEvent, Registration

THROTTLED = _("操作过于频繁，请稍后再试。")
VOTED_SESSION_KEY = "qm_voted_polls"
# In place of a name erased after the retention period (expire_personal_data).
ANONYMISED = gettext_lazy("（个人信息已按期删除）")
REGISTRATION_CANCELLED = gettext_lazy("报名已取消。")
VOTE_RECORDED = gettext_lazy("投票成功，感谢参与！")
SIGNUP_SETTINGS_SAVED = gettext_lazy("报名设置已保存。")
CHECKED_IN = gettext_lazy("签到成功：%(name)s（%(code)s）")


def _throttled(request, scope: str) -> HttpResponse | None:
    if ratelimit.LIMITS.hit_request(request, scope):
        return None
    return render(request, "public/throttled.html", {"message": THROTTLED}, status=429)


def _form_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


# --- the home page and the year archive ---
# Served under their historic URL names core:home and core:year_archive (qualitymonth/urls.py).


def home(request):
    """The public home: this year's theme and slogans, and the public activities, filterable
    by region, category and date, as a list and a month calendar."""
    return _campaign_page(request, Campaign.objects.current(), archive=False)


def year_archive(request, year: int):
    """往年活动: a past (or the current) year's theme, slogans and public activities, as the
    home page showed them that year."""
    campaign = get_object_or_404(Campaign, year=year)
    return _campaign_page(request, campaign, archive=True)


def _campaign_page(request, campaign: Campaign | None, *, archive: bool):
    form = FilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    region = regions.region_from_codes(
        *(filters.get(level, "") for level in ("province", "city", "county"))
    )
    activities = selectors.public_activities(campaign=campaign) if campaign else None
    context = {
        "campaign": campaign,
        "slogans": campaign.national_slogans() if campaign else [],
        "past_campaigns": Campaign.objects.exclude(pk=campaign.pk) if campaign else [],
        "archive": archive,
        "page_url": request.path,
        "form": form,
        "region": region,
        "region_levels": regions.region_levels(region, (_("省"), _("市"), _("县（区）"))),
        "categories": selectors.categories(),
        "selected_category": filters.get("category"),
        "selected_date": filters.get("date"),
        "open_polls": selectors.public_polls().filter(closes_at__gt=timezone.now())[:3],
    }
    if activities is not None:
        listed = selectors.activities_filter(
            activities, region=region, category_id=filters.get("category"), on=filters.get("date")
        )
        month = _month(filters.get("month"), filters.get("date"), campaign)
        page = selectors.activity_page(listed, _page_number(request))
        if not page.activities and not request.GET and not archive:
            # A year just opened has no public activities yet: point at the last year that had.
            context["latest_with_activities"] = (
                Campaign.objects.filter(
                    Exists(selectors.public_activities().filter(notice__campaign=OuterRef("pk")))
                )
                .exclude(pk=campaign.pk)
                .order_by("-year")
                .first()
            )
        context |= {
            "page": page,
            "query_without_page": _query_without(request, "page"),
            "month": month,
            "weeks": selectors.home_calendar(
                campaign=campaign,
                region=region,
                category_id=filters.get("category"),
                year=month.year,
                month=month.month,
            ),
            "prev_month": (month - datetime.timedelta(days=1)).replace(day=1),
            "next_month": (month + datetime.timedelta(days=31)).replace(day=1),
            "query_without_month": _query_without(request, "month", "date", "page"),
        }
    return render(request, "public/home.html", context)


def _page_number(request) -> int:
    raw = request.GET.get("page", "")
    return int(raw) if raw.isdigit() and len(raw) < 6 else 1


def _month(value: str | None, day: datetime.date | None, campaign) -> datetime.date:
    if value:
        year, month = value.split("-")
        return datetime.date(int(year), int(month), 1)
    if day:
        return day.replace(day=1)
    today = timezone.localdate()
    if campaign and not (campaign.starts_on.replace(day=1) <= today <= campaign.ends_on):
        return campaign.starts_on.replace(day=1)  # outside the campaign: show its first month
    return today.replace(day=1)


def _query_without(request, *names: str) -> str:
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()


# --- visitors ---


def activity_detail(request, pk: int):
    activity = selectors.activity_get_public(pk)
    event = getattr(activity, "public_event", None)
    form = RegistrationForm(request.POST or None)
    if request.method == "POST" and event is not None:
        if blocked := _throttled(request, "register"):
            return blocked
        if form.is_valid():
            try:
                registration = services.registration_create(
                    event=event, name=form.cleaned_data["name"], phone=form.cleaned_data["phone"]
                )
            except services.PublicError as exc:
                form.add_error(None, str(exc))
            except ValidationError as exc:
                _form_errors(form, exc)
            else:
                return redirect(registration)
    return render(
        request,
        "public/activity_detail.html",
        {
            "activity": activity,
            "event": event,
            "seats": selectors.seats(event) if event else None,
            "is_open": event.is_open() if event else False,
            "form": form,
            "event_messages": event.messages.all()[:10] if event else [],
            "retention_days": settings.QM_PERSONAL_DATA_RETENTION_DAYS,
        },
        status=400 if form.errors else 200,
    )


def registration_lookup(request):
    form = LookupForm(request.GET or None)
    if form.is_valid():
        return redirect("public:registration_detail", code=form.cleaned_data["code"])
    return render(
        request,
        "public/registration_lookup.html",
        {"form": form, "retention_days": settings.QM_PERSONAL_DATA_RETENTION_DAYS},
        status=400 if form.errors else 200,
    )


def registration_detail(request, code: str):
    if blocked := _throttled(request, "lookup"):
        return blocked  # confirmation codes are not to be guessed
    registration = selectors.registration_get(code)
    if request.method == "POST":
        try:
            registration, _promoted = services.registration_cancel(code=registration.code)
        except services.PublicError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, REGISTRATION_CANCELLED)
        return redirect(registration)
    event = registration.event
    return render(
        request,
        "public/registration_detail.html",
        {
            "registration": registration,
            "event": event,
            "activity": event.activity,
            "masked_name": mask_name(registration.name),
            "masked_phone": mask_phone(registration.phone),
            "waitlist_position": event.registrations.filter(
                status=Registration.Status.WAITLISTED, created_at__lte=registration.created_at
            ).count(),
            "event_messages": event.messages.all()[:10],
        },
    )


def poll_list(request):
    return render(request, "public/poll_list.html", {"polls": selectors.public_polls()[:50]})


def poll_detail(request, pk: int):
    poll = get_object_or_404(selectors.public_polls(), pk=pk)
    voted = pk in request.session.get(VOTED_SESSION_KEY, [])
    form = VoteForm(request.POST or None, poll=poll)
    if request.method == "POST":
        if blocked := _throttled(request, "vote"):
            return blocked
        if form.is_valid():
            try:
                services.vote_cast(
                    poll=poll,
                    option_id=form.cleaned_data["option"],
                    phone=form.cleaned_data["phone"],
                )
            except services.PublicError as exc:
                form.add_error(None, str(exc))
            except ValidationError as exc:
                _form_errors(form, exc)
            else:
                request.session[VOTED_SESSION_KEY] = [
                    *request.session.get(VOTED_SESSION_KEY, []),
                    pk,
                ]
                messages.success(request, VOTE_RECORDED)
                return redirect(poll)
    closed = poll.is_closed()
    return render(
        request,
        "public/poll_detail.html",
        {
            "poll": poll,
            "form": form,
            "closed": closed,
            "voted": voted,
            "retention_days": settings.QM_PERSONAL_DATA_RETENTION_DAYS,
            # Live results for those who voted; everyone sees them once the poll closed.
            "results": selectors.poll_results(poll) if (voted or closed) else None,
        },
        status=400 if form.errors else 200,
    )


def _ical_response(request, name: str, activities) -> HttpResponse:
    def url(activity) -> str:
        return request.build_absolute_uri(reverse("public:activity_detail", args=[activity.pk]))

    events = ical.activity_events(activities[:500], url)
    body = ical.calendar_text(name=name, events=events, domain=request.get_host().split(":")[0])
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="qualitymonth.ics"'
    return response


def ical_unit(request, pk: int):
    unit = get_object_or_404(OrgUnit, pk=pk, is_active=True)
    name = _("%(unit)s 质量月公众活动") % {"unit": unit.display_name}
    return _ical_response(request, name, selectors.ical_activities_for_unit(unit))


def ical_region(request, code: str):
    region = regions.region_get(code)
    if region is None:
        return HttpResponse(status=404)
    activities = selectors.activities_filter(
        selectors.public_activities(), region=region, category_id=None, on=None
    )
    return _ical_response(
        request, _("%(region)s 质量月公众活动") % {"region": region.name}, activities
    )


# --- staff ---


@login_required
def staff_index(request):
    events = selectors.events_for_user(request.user)
    unopened = (
        selectors.public_activities()
        .filter(public_event__isnull=True)
        .filter(scoping.scope_q(request.user, scoping.Action.EDIT, "notice__unit__path"))[:100]
    )
    polls = selectors.Poll.objects.for_user(request.user).select_related("unit")[:50]
    return render(
        request,
        "public/staff/index.html",
        {"events": events, "unopened": unopened, "polls": polls},
    )


@login_required
def staff_event_edit(request, activity_pk: int):
    activity = selectors.activity_get_for_staff(request.user, activity_pk, scoping.Action.EDIT)
    event = PublicEvent.objects.filter(activity=activity).first()
    initial = {"capacity": 30}
    if event:
        initial = {f: getattr(event, f) for f in EventForm.base_fields}
    form = EventForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            event = services.event_configure(
                actor=request.user, activity=activity, **form.cleaned_data
            )
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, SIGNUP_SETTINGS_SAVED)
            return redirect("public:staff_registrations", pk=event.pk)
    return render(request, "public/staff/event_edit.html", {"activity": activity, "form": form})


@login_required
def staff_registrations(request, pk: int):
    event = selectors.event_get_for_user(request.user, pk)
    can_edit = scoping.can(request.user, scoping.Action.EDIT, event.activity.notice.unit)
    return render(
        request,
        "public/staff/registrations.html",
        {
            "event": event,
            "activity": event.activity,
            "rows": _registration_rows(event, full=can_edit),
            "seats": selectors.seats(event),
            "can_edit": can_edit,
            "checkin_form": CodeForm(),
            "message_form": MessageForm(),
            "event_messages": event.messages.all(),
            "exports": selectors.personal_data_exports(event)[:20] if can_edit else [],
        },
    )


def _registration_rows(event, *, full: bool):
    for r in event.registrations.order_by("status", "created_at", "pk"):
        if r.anonymised_at:
            r.shown_name, r.shown_phone = str(ANONYMISED), ""
            yield r
            continue
        r.shown_name = r.name if full else mask_name(r.name)
        r.shown_phone = r.phone if full else mask_phone(r.phone)
        yield r


@login_required
@require_POST
def staff_checkin(request, pk: int):
    event = selectors.event_get_for_user(request.user, pk, scoping.Action.EDIT)
    form = CodeForm(request.POST)
    if form.is_valid():
        try:
            r = services.registration_check_in(
                actor=request.user, event=event, code=form.cleaned_data["code"]
            )
        except services.PublicError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, CHECKED_IN % {"name": r.name, "code": r.code})
    return redirect("public:staff_registrations", pk=event.pk)


@login_required
@require_POST
def staff_message(request, pk: int):
    event = selectors.event_get_for_user(request.user, pk, scoping.Action.EDIT)
    form = MessageForm(request.POST)
    if form.is_valid():
        message = services.event_message_send(
            actor=request.user, event=event, text=form.cleaned_data["text"]
        )
        messages.success(
            request, _("通知已发布，涉及 %(n)s 名报名者。") % {"n": message.recipient_count}
        )
    else:
        messages.error(request, _("请填写通知内容（500字以内）。"))
    return redirect("public:staff_registrations", pk=event.pk)


@login_required
def staff_export(request, pk: int):
    event = selectors.event_get_for_user(request.user, pk)
    full = scoping.can(request.user, scoping.Action.EDIT, event.activity.notice.unit)
    registrations = list(_registration_rows(event, full=full))
    services.personal_data_export_record(
        actor=request.user,
        instance=event,
        what=services.EXPORT_REGISTRATIONS_XLSX,
        rows=len(registrations),
        masked=not full,
    )
    rows = (
        (
            r.shown_name,
            r.shown_phone,
            r.code,
            r.get_status_display(),
            timezone.localtime(r.created_at).strftime("%Y-%m-%d %H:%M"),
            timezone.localtime(r.checked_in_at).strftime("%Y-%m-%d %H:%M")
            if r.checked_in_at
            else "",
        )
        for r in registrations
    )
    return xlsx_response(
        filename=f"{event.activity.title[:40]}-报名名单.xlsx",
        sheet_title=_("报名名单"),
        header=[_("姓名"), _("手机号码"), _("确认码"), _("状态"), _("报名时间"), _("签到时间")],
        rows=rows,
    )


@login_required
def staff_poll_new(request):
    units = selectors.units_for_polls(request.user)
    form = PollForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        try:
            poll = services.poll_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("投票已发布。"))
            return redirect("public:staff_poll", pk=poll.pk)
    return render(request, "public/staff/poll_new.html", {"form": form})


@login_required
def staff_poll(request, pk: int):
    action = scoping.Action.EDIT if request.method == "POST" else scoping.Action.VIEW
    poll = selectors.poll_get_for_user(request.user, pk, action)
    initial = {
        "sampled": [o.pk for o in poll.options.all() if o.sampled],
        "note": poll.sampling_note,
        "results_url": poll.results_url,
    }
    form = SamplingForm(request.POST or None, poll=poll, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.poll_record_sampling(
                actor=request.user,
                poll=poll,
                sampled_option_ids=form.cleaned_data["sampled"],
                note=form.cleaned_data["note"],
                results_url=form.cleaned_data["results_url"],
            )
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("抽检情况已登记。"))
            return redirect("public:staff_poll", pk=poll.pk)
    return render(
        request,
        "public/staff/poll.html",
        {
            "poll": poll,
            "form": form,
            "results": selectors.poll_results(poll),
            "can_edit": scoping.can(request.user, scoping.Action.EDIT, poll.unit),
        },
    )
