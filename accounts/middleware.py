"""The sliding idle timeout of signed-in sessions (等保 2.0: 登录连接超时自动退出).

A session lives `SESSION_COOKIE_AGE` (QM_SESSION_IDLE_MINUTES) from its last save. Saving it
on every request (SESSION_SAVE_EVERY_REQUEST) would add an UPDATE to each report autosave,
the platform's most frequent write; instead a session in use is saved again only once every
few minutes, so it expires after between `age - renew` and `age` of idleness.
"""

import time

from django.conf import settings
from django.contrib.auth import SESSION_KEY

# Session key holding when the session was last renewed (seconds since the epoch).
RENEWED_KEY = "qm_renewed"
# At most this often a session in use is written again (and less for a short timeout).
RENEW_EVERY_SECONDS = 300


def renew_interval() -> int:
    return min(RENEW_EVERY_SECONDS, settings.SESSION_COOKIE_AGE // 6)


class SessionIdleMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        session = request.session
        # Only a signed-in user's session: no query without a cookie, and a visitor (or a
        # stale cookie) gets no session created.
        if session.session_key is not None and session.get(SESSION_KEY) is not None:
            now = int(time.time())
            renewed = session.get(RENEWED_KEY)
            if not isinstance(renewed, int) or now - renewed >= renew_interval():
                # Marks the session modified: SessionMiddleware saves it with a new expiry
                # and sends the cookie again with a new max-age.
                session[RENEWED_KEY] = now
        return self.get_response(request)


def stamp_on_login(sender, request, user, **kwargs) -> None:
    """Stamp the new session at login (user_logged_in): the login saves it anyway, so the
    first request after it need not write it again."""
    if request is not None and hasattr(request, "session"):
        request.session[RENEWED_KEY] = int(time.time())
