import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from public import services
from public.models import Registration
from public.tests.factories import public_activity

CONFIRMED, WAITLISTED, CANCELLED = (
    Registration.Status.CONFIRMED,
    Registration.Status.WAITLISTED,
    Registration.Status.CANCELLED,
)


@pytest.fixture
def event(world):
    activity = public_activity(actor=world.users["editor"], unit=world.unit("芙蓉区"), capacity=2)
    return activity.public_event


def register(event, name, phone):
    return services.registration_create(event=event, name=name, phone=phone)


def test_visitors_are_confirmed_until_full_then_waitlisted(event):
    first = register(event, "张三", "13800000001")
    second = register(event, "李四", "13800000002")
    third = register(event, "王五", "13800000003")
    assert [first.status, second.status, third.status] == [CONFIRMED, CONFIRMED, WAITLISTED]
    assert len(first.code) == services.CODE_LENGTH
    assert len({first.code, second.code, third.code}) == 3


def test_cancelling_with_the_code_promotes_the_first_on_the_waitlist(event):
    first = register(event, "张三", "13800000001")
    register(event, "李四", "13800000002")
    waiting_first = register(event, "王五", "13800000003")
    waiting_second = register(event, "赵六", "13800000004")

    cancelled, promoted = services.registration_cancel(code=first.code.lower())

    assert cancelled.status == CANCELLED and cancelled.cancelled_at is not None
    assert promoted == [waiting_first]
    waiting_first.refresh_from_db()
    waiting_second.refresh_from_db()
    assert waiting_first.status == CONFIRMED
    assert waiting_second.status == WAITLISTED
    assert event.registrations.filter(status=CONFIRMED).count() == 2


def test_the_same_phone_cannot_book_the_same_activity_twice(event):
    register(event, "张三", "13800000001")
    with pytest.raises(services.DoubleBookingError):
        register(event, "张三丰", "138 0000 0001")
    assert event.registrations.count() == 1


def test_a_cancelled_phone_may_register_again(event):
    first = register(event, "张三", "13800000001")
    services.registration_cancel(code=first.code)
    again = register(event, "张三", "13800000001")
    assert again.status == CONFIRMED


def test_only_mainland_mobile_numbers_are_accepted(event):
    for phone in ("12800000001", "1380000000", "23800000001", "1380000000a"):
        with pytest.raises(ValidationError):
            register(event, "张三", phone)
    assert not event.registrations.exists()


def test_registration_outside_its_window_is_refused(event, world):
    event.registration_closes_at = timezone.now() - datetime.timedelta(minutes=1)
    event.save()
    with pytest.raises(services.RegistrationClosedError):
        register(event, "张三", "13800000001")


def test_cancelling_twice_is_refused(event):
    first = register(event, "张三", "13800000001")
    services.registration_cancel(code=first.code)
    with pytest.raises(services.PublicError):
        services.registration_cancel(code=first.code)


def test_raising_the_capacity_promotes_the_waitlist_and_lowering_below_confirmed_is_refused(
    event, world
):
    for i in range(3):
        register(event, f"访客{i}", f"1380000000{i}")
    editor = world.users["editor"]
    services.event_configure(actor=editor, activity=event.activity, capacity=3)
    assert event.registrations.filter(status=CONFIRMED).count() == 3
    with pytest.raises(ValidationError):
        services.event_configure(actor=editor, activity=event.activity, capacity=2)


def test_viewer_cannot_open_registration(event, world):
    with pytest.raises(PermissionDenied):
        services.event_configure(actor=world.users["viewer"], activity=event.activity, capacity=10)


def test_check_in_needs_a_confirmed_code_and_happens_once(event, world):
    editor = world.users["editor"]
    first = register(event, "张三", "13800000001")
    register(event, "李四", "13800000002")
    waiting = register(event, "王五", "13800000003")
    checked = services.registration_check_in(actor=editor, event=event, code=first.code)
    assert checked.checked_in_at is not None
    with pytest.raises(services.PublicError):
        services.registration_check_in(actor=editor, event=event, code=first.code)
    with pytest.raises(services.PublicError):
        services.registration_check_in(actor=editor, event=event, code=waiting.code)
    with pytest.raises(PermissionDenied):
        services.registration_check_in(actor=world.users["viewer"], event=event, code="X")
