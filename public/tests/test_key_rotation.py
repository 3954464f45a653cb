"""Changing the personal-data key (QM_PERSONAL_DATA_KEY, the former one listed in
QM_PERSONAL_DATA_OLD_KEYS): nothing stored before becomes unreadable, no visitor can register
or vote twice across the change, and `rotate_personal_data_key` moves everything to the new
key so that the former one can be dropped."""

import pytest
from django.core.management import CommandError, call_command

from core import personal_data as core_personal_data
from core.management.commands import rotate_personal_data_key as command
from public import personal_data, services
from public.models import Registration
from public.tests.test_personal_data import activity, poll, stored_row  # noqa: F401 — fixtures

FORMER = "the-key-this-deployment-started-with-0123456789"
NEW = "the-key-it-uses-after-the-rotation-9876543210"


@pytest.fixture
def former_key(settings):
    settings.QM_PERSONAL_DATA_KEY = FORMER
    settings.QM_PERSONAL_DATA_OLD_KEYS = []
    return settings


def _rotate_key(settings, *, keep_former: bool = True) -> None:
    settings.QM_PERSONAL_DATA_KEY = NEW
    settings.QM_PERSONAL_DATA_OLD_KEYS = [FORMER] if keep_former else []


def _register(activity, name="张小明", phone="13812341234") -> Registration:  # noqa: F811
    return services.registration_create(event=activity.public_event, name=name, phone=phone)


def test_values_stored_under_the_former_key_are_read_while_it_is_listed(former_key, activity):  # noqa: F811
    registration = _register(activity)
    _rotate_key(former_key)
    assert Registration.objects.get(pk=registration.pk).phone == "13812341234"
    _rotate_key(former_key, keep_former=False)
    with pytest.raises(core_personal_data.DecryptionError):
        Registration.objects.get(pk=registration.pk)


def test_new_values_are_written_under_the_new_key(former_key, activity):  # noqa: F811
    _rotate_key(former_key)
    registration = _register(activity)
    _name, phone, phone_hash = stored_row(registration)
    _rotate_key(former_key, keep_former=False)  # readable without the former key
    assert personal_data.decrypt(phone, purpose="public.registration.phone") == "13812341234"
    assert phone_hash == personal_data.registration_phone_digest(
        activity.public_event.pk, "13812341234"
    )


def test_a_visitor_registered_before_the_change_cannot_register_again(former_key, activity):  # noqa: F811
    _register(activity)
    _rotate_key(former_key)
    with pytest.raises(services.DoubleBookingError):
        _register(activity, name="张大明")
    assert Registration.objects.count() == 1
    assert Registration.objects.with_phone("13812341234").get().name == "张小明"


def test_a_voter_of_before_the_change_cannot_vote_again(former_key, poll):  # noqa: F811
    option = poll.options.first()
    services.vote_cast(poll=poll, option_id=option.pk, phone="13800000001")
    _rotate_key(former_key)
    with pytest.raises(services.AlreadyVotedError):
        services.vote_cast(poll=poll, option_id=option.pk, phone="13800000001")
    assert poll.votes.count() == 1


def test_the_command_moves_every_value_to_the_new_key_so_the_former_can_go(
    former_key,
    activity,  # noqa: F811
    capsys,
):
    registration = _register(activity)
    before = stored_row(registration)
    _rotate_key(former_key)

    with pytest.raises(CommandError) as failed:
        call_command("rotate_personal_data_key", "--check")
    # name and phone re-encrypted, the phone's digest recomputed
    assert str(failed.value) == command.CHECK_FAILED.format(n=3)
    assert stored_row(registration) == before  # --check changes nothing

    call_command("rotate_personal_data_key")
    out = capsys.readouterr().out
    assert command.MOVED.format(what="public.Registration", n=2) in out
    assert command.MOVED.format(what="public.Registration.phone_hash", n=1) in out
    after = stored_row(registration)
    assert all(new != old for new, old in zip(after, before, strict=True))

    _rotate_key(former_key, keep_former=False)
    moved = Registration.objects.get(pk=registration.pk)
    assert (moved.name, moved.phone) == ("张小明", "13812341234")
    with pytest.raises(services.DoubleBookingError):  # found by its recomputed digest
        _register(activity, name="张大明")
    call_command("rotate_personal_data_key", "--check")
    assert command.ALL_CURRENT in capsys.readouterr().out


def test_a_value_no_listed_key_opens_is_reported_and_left_as_it_is(
    former_key,
    activity,  # noqa: F811
    capsys,
):
    registration = _register(activity)
    before = stored_row(registration)
    _rotate_key(former_key, keep_former=False)  # the former key forgotten too early
    call_command("rotate_personal_data_key")
    assert command.UNREADABLE.format(what="public.Registration", n=2) in capsys.readouterr().out
    assert stored_row(registration)[:2] == before[:2]
