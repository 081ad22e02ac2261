from django import forms
from django.utils.translation import gettext_lazy as _

from wagtail.users.forms import UserCreationForm, UserEditForm

from integrity.core.models import User
from integrity.core.permissions import org_scope

USER_FORM_FIELDS = [
    "username",
    "full_name",
    "email",
    "organisation",
    "role",
    "post",
    "mobile",
    "is_superuser",
    "groups",
]


class ScopedUserFormMixin:
    """Chinese names in one field; organisations limited to the editor's subtree."""

    first_name = None
    last_name = None

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.for_user = for_user
        self.fields["organisation"].queryset = org_scope(for_user)
        self.fields["organisation"].required = not (for_user and for_user.is_superuser)
        self.fields["role"].required = True
        if not (for_user and for_user.is_superuser):
            self.fields.pop("is_superuser", None)
            self.fields.pop("groups", None)

    def clean_role(self):
        role = self.cleaned_data["role"]
        if role == User.Role.SYSADMIN and not (self.for_user and self.for_user.is_superuser):
            raise forms.ValidationError(_("Only a system administrator can grant this role."))
        return role


class ScopedUserCreationForm(ScopedUserFormMixin, UserCreationForm):
    class Meta(UserCreationForm.Meta):
        model = User
        fields = USER_FORM_FIELDS
        widgets = {"groups": forms.CheckboxSelectMultiple}


class ScopedUserEditForm(ScopedUserFormMixin, UserEditForm):
    class Meta(UserEditForm.Meta):
        model = User
        # Wagtail's edit form removes is_active when users edit themselves: it must exist.
        fields = [*USER_FORM_FIELDS, "is_active"]
        widgets = {"groups": forms.CheckboxSelectMultiple}
