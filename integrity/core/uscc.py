"""Unified social credit code (统一社会信用代码, GB 32100-2015).

python-stdnum's validator wrongly rejects codes whose registration authority is
``N``, ``A`` or ``Y``; this one follows the standard's own definition.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
FIRST_CHARS = frozenset("123456789ANY")
VALUES = {char: value for value, char in enumerate(ALPHABET)}


def check_character(first17: str) -> str:
    """Return the check character for the first 17 characters of a code."""
    total = sum(VALUES[char] * weight for char, weight in zip(first17, WEIGHTS, strict=False))
    return ALPHABET[(31 - total % 31) % 31]


def normalise(code: str) -> str:
    return (code or "").strip().upper()


def validate_uscc(code: str) -> None:
    """Raise ``ValidationError`` with a Chinese message unless ``code`` is a valid USCC."""
    code = normalise(code)
    if len(code) != 18:
        raise ValidationError(
            _("A unified social credit code has 18 characters; this one has %(n)d.")
            % {"n": len(code)},
            code="uscc_length",
        )
    bad = [char for char in code if char not in VALUES]
    if bad:
        raise ValidationError(
            _("Character “%(char)s” is not allowed in a unified social credit code.")
            % {"char": bad[0]},
            code="uscc_charset",
        )
    if code[0] not in FIRST_CHARS:
        raise ValidationError(
            _("The first character “%(char)s” is not a valid registration authority code.")
            % {"char": code[0]},
            code="uscc_authority",
        )
    expected = check_character(code[:17])
    if code[17] != expected:
        raise ValidationError(
            _("Check character is wrong: expected “%(expected)s”, got “%(got)s”.")
            % {"expected": expected, "got": code[17]},
            code="uscc_check",
        )


def is_valid_uscc(code: str) -> bool:
    try:
        validate_uscc(code)
    except ValidationError:
        return False
    return True


def org_code_check(first8: str) -> str:
    """Check character of a GB 11714 organisation code (characters 9-17 of a USCC)."""
    weights = (3, 7, 9, 10, 5, 8, 4, 2)
    total = sum(VALUES[char] * weight for char, weight in zip(first8, weights, strict=False))
    value = 11 - total % 11
    return {10: "X", 11: "0"}.get(value, str(value))


def make_uscc(prefix2: str, division: str, org8: str) -> str:
    """Build a valid code from authority+type (2), division code (6) and org code (8)."""
    first17 = prefix2 + division + org8 + org_code_check(org8)
    return first17 + check_character(first17)
