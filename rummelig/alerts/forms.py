"""Forms of the alerts app: the alert filter, the employee representative's statement (given in Rummelig or
recorded from paper by HR), routing the statement along the law's order, a unit's balance threshold."""

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rummelig.accounts.models import Role
from rummelig.core.forms import DateInput, style_widgets
from rummelig.organisation.models import Unit

from .deadlines import KIND_LABELS
from .models import AlertHandling, Statement, StatementRoute

# What a scan may be, told by its first bytes (never by the name or the browser's word for it).
SCAN_TYPES = {b"%PDF-": "application/pdf", b"\x89PNG\r\n\x1a\n": "image/png", b"\xff\xd8\xff": "image/jpeg"}

HORIZONS = [(30, _("30 days")), (60, _("60 days")), (90, _("90 days")), (180, _("180 days"))]
YES_NO = [("ja", _("Yes")), ("nej", _("No"))]


class AlertFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Type of alert"), required=False, choices=lambda: [("", _("All kinds"))] + list(KIND_LABELS.items()))
    days = forms.TypedChoiceField(label=_("Due within"), required=False, choices=HORIZONS, coerce=int, empty_value=60)
    show_handled = forms.BooleanField(label=_("Show the alerts I have handled or postponed"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self)


class StatementForm(forms.ModelForm):
    """The representative's answers and signature.

    Merbeskæftigelse is asked whenever the scheme has the rule, whatever the person's target group:
    that the rule does not apply to persons with reduced work capacity is HR's to apply
    (``alerts.checks``), and asking only some would tell the TR the target group.
    """

    ratio_ok = forms.TypedChoiceField(
        label=_("Is the rimelighedskrav met at the workplace's P-number?"), choices=YES_NO, coerce=lambda v: v == "ja",
        widget=forms.RadioSelect(attrs={"class": "form-radio"}),
        help_text=_("At most 1 person in praktik/løntilskud for every 5 ordinary employees (BEK § 65)."),
    )
    merbeskaeftigelse_ok = forms.ChoiceField(
        label=_("Is the placement a net expansion of the staff (merbeskæftigelse)?"),
        choices=Statement.Answer.choices, widget=forms.RadioSelect(attrs={"class": "form-radio"}),
        help_text=_("For løntilskud: the staff of the last month is at least the average of the last 12 months. "
                    "Answer for the workplace; HR knows whether the rule applies to the person."),
    )
    colleagues_positive = forms.TypedChoiceField(
        label=_("Are the colleagues positive about the placement?"), choices=YES_NO, coerce=lambda v: v == "ja",
        widget=forms.RadioSelect(attrs={"class": "form-radio"}),
    )

    class Meta:
        model = Statement
        fields = ["ratio_ok", "merbeskaeftigelse_ok", "colleagues_positive", "comment", "signed_name"]
        labels = {"comment": _("Comment"), "signed_name": _("Your name (signature)")}
        help_texts = {
            "comment": _("Anything the employer should know, e.g. conditions for your support."),
            "signed_name": _("Write your full name to sign. The time is recorded when you submit."),
        }
        widgets = {"comment": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, merbeskaeftigelse_relevant, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self)
        self.fields["signed_name"].widget.attrs["autocomplete"] = "name"
        if merbeskaeftigelse_relevant:
            self.fields["merbeskaeftigelse_ok"].choices = [c for c in Statement.Answer.choices if c[0] != Statement.Answer.NOT_RELEVANT]
        else:
            self.fields["merbeskaeftigelse_ok"].choices = [(Statement.Answer.NOT_RELEVANT, Statement.Answer.NOT_RELEVANT.label)]
            self.fields["merbeskaeftigelse_ok"].initial = Statement.Answer.NOT_RELEVANT
        self.fields["ratio_ok"].error_messages["required"] = _("Answer whether the rimelighedskrav is met.")
        self.fields["merbeskaeftigelse_ok"].error_messages["required"] = _("Answer whether the placement is a net expansion.")
        self.fields["colleagues_positive"].error_messages["required"] = _("Answer whether the colleagues are positive.")
        self.fields["signed_name"].error_messages["required"] = _("Write your name to sign the statement.")

    def clean_signed_name(self):
        name = self.cleaned_data["signed_name"].strip()
        if not name:
            raise forms.ValidationError(_("Write your name to sign the statement."))
        return name


class PaperStatementForm(StatementForm):
    """HR records a statement the TR signed on paper, with its scan; it then counts as given."""

    signed_on = forms.DateField(label=_("Date of the signature"), widget=DateInput())
    scan = forms.FileField(
        label=_("Scan of the signed statement"),
        help_text=_("PDF, PNG or JPEG, at most %(size)s.") % {"size": filesizeformat(settings.STATEMENT_SCAN_MAX_BYTES)},
    )

    class Meta(StatementForm.Meta):
        labels = {"comment": _("Comment"), "signed_name": _("The representative's name as signed")}
        help_texts = {"comment": _("The representative's comment, as written on the paper.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["signed_name"].help_text = ""
        self.fields["signed_name"].widget.attrs.pop("autocomplete", None)
        self.fields["signed_name"].error_messages["required"] = _("Write the name of the representative who signed.")
        self.fields["signed_on"].error_messages.update({
            "required": _("Write the date of the signature."), "invalid": _("Write the date of the signature as a date."),
        })
        self.fields["scan"].error_messages.update({
            "required": _("Attach the scan of the signed statement."), "empty": _("The scan is an empty file."),
        })
        self.scan_content_type = ""

    def clean_signed_name(self):
        name = self.cleaned_data["signed_name"].strip()
        if not name:
            raise forms.ValidationError(_("Write the name of the representative who signed."))
        return name

    def clean_signed_on(self):
        day = self.cleaned_data["signed_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("The date of the signature cannot be in the future."))
        return day

    def clean_scan(self):
        scan = self.cleaned_data["scan"]
        if scan.size > settings.STATEMENT_SCAN_MAX_BYTES:
            raise forms.ValidationError(_("The scan is %(size)s; it may be at most %(limit)s.") % {
                "size": filesizeformat(scan.size), "limit": filesizeformat(settings.STATEMENT_SCAN_MAX_BYTES),
            })
        scan.seek(0)
        head = scan.read(8)
        scan.seek(0)
        for magic, content_type in SCAN_TYPES.items():
            if head.startswith(magic):
                self.scan_content_type = content_type
                return scan
        raise forms.ValidationError(_("The scan must be a PDF, PNG or JPEG file."))


def statement_givers(workplace):
    """Users HR may route a statement to: TRs anywhere at the employer, and employees on the P-number (never a manager as such)."""
    from .ratios import production_units

    return get_user_model().objects.filter(is_active=True).filter(
        Q(role_assignments__role=Role.TR)
        | Q(role_assignments__role=Role.EMPLOYEE, role_assignments__unit__in=production_units(workplace))
    ).distinct().order_by("first_name", "last_name", "username")


class GiverChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user):
        return user.get_full_name() or user.get_username()


class StatementRouteForm(forms.ModelForm):
    """HR picks who gives the statement, along the law's order (BEK nr. 2006/2020 § 99, stk. 4-5)."""

    class Meta:
        model = StatementRoute
        fields = ["basis", "giver", "tr_absent", "note"]
        labels = {"basis": _("The representative is"), "giver": _("Who gives the statement"), "note": _("Note")}
        help_texts = {"note": _("E.g. why an earlier step of the order could not be used.")}
        widgets = {"basis": forms.RadioSelect(attrs={"class": "form-radio"}), "note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, workplace, has_tr, **kwargs):
        super().__init__(*args, **kwargs)
        self.has_tr = has_tr
        self.fields["giver"] = GiverChoiceField(
            queryset=statement_givers(workplace), label=_("Who gives the statement"),
            help_text=_("TRs in Rummelig, and employees with a role on the P-number. The one chosen sees the task under “My tasks” and signs it there."),
        )
        self.fields["basis"].choices = list(StatementRoute.Basis.choices)
        if not has_tr:
            del self.fields["tr_absent"]
        style_widgets(self)
        self.fields["basis"].error_messages["required"] = _("Choose where in the law's order the representative stands.")
        self.fields["giver"].error_messages.update({
            "required": _("Choose who gives the statement."), "invalid_choice": _("Choose who gives the statement."),
        })

    def clean_tr_absent(self):
        absent = self.cleaned_data.get("tr_absent")
        if self.has_tr and not absent:
            raise forms.ValidationError(_(
                "The P-number has a TR. Another representative may give the statement only when the TR is away "
                "more than 3 working days (tick the box), or record the TR's statement received on paper."
            ))
        return absent


class BalanceThresholdForm(forms.ModelForm):
    class Meta:
        model = Unit
        fields = ["balance_threshold"]
        labels = {"balance_threshold": _("Threshold (%)")}
        help_texts = {
            "balance_threshold": _("The unit is flagged when temporary special-terms staff exceed this share of its ordinary staff."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["balance_threshold"]
        field.localize = True
        field.widget = forms.TextInput(attrs={"class": "form-input input-width-xs", "inputmode": "decimal"})
        field.widget.is_localized = True
        field.min_value = 0

    def clean_balance_threshold(self):
        value = self.cleaned_data["balance_threshold"]
        if value is None or value < 0 or value > 100:
            raise forms.ValidationError(_("Write a share between 0 and 100 per cent."))
        return value


class AlertHandlingForm(forms.Form):
    """Mark one alert handled (saying what was done) or put it off until a later date."""

    state = forms.ChoiceField(
        label=_("What do you want to do?"), choices=AlertHandling.State.choices, widget=forms.RadioSelect(attrs={"class": "form-radio"}),
        error_messages={"required": _("Choose whether the alert is handled or postponed.")},
    )
    note = forms.CharField(
        label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What was done, or why it waits. Required when you mark the alert handled."),
    )
    postponed_until = forms.DateField(
        label=_("Postpone until"), required=False, widget=DateInput(),
        help_text=_("The alert comes back in your list on this date."),
        error_messages={"invalid": _("Write a valid date.")},
    )

    def __init__(self, *args, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        style_widgets(self)

    def clean(self):
        data = super().clean()
        state = data.get("state")
        if state == AlertHandling.State.HANDLED and not (data.get("note") or "").strip():
            self.add_error("note", _("Write what was done."))
        if state == AlertHandling.State.POSTPONED:
            until = data.get("postponed_until")
            if until is None and "postponed_until" not in self.errors:
                self.add_error("postponed_until", _("Choose the date until which the alert is postponed."))
            elif until is not None and until <= self.today:
                self.add_error("postponed_until", _("Choose a date after today."))
        if state == AlertHandling.State.HANDLED:
            data["postponed_until"] = None
        return data
