"""Database router for the optional read replica; installed only when
QM_REPLICA_DATABASE_URL is set (see qualitymonth/settings.py and deploy/README.md)."""

from django.db import DEFAULT_DB_ALIAS, connections

from core.replica import REPLICA_DB_ALIAS, replica_reads_requested

_ALIASES = {DEFAULT_DB_ALIAS, REPLICA_DB_ALIAS}


class ReplicaRouter:
    """Reads go to the replica inside `read_from_replica()`, everything else to the primary."""

    def db_for_read(self, model, **hints) -> str:
        # Inside a transaction on the primary, a read must see that transaction's own
        # uncommitted writes, which the replica never has.
        if replica_reads_requested() and not connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return REPLICA_DB_ALIAS
        # Explicitly the primary, not None: Django would otherwise follow the instance hint
        # and keep reading related rows from the replica after the block has ended.
        return DEFAULT_DB_ALIAS

    def db_for_write(self, model, **hints) -> str:
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints) -> bool | None:
        # Both aliases hold the same data: a unit read from the replica may be the foreign
        # key of a row written to the primary.
        if obj1._state.db in _ALIASES and obj2._state.db in _ALIASES:
            return True
        return None

    def allow_migrate(self, db, app_label, model_name=None, **hints) -> bool:
        # The replica receives the schema through replication; it is read-only.
        return db == DEFAULT_DB_ALIAS
