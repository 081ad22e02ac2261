import pytest

from django.core.exceptions import ValidationError
from django.utils import translation

from integrity.core.uscc import ALPHABET, check_character, make_uscc, validate_uscc

VALID = "91350100M000100Y43"
VALID_N = make_uscc("N2", "390122", "00001007")


def test_the_reference_code_is_accepted():
    validate_uscc(VALID)


def test_a_code_beginning_with_n_is_accepted():
    assert VALID_N.startswith("N")
    validate_uscc(VALID_N)


@pytest.mark.parametrize("code", [VALID, VALID_N])
def test_every_other_last_character_is_rejected_naming_the_expected_one(code):
    expected = code[-1]
    with translation.override("zh-hans"):
        for wrong in (c for c in ALPHABET if c != expected):
            with pytest.raises(ValidationError) as caught:
                validate_uscc(code[:-1] + wrong)
            message = caught.value.messages[0]
            assert f"应为“{expected}”" in message
            assert "校验码" in message


def test_check_character_follows_gb32100():
    assert check_character(VALID[:17]) == "3"


@pytest.mark.parametrize(
    "code",
    ["91350100M000100Y4", "91350100M000100Y433", "91350100M000100I43", "01350100M000100Y43"],
)
def test_malformed_codes_are_rejected(code):
    with pytest.raises(ValidationError):
        validate_uscc(code)


def test_lower_case_and_spaces_are_normalised():
    validate_uscc("  91350100m000100y43 ")
