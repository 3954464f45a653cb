"""An open day's time decides which days of the public calendar its activity is on: keep
activities' PublicCalendarTally right on every save or deletion of a PublicEvent (the
service, the admin), through the activities app's tally functions."""

from django.db.models import QuerySet
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save

from activities import tallies
from public.models import PublicEvent


def _alone(origin) -> bool:
    """Whether a deletion is of open days themselves. Deleted along with something above
    (its activity, the activity's notice), the event goes with its activity, whose own
    pre_delete uncounts everything it counted for, open day included."""
    return isinstance(origin, PublicEvent) or (
        isinstance(origin, QuerySet) and origin.model is PublicEvent
    )


def _before(sender, instance: PublicEvent, **kwargs) -> None:
    instance._tally_before = None
    if kwargs.get("raw") or ("origin" in kwargs and not _alone(kwargs["origin"])):
        return
    instance._tally_before = tallies.event_changing(instance.activity_id)


def _after(sender, instance: PublicEvent, **kwargs) -> None:
    before = getattr(instance, "_tally_before", None)
    instance._tally_before = None
    tallies.event_changed(instance.activity_id, before)


def connect() -> None:
    pre_save.connect(_before, sender=PublicEvent, dispatch_uid="tally-event-pre")
    post_save.connect(_after, sender=PublicEvent, dispatch_uid="tally-event-post")
    pre_delete.connect(_before, sender=PublicEvent, dispatch_uid="tally-event-del")
    post_delete.connect(_after, sender=PublicEvent, dispatch_uid="tally-event-deleted")
