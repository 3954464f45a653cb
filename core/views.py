import datetime

from django.db import connection
from django.db.models import Exists, OuterRef
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.models import Campaign
from public import selectors as public_selectors
from public.forms import FilterForm


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
    region = public_selectors.region_from_codes(
        *(filters.get(level, "") for level in ("province", "city", "county"))
    )
    activities = public_selectors.public_activities(campaign=campaign) if campaign else None
    context = {
        "campaign": campaign,
        "slogans": campaign.national_slogans() if campaign else [],
        "past_campaigns": Campaign.objects.exclude(pk=campaign.pk) if campaign else [],
        "archive": archive,
        "page_url": request.path,
        "form": form,
        "region": region,
        "region_levels": public_selectors.region_levels(region, (_("省"), _("市"), _("县（区）"))),
        "categories": public_selectors.categories(),
        "selected_category": filters.get("category"),
        "selected_date": filters.get("date"),
        "open_polls": public_selectors.public_polls().filter(closes_at__gt=timezone.now())[:3],
    }
    if activities is not None:
        listed = public_selectors.activities_filter(
            activities, region=region, category_id=filters.get("category"), on=filters.get("date")
        )
        month = _month(filters.get("month"), filters.get("date"), campaign)
        calendar_base = public_selectors.activities_filter(
            activities, region=region, category_id=filters.get("category"), on=None
        )
        page = public_selectors.activity_page(listed, _page_number(request))
        if not page.activities and not request.GET and not archive:
            # A year just opened has no public activities yet: point at the last year that had.
            context["latest_with_activities"] = (
                Campaign.objects.filter(
                    Exists(
                        public_selectors.public_activities().filter(notice__campaign=OuterRef("pk"))
                    )
                )
                .exclude(pk=campaign.pk)
                .order_by("-year")
                .first()
            )
        context |= {
            "page": page,
            "query_without_page": _query_without(request, "page"),
            "month": month,
            "weeks": public_selectors.month_calendar(
                calendar_base,
                month.year,
                month.month,
                cache_key=f"{campaign.pk}:{region.path if region else '-'}:"
                f"{filters.get('category') or '-'}",
            ),
            "prev_month": (month - datetime.timedelta(days=1)).replace(day=1),
            "next_month": (month + datetime.timedelta(days=31)).replace(day=1),
            "query_without_month": _query_without(request, "month", "date", "page"),
        }
    return render(request, "core/home.html", context)


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


def healthz(request):
    """Liveness: the process answers."""
    return JsonResponse({"status": "ok"})


def readyz(request):
    """Readiness: the database answers too."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as exc:  # noqa: BLE001 - any failure means not ready
        return JsonResponse({"status": "unavailable", "error": type(exc).__name__}, status=503)
    return JsonResponse({"status": "ok"})
