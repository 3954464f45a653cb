"""The password policy (口令复杂度): a password set on the account page is at least
QM_PASSWORD_MIN_LENGTH long, not common, not all digits, not like the user name, and mixes
kinds of characters; every refusal is in Chinese and the old password keeps working."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.passwords import MSG_CLASSES, MSG_TOO_SHORT
from accounts.views import MSG_PASSWORD_CHANGED
from core.testing.world import PASSWORD

MSG_COMMON = "这个密码太常见了。"
MSG_NUMERIC = "密码只包含数字。"


def _change(client, new: str):
    return client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("Ab3$xyz", MSG_TOO_SHORT % {"min_length": 10}),
        ("password123", MSG_COMMON),
        ("20231016123", MSG_NUMERIC),
        ("qualitymonthzly", MSG_CLASSES % {"min": 2}),
    ],
)
def test_a_weak_password_is_refused_in_chinese_and_the_old_one_still_works(
    world, client_for, password, message
):
    user = world.users["editor"]
    response = _change(client_for(user), password)
    assert response.status_code == 200
    assert message in response.context["form"].errors["new_password2"]
    assert message in response.text
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_a_password_like_the_user_name_is_refused(world):
    user = world.users["editor"]
    with pytest.raises(ValidationError) as error:
        validate_password("changsha_editor1", user)
    assert any("太相似" in m for m in error.value.messages)


def test_a_strong_password_is_saved_and_the_user_stays_signed_in(world, client_for):
    user = world.users["editor"]
    client = client_for(user)
    assert (
        reverse("accounts:password_change").encode()
        in client.get(reverse("accounts:my_account")).content
    )
    response = _change(client, "Zhiliang-Yue-2023")
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert page.status_code == 200 and MSG_PASSWORD_CHANGED in page.text
    user.refresh_from_db()
    assert user.check_password("Zhiliang-Yue-2023")
