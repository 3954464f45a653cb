"""Opt-in reads from the read replica (QM_REPLICA_DATABASE_URL), for pages that may lag.

A streaming replica is seconds behind the primary. Only pages whose readers accept that (the
dashboards: aggregates over a subtree) ask for it, by wrapping their work in
`read_from_replica()`; everything else reads the primary, so a clerk always sees what they
have just saved. The choice travels in a ContextVar, which is per thread and per asyncio
task, so concurrent requests in one process never see each other's choice.
`core.db_routers.ReplicaRouter` reads it; without a replica configured the router is not
installed and this is a no-op.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

REPLICA_DB_ALIAS = "replica"

_replica_reads: ContextVar[bool] = ContextVar("qm_replica_reads", default=False)


@contextmanager
def read_from_replica() -> Iterator[None]:
    """Send this block's reads to the replica (writes still go to the primary).

    As a view decorator, `@read_from_replica()` goes *below* `@login_required`, so that the
    session and the user are read on the primary: a fresh login is never lost to lag.
    """
    token = _replica_reads.set(True)
    try:
        yield
    finally:
        _replica_reads.reset(token)


def replica_reads_requested() -> bool:
    return _replica_reads.get()
