"""The PostgreSQL run of `make test` keeps every test that may reach the database."""

import pytest
from django.test import SimpleTestCase, TestCase

from core.testing.selection import touches_database


def test_a_test_without_the_database_is_left_to_the_sqlite_run(request):
    assert not touches_database(request.node)


def test_a_test_asking_for_db_is_kept(request, db):
    assert touches_database(request.node)


@pytest.mark.django_db
def test_a_test_marked_django_db_is_kept(request):
    assert touches_database(request.node)


def test_a_test_using_the_shared_world_is_kept(request, world):
    assert touches_database(request.node)


@pytest.fixture(scope="module")
def _unblocked(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        yield


def test_a_test_whose_module_fixture_unblocks_the_database_is_kept(request, _unblocked):
    assert touches_database(request.node)


class DjangoTestCaseIsKept(TestCase):
    def test_kept(self):
        assert touches_database(_ItemOf(type(self)))


class SimpleTestCaseIsLeft(SimpleTestCase):
    def test_left(self):
        assert not touches_database(_ItemOf(type(self)))


class _ItemOf:
    """The parts of a collected unittest item that the selection reads."""

    def __init__(self, cls):
        self.cls = cls
        self.fixturenames = ()

    def get_closest_marker(self, name):
        return None
