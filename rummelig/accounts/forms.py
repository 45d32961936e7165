"""Forms of the user pages: filter, create and edit a user, give a role, link a person."""

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rummelig.core.forms import DateInput, style_widgets
from rummelig.organisation.models import Unit
from rummelig.people.models import Person

from .models import Role
from .roles import check_assignment

User = get_user_model()


class UserFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100, help_text=_("User name, name or e-mail."))
    role = forms.ChoiceField(label=_("Role"), required=False)
    active = forms.ChoiceField(
        label=_("Status"), required=False,
        choices=[("", _("All")), ("ja", _("Active")), ("nej", _("Deactivated"))],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [("", _("All")), ("ingen", _("No role"))] + list(Role.choices)
        style_widgets(self)


class UserForm(forms.ModelForm):
    """Create or edit a user; the password fields are only for HR, and only when the user is created."""

    password1 = forms.CharField(
        label=_("Password"), required=False, strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Only for a local login (an emergency account). Leave empty when the user logs in through the municipality's login."),
    )
    password2 = forms.CharField(
        label=_("Password again"), required=False, strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    class Meta:
        model = User
        fields = ["username", "first_name", "last_name", "email"]
        help_texts = {"username": _("As in the municipality's login (e.g. the AD account); letters, digits and @/./+/-/_ only.")}

    def __init__(self, *args, may_set_password=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not may_set_password or self.instance.pk:
            del self.fields["password1"], self.fields["password2"]
        self.fields["first_name"].required = True
        self.fields["last_name"].required = True
        style_widgets(self)

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        others = User.objects.filter(username__iexact=username).exclude(pk=self.instance.pk)
        if others.exists():
            raise ValidationError(_("Another user already has the user name %(name)s.") % {"name": username})
        return username

    def clean(self):
        cleaned = super().clean()
        if "password1" in self.fields:
            one, two = cleaned.get("password1"), cleaned.get("password2")
            if one or two:
                if one != two:
                    self.add_error("password2", _("The two passwords are not the same."))
                else:
                    try:
                        password_validation.validate_password(one, self.instance)
                    except ValidationError as error:
                        self.add_error("password1", error)
        return cleaned

    def save(self, commit=True):
        user = super().save(commit=False)
        if not user.pk:
            password = self.cleaned_data.get("password1")
            if password:
                user.set_password(password)
            else:
                user.set_unusable_password()
        if commit:
            user.save()
        return user


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{'— ' * obj.depth}{obj.name}" + (f" ({obj.payroll_id})" if obj.payroll_id else "")


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"))
    unit = UnitChoiceField(
        label=_("Unit"), queryset=Unit.objects.none(), required=False, empty_label=_("The whole municipality"),
        help_text=_("The role covers the unit and its sub-units. HR, auditor and employee may hold it for the whole municipality; the administrator for no unit."),
    )
    valid_from = forms.DateField(label=_("Valid from"), required=False, widget=DateInput())
    valid_until = forms.DateField(
        label=_("Valid until"), required=False, widget=DateInput(),
        help_text=_("Empty means until further notice; a TR or AMR is elected for a term."),
    )

    def __init__(self, *args, roles=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [(r.value, r.label) for r in roles]
        today = timezone.localdate()
        self.fields["unit"].queryset = Unit.objects.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today)).order_by("path")
        style_widgets(self)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("role"):
            try:
                check_assignment(cleaned["role"], cleaned.get("unit"), cleaned.get("valid_from"), cleaned.get("valid_until"))
            except ValidationError as error:
                self.add_error(None, error)
        return cleaned


class LinkPersonForm(forms.Form):
    """HR links a person to a login by its user name (on the person page)."""

    username = forms.CharField(label=_("User name of the login"), max_length=150)

    def __init__(self, *args, person=None, **kwargs):
        self.person = person
        super().__init__(*args, **kwargs)
        style_widgets(self)

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        user = User.objects.filter(username__iexact=username).first()
        if user is None:
            raise ValidationError(_("No user has the user name %(name)s.") % {"name": username})
        if Person.objects.filter(user=user).exclude(pk=getattr(self.person, "pk", None)).exists():
            raise ValidationError(_("The user %(name)s is already linked to another person; unlink it there first.") % {"name": user.username})
        self.user = user
        return username
