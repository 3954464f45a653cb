"""适老化 reading options of the public pages: larger type and high contrast. The choice is a
cookie the page template reads (base_public.html puts qm-large / qm-contrast on <html>), so the
public pages keep working without any script, on the oldest phones too."""

from django.http import HttpRequest, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

COOKIE = "qm_reading"
OPTIONS = ("large", "contrast")
# A year: the choice is the visitor's eyesight, not a session's.
MAX_AGE = 365 * 24 * 3600


def reading_chosen(request: HttpRequest) -> list[str]:
    return [o for o in request.COOKIES.get(COOKIE, "").split("-") if o in OPTIONS]


@require_POST
def reading_options(request: HttpRequest) -> HttpResponseRedirect:
    """Turns one option on or off and goes back to the page the visitor was reading."""
    chosen = reading_chosen(request)
    option = request.POST.get("option", "")
    if option in chosen:
        chosen.remove(option)
    elif option in OPTIONS:
        chosen.append(option)
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        back = reverse("core:home")
    response = HttpResponseRedirect(back)
    response.set_cookie(
        COOKIE,
        "-".join(o for o in OPTIONS if o in chosen),
        max_age=MAX_AGE,
        samesite="Lax",
        secure=request.is_secure(),
        httponly=True,
    )
    return response
