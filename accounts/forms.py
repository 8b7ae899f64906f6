from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from accounts.enums import ROLE_LEVELS, Role


class LoginForm(AuthenticationForm):
    """Django's own form, with the label our users know (Django's Vietnamese leaves "Username")."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Login name")
        self.fields["username"].widget.attrs.update({"autocapitalize": "none", "autocorrect": "off"})


class UserCreateForm(forms.Form):
    username = forms.CharField(label=_("Login name"), max_length=150)
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    phone = forms.CharField(label=_("Phone"), max_length=20, required=False)
    password = forms.CharField(
        label=_("First password"),
        widget=forms.PasswordInput(render_value=False),
        help_text=_("Give it to the person, who should change it at the first login."),
    )
    role = forms.ChoiceField(label=_("Role"))

    def __init__(self, *args, roles: set[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [(value, label) for value, label in Role.choices if value in roles]


class RoleGrantForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"))

    def __init__(self, *args, roles: set[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [(value, label) for value, label in Role.choices if value in roles]


def roles_for_level(roles: set[str], level: str) -> set[str]:
    return {role for role in roles if level in ROLE_LEVELS[role]}
