import pytest
from django.test import Client

from api import services


@pytest.fixture
def api_client():
    """A client calling the API with `user`'s fresh personal token."""

    def for_user(user) -> Client:
        key = services.token_create(actor=user, user=user, name="测试").key
        return Client(headers={"Authorization": f"Bearer {key}"})

    return for_user
