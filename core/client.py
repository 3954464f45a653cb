"""The client's address, the same for rate limits, login lock-outs and the audit log.

Behind a reverse proxy, REMOTE_ADDR is the proxy: every visitor would share one rate-limit
bucket and one lock-out. The proxy appends the address it saw to X-Forwarded-For, but anything
left of what our own proxies appended was written by the client and proves nothing. So with
QM_TRUSTED_PROXIES = n (the number of proxies in front of the app servers, set by whoever
deploys them), the client is the n-th address from the right; without it (the default: the app
server faces the clients), REMOTE_ADDR.
"""

from django.conf import settings


def client_ip(request) -> str | None:
    """None when the server does not know (a request built in code, as force_login does)."""
    proxies = getattr(settings, "QM_TRUSTED_PROXIES", 0)
    if proxies:
        forwarded = [
            a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR") or None
