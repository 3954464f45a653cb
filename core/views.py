from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render

from campaigns.models import Campaign


def home(request):
    campaign = Campaign.objects.current()
    return render(
        request,
        "core/home.html",
        {
            "campaign": campaign,
            "slogans": campaign.national_slogans() if campaign else [],
            "past_campaigns": Campaign.objects.exclude(pk=campaign.pk) if campaign else [],
        },
    )


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
