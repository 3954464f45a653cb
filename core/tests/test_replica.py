"""The optional read replica: settings, the router, and the dashboards reading through it.

In tests the replica alias is a test mirror of default (qualitymonth/test_settings.py): a
second connection to the same database, which, like a real replica, sees only committed rows.
Hence transaction=True and both aliases on the tests that read through it.
"""

import importlib.util

import pytest
from django.db import DEFAULT_DB_ALIAS, connections, router, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.replica import REPLICA_DB_ALIAS, read_from_replica
from core.testing.world import make_user
from orgs.models import Membership, OrgUnit
from orgs.scoping import Role
from reports.models import SentReminder
from reports.tests import factories

BOTH = [DEFAULT_DB_ALIAS, REPLICA_DB_ALIAS]
through_replica = pytest.mark.django_db(transaction=True, databases=BOTH)


@pytest.fixture
def replica_router(settings):
    settings.DATABASE_ROUTERS = ["core.db_routers.ReplicaRouter"]


def _production_settings(monkeypatch, **env) -> dict:
    """qualitymonth/settings.py evaluated afresh under the given environment."""
    monkeypatch.delenv("QM_REPLICA_DATABASE_URL", raising=False)
    monkeypatch.setenv("DATABASE_URL", "postgres://qm:secret@db-primary:5432/qualitymonth")
    monkeypatch.setenv("QM_DB_CONN_MAX_AGE", "120")
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    spec = importlib.util.find_spec("qualitymonth.settings")
    module = importlib.util.module_from_spec(spec)  # a fresh copy, not the loaded settings
    spec.loader.exec_module(module)
    return vars(module)


def _sql(queries) -> str:
    return " ".join(q["sql"] for q in queries)


# --- Settings ------------------------------------------------------------------------------


def test_without_a_replica_url_there_is_one_database_and_no_router(monkeypatch):
    settings = _production_settings(monkeypatch)
    assert list(settings["DATABASES"]) == ["default"]
    assert settings.get("DATABASE_ROUTERS", []) == []


def test_a_replica_url_adds_the_replica_with_the_primarys_options_and_the_router(monkeypatch):
    settings = _production_settings(
        monkeypatch, QM_REPLICA_DATABASE_URL="postgres://qm:secret@db-replica:5432/qualitymonth"
    )
    default, replica = settings["DATABASES"]["default"], settings["DATABASES"]["replica"]
    assert replica["HOST"] == "db-replica"
    assert default["HOST"] == "db-primary"
    assert replica["CONN_MAX_AGE"] == default["CONN_MAX_AGE"] == 120
    assert replica["CONN_HEALTH_CHECKS"] is True
    assert settings["DATABASE_ROUTERS"] == ["core.db_routers.ReplicaRouter"]


# --- Routing -------------------------------------------------------------------------------


@through_replica
def test_reads_go_to_the_primary_outside_the_block(replica_router, world):
    with CaptureQueriesContext(connections[REPLICA_DB_ALIAS]) as on_replica:
        unit = OrgUnit.objects.get(name="长沙市")
    assert unit._state.db == DEFAULT_DB_ALIAS
    assert len(on_replica) == 0


@through_replica
def test_inside_the_block_reads_go_to_the_replica_and_writes_to_the_primary(replica_router, world):
    user = make_user("hunan_viewer")
    with (
        CaptureQueriesContext(connections[REPLICA_DB_ALIAS]) as on_replica,
        CaptureQueriesContext(connections[DEFAULT_DB_ALIAS]) as on_primary,
        read_from_replica(),
    ):
        unit = OrgUnit.objects.get(name="湖南省")
        # A row read from the replica may be the foreign key of a row written to the primary.
        Membership.objects.create(user=user, unit=unit, role=Role.VIEWER)
    assert unit._state.db == REPLICA_DB_ALIAS
    assert "orgs_orgunit" in _sql(on_replica)
    assert "INSERT" not in _sql(on_replica)
    assert "INSERT" in _sql(on_primary) and "orgs_orgunit" not in _sql(on_primary)
    assert Membership.objects.using(DEFAULT_DB_ALIAS).filter(user=user, unit=unit).exists()


@through_replica
def test_inside_a_transaction_reads_stay_on_the_primary_and_see_its_own_writes(
    replica_router, world
):
    with read_from_replica(), transaction.atomic():
        OrgUnit.objects.filter(name="株洲市").update(name="株洲市（改）")
        assert router.db_for_read(OrgUnit) == DEFAULT_DB_ALIAS
        assert OrgUnit.objects.filter(name="株洲市（改）").exists()


@through_replica
def test_reads_return_to_the_primary_after_the_block_even_after_an_error(replica_router, world):
    with pytest.raises(ValueError), read_from_replica():
        assert router.db_for_read(OrgUnit) == REPLICA_DB_ALIAS
        raise ValueError
    assert router.db_for_read(OrgUnit) == DEFAULT_DB_ALIAS


def test_migrations_run_only_on_the_primary(replica_router):
    assert router.allow_migrate(DEFAULT_DB_ALIAS, "orgs", model_name="orgunit")
    assert not router.allow_migrate(REPLICA_DB_ALIAS, "orgs", model_name="orgunit")


# --- The dashboards -------------------------------------------------------------------------


@pytest.fixture
def hunan(world):
    return factories.province_with_one_overdue(world)


@through_replica
def test_the_dashboard_reads_its_figures_from_the_replica(replica_router, hunan, client_for):
    client = client_for(hunan["admin"])
    with (
        CaptureQueriesContext(connections[REPLICA_DB_ALIAS]) as on_replica,
        CaptureQueriesContext(connections[DEFAULT_DB_ALIAS]) as on_primary,
    ):
        response = client.get(reverse("dashboards:dashboard", args=[hunan["unit"].pk]))
    assert response.status_code == 200
    overdue = response.content.decode().split('id="table-overdue"')[1].split("</table>")[0]
    assert "株洲市" in overdue and "长沙市" not in overdue
    assert "reports_" in _sql(on_replica)
    # The primary serves only the session and the user (read before the view, so a fresh
    # login is never lost to replica lag), none of the dashboard's figures.
    assert "django_session" in _sql(on_primary)
    # Raw SQL on django.db.connection would bypass the router: a selector that needs a cursor
    # takes it from connections[router.db_for_read(Model)].
    assert "reports_" not in _sql(on_primary), "a dashboard query ran on the primary"
    assert "orgs_orgunit" not in _sql(on_primary), "a dashboard query ran on the primary"


@through_replica
def test_the_dashboard_start_page_finds_the_users_unit_on_the_replica(
    replica_router, hunan, client_for
):
    client = client_for(hunan["admin"])
    with CaptureQueriesContext(connections[REPLICA_DB_ALIAS]) as on_replica:
        response = client.get(reverse("dashboards:home"))
    assert response["Location"] == reverse("dashboards:dashboard", args=[hunan["unit"].pk])
    assert "orgs_orgunit" in _sql(on_replica)


@through_replica
def test_the_dashboard_reminder_reads_and_writes_on_the_primary(replica_router, hunan, client_for):
    with CaptureQueriesContext(connections[REPLICA_DB_ALIAS]) as on_replica:
        response = client_for(hunan["admin"]).post(
            reverse("dashboards:remind", args=[hunan["unit"].pk]),
            {"requirement": hunan["requirement"].pk},
        )
    assert response.status_code == 302
    assert len(on_replica) == 0
    reminded = SentReminder.objects.using(DEFAULT_DB_ALIAS).values_list(
        "expected__unit__name", flat=True
    )
    assert list(reminded) == ["株洲市"]
