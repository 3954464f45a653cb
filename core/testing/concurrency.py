"""Many requests at the same moment, for the tests that prove a lock holds: real HTTP
against the live server, each request on its own thread (and so on its own database
connection on the server side), all released at once by a barrier."""

import threading
import urllib.error
import urllib.request

from django.core.servers.basehttp import WSGIServer

# The live server listens with Django's backlog of 10: of a few hundred connections opened
# at once, the kernel resets those beyond it, and a flood test would test the backlog. Set
# when the tests are collected, before the (session-wide) live server starts listening.
WSGIServer.request_queue_size = 1024


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def send_at_once(requests: list[urllib.request.Request]) -> list[int]:
    """Send the prepared requests together; the HTTP status of each, in the order they
    were answered (a redirect is answered, not followed)."""
    opener = urllib.request.build_opener(_NoRedirect)
    barrier = threading.Barrier(len(requests))
    statuses: list[int] = []

    def send(request: urllib.request.Request) -> None:
        barrier.wait()
        try:
            with opener.open(request, timeout=30) as response:
                statuses.append(response.status)
        except urllib.error.HTTPError as exc:
            statuses.append(exc.code)

    threads = [threading.Thread(target=send, args=(request,)) for request in requests]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses
