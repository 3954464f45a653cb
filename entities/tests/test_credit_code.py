"""The 统一社会信用代码 check (GB 32100-2015): 18 characters, its alphabet, the check character."""

import pytest
from django.core.exceptions import ValidationError

from entities import credit_code
from entities.models import (
    MSG_CODE_CHARACTER,
    MSG_CODE_CHECK,
    MSG_CODE_LENGTH,
    validate_credit_code,
)

# Codes printed on real business licences (published in company registries).
REAL = ["91350100M000100Y43", "91110000600037341L", "911100001000079554"]


@pytest.mark.parametrize("code", REAL)
def test_real_codes_pass(code):
    assert credit_code.is_valid(code)
    validate_credit_code(code)


@pytest.mark.parametrize("code", REAL)
def test_any_single_mistyped_character_is_caught(code):
    for position in range(18):
        for char in credit_code.ALPHABET:
            if char != code[position]:
                typo = code[:position] + char + code[position + 1 :]
                assert not credit_code.is_valid(typo), typo


def test_two_swapped_neighbours_are_caught():
    code = REAL[0]
    for position in range(17):
        swapped = code[:position] + code[position + 1] + code[position] + code[position + 2 :]
        if swapped != code:
            assert not credit_code.is_valid(swapped), swapped


def test_each_broken_rule_has_its_message():
    with pytest.raises(ValidationError) as short:
        validate_credit_code("9135010")
    assert short.value.messages == [MSG_CODE_LENGTH % {"n": 7}]
    with pytest.raises(ValidationError) as letter:
        validate_credit_code("91350100M000100I43")  # I reads like 1: not in the alphabet
    assert letter.value.messages == [MSG_CODE_CHARACTER]
    with pytest.raises(ValidationError) as check:
        validate_credit_code("91350100M000100Y44")
    assert check.value.messages == [MSG_CODE_CHECK]


def test_typed_with_spaces_and_lower_case_is_normalised():
    assert credit_code.normalise(" 91350100m000100y43 ") == "91350100M000100Y43"
    assert credit_code.normalise("9135 0100 M000 100Y 43") == "91350100M000100Y43"
