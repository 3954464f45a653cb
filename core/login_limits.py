"""Login throttling: per (user name, address) as django-axes does it, and per address across
user names against password spraying.

axes locks a (user name, address) pair after `AXES_FAILURE_LIMIT` wrong passwords; someone
trying one password on forty user names never meets that limit. Listing "ip_address" among
axes' own lock-out parameters would count the address with the same small limit (an office
behind one NAT address shares it) and, with AXES_RESET_ON_SUCCESS, one clerk's successful
login would wipe every failure counted against the address. So axes keeps counting pairs,
and this handler adds the address's failures over all user names, within the same cool-off
window, against a higher limit of its own: `QM_LOGIN_ADDRESS_FAILURE_LIMIT`.
"""

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum


class AddressThrottlingHandler(AxesDatabaseHandler):
    def get_failures(self, request, credentials: dict | None = None) -> int:
        failures = super().get_failures(request, credentials)
        if self.address_failures(request) >= settings.QM_LOGIN_ADDRESS_FAILURE_LIMIT:
            # The lock-out page tells this lock from a user's own (templates/registration/
            # locked_out.html).
            request.qm_address_locked_out = True
            return max(failures, get_failure_limit(request, credentials))
        return failures

    @staticmethod
    def address_failures(request) -> int:
        attempts = AccessAttempt.objects.filter(ip_address=request.axes_ip_address)
        if settings.AXES_COOLOFF_TIME:
            attempts = attempts.filter(attempt_time__gte=get_cool_off_threshold(request))
        return attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0
