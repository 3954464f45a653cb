"""Helpers for the tests on the plan fixture (activities/tests/conftest.py)."""

from campaigns.models import Notice
from campaigns.services import notice_issue


def issue(plan: Notice, actor) -> Notice:
    return notice_issue(actor=actor, notice=plan)
