"""Password rules of a government system, on top of Django's length and common-word rules."""

import string

from django.contrib.auth.password_validation import MinimumLengthValidator
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

CLASSES = (
    ("upper", str.isupper),
    ("lower", str.islower),
    ("digit", str.isdigit),
    ("symbol", lambda char: char in string.punctuation or not char.isalnum()),
)


def character_classes(password: str) -> set[str]:
    """The classes (upper, lower, digit, symbol) that occur in ``password``."""
    return {name for name, test in CLASSES if any(test(char) for char in password)}


class CharacterClassesValidator:
    """At least ``min_classes`` of: upper-case letters, lower-case letters, digits, symbols."""

    def __init__(self, min_classes: int = 3) -> None:
        self.min_classes = min_classes

    def validate(self, password: str, user=None) -> None:
        if len(character_classes(password)) < self.min_classes:
            raise ValidationError(
                _(
                    "The password must mix at least %(n)d of these: capital letters, "
                    "small letters, digits and symbols."
                )
                % {"n": self.min_classes},
                code="password_too_simple",
            )

    def get_help_text(self) -> str:
        return ngettext(
            "Your password must mix at least %(n)d kind of character: capital letters, "
            "small letters, digits, symbols.",
            "Your password must mix at least %(n)d kinds of character: capital letters, "
            "small letters, digits, symbols.",
            self.min_classes,
        ) % {"n": self.min_classes}


class MinimumLengthInChineseValidator(MinimumLengthValidator):
    """Django's length rule with a message our catalogue translates (Django 5.2 changed the
    msgid and its own zh-hans catalogue has no translation of the new one yet)."""

    def get_error_message(self) -> str:
        return ngettext(
            "The password is too short: it must have at least %(n)d character.",
            "The password is too short: it must have at least %(n)d characters.",
            self.min_length,
        ) % {"n": self.min_length}
