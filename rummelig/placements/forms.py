"""The form to create and edit a placement, including choosing or creating the person.

The person is either an existing person the user may see (found with the search beside the
field) or a new person typed in (first name, last name, optional CPR number). The rules of the
placement itself are in validation.py, shared with the REST API; this form adds only what belongs
to the page: who may be chosen, and the person.
"""

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rummelig.audit import log
from rummelig.core.forms import DateInput, style_widgets
from rummelig.lib.cpr import birth_date_from_cpr, mask_cpr, normalise_cpr
from rummelig.organisation.models import Unit
from rummelig.people.models import Person, validate_cpr
from rummelig.schemes.models import Scheme

from .models import Placement
from .validation import Proposal, validate_placement

DATE_FIELDS = ("start", "planned_end", "actual_end", "requested_on")
TEXTAREAS = ("purpose", "special_considerations", "extension_reason", "rule_override_reason")
NULL_BOOLEANS = ("lives_in_municipality", "via_own_jobcenter", "no_other_education")
DECIMALS = ("hours_per_week", "yearly_subsidy")


REQUIRED_MESSAGES = {
    "scheme": _("Choose the scheme."),
    "workplace": _("Choose the workplace."),
    "start": _("Write the start date."),
    "person_mode": _("Choose whether it is an existing or a new person."),
}


class WorkplaceChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, unit):
        label = f"{unit.name} ({unit.parent.name})" if unit.parent_id else unit.name
        if unit.valid_to and unit.valid_to < timezone.localdate():
            label += " – " + str(_("closed %(date)s") % {"date": unit.valid_to.strftime("%d.%m.%Y")})
        return label


class EmploymentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, employment):
        period = f"{employment.start:%d.%m.%Y}–{employment.end:%d.%m.%Y}" if employment.end else f"{employment.start:%d.%m.%Y}–"
        title = employment.job_title or str(_("employment"))
        return f"{title}, {employment.unit.name} ({period})"


def mentor_candidates(access, current=None):
    """Return the people employed today in the units the user may edit (and the current mentor)."""
    today = timezone.localdate()
    employed = access.editable_employments().active_on(today)
    condition = Q(pk__in=employed.values("person_id"))
    if current is not None:
        condition |= Q(pk=current.pk)
    return Person.objects.filter(condition)


class PlacementForm(forms.ModelForm):
    EXISTING, NEW = "existing", "new"

    person_mode = forms.ChoiceField(
        label=_("Who is employed?"),
        choices=[(EXISTING, _("An existing person")), (NEW, _("A new person"))],
        widget=forms.RadioSelect(attrs={"class": "form-radio"}),
    )
    person = forms.ModelChoiceField(label=_("Person"), queryset=Person.objects.none(), required=False)
    first_name = forms.CharField(label=_("First name"), max_length=100, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=100, required=False)
    cpr = forms.CharField(
        label=_("CPR number"), max_length=11, required=False, validators=[validate_cpr],
        help_text=_("Optional. Ten digits, ddmmyy-xxxx."),
    )

    class Meta:
        model = Placement
        fields = [
            "scheme", "target_group", "workplace", "employment", "start", "planned_end", "extension_reason",
            "hours_per_week", "vacated_post_on", "requested_on", "purpose", "special_considerations", "mentor", "jobcenter_contact",
            "yearly_subsidy", "lives_in_municipality", "via_own_jobcenter", "no_other_education", "actual_end", "outcome",
            "rule_override_reason",
        ]
        field_classes = {"workplace": WorkplaceChoiceField, "employment": EmploymentChoiceField}
        help_texts = {
            "target_group": _("The law sets the maximum duration per target group."),
            "planned_end": _("Leave empty if the employment has no planned end (e.g. fleksjob)."),
            "extension_reason": _("Only when the placement is extended beyond the scheme's maximum duration."),
            "mentor": _("An employee in your units. Search by name."),
            "no_other_education": _("Only for elever."),
            "actual_end": _("Fill in when the employment has ended."),
            "outcome": _("Required when there is an actual end date."),
            "yearly_subsidy": _("In kroner, e.g. 125.000,00."),
            "rule_override_reason": _("Only HR: why the placement is approved although it breaks the rimelighedskrav or "
                                      "the merbeskæftigelse rule. The reason is shown on the placement and in the audit log."),
        }

    def __init__(self, *args, access, **kwargs):
        super().__init__(*args, **kwargs)
        self.access = access
        self.overridden_rules = []  # English audit lines of the rules HR overrode, filled by clean()
        self.pending_cpr = ""  # a new person's number another person has: awaits HR (people.Person.pending_cpr)
        self.warnings = []  # Danish messages that do not stop the save (another scheme at the same time)
        instance = self.instance
        self.fields["scheme"].queryset = Scheme.objects.prefetch_related("versions__durations")
        self.fields["scheme"].empty_label = _("Choose a scheme")
        self.fields["workplace"].queryset = (
            access.editable_units().filter(kind=Unit.Kind.WORKPLACE).select_related("parent").order_by("parent__name", "name")
        )
        self.fields["workplace"].empty_label = _("Choose a workplace")
        self.fields["person"].queryset = access.people()
        self.fields["mentor"].queryset = mentor_candidates(access, instance.mentor if instance.mentor_id else None)
        self.fields["employment"].queryset = access.editable_employments().select_related("unit")
        self.fields["employment"].empty_label = _("No existing employment")
        self.fields["target_group"].choices = [("", _("Not stated"))] + list(self.fields["target_group"].choices)[1:]
        self.fields["outcome"].choices = [("", _("Not ended yet"))] + list(self.fields["outcome"].choices)[1:]
        for name, message in REQUIRED_MESSAGES.items():
            self.fields[name].error_messages["required"] = message
        self.fields["person_mode"].initial = self.EXISTING if instance.pk else self.NEW
        if instance.pk:
            self.fields["person"].initial = instance.person_id

        for name in DATE_FIELDS:
            self.fields[name].widget = DateInput()
        for name in TEXTAREAS:
            self.fields[name].widget = forms.Textarea(attrs={"rows": 3})
        for name in DECIMALS:
            self.fields[name].localize = True
            self.fields[name].widget = forms.TextInput(attrs={"inputmode": "decimal"})
            self.fields[name].widget.is_localized = True
        for name in NULL_BOOLEANS:
            self.fields[name].widget = forms.NullBooleanSelect()
        style_widgets(self)
        self.fields["hours_per_week"].widget.attrs["class"] += " input-width-xs"
        self.fields["yearly_subsidy"].widget.attrs["class"] += " input-width-s"
        self.fields["cpr"].widget.attrs.update({"class": "form-input input-width-s", "autocomplete": "off"})
        if not access.is_hr:
            del self.fields["rule_override_reason"]  # only HR may override the rimelighedskrav or merbeskæftigelse

    # The person ----------------------------------------------------------------------------

    def clean_cpr(self):
        cpr = self.cleaned_data["cpr"].strip()
        if not cpr:
            return ""
        return normalise_cpr(cpr)  # validate_cpr has already given the Danish message for a bad one

    def chosen_person(self):
        """Return the existing person chosen, or None when a new one is to be created."""
        if self.cleaned_data.get("person_mode") == self.EXISTING:
            return self.cleaned_data.get("person")
        return None

    def _birth_date(self):
        person = self.chosen_person()
        if person is not None:
            return person.birth_date
        cpr = self.cleaned_data.get("cpr")
        return birth_date_from_cpr(cpr) if cpr else None

    def _clean_person(self):
        data = self.cleaned_data
        mode = data.get("person_mode")
        typed = any(data.get(name, "").strip() for name in ("first_name", "last_name", "cpr"))
        # Forgive the radio left on the other choice when only one way of giving the person was used.
        if mode == self.NEW and not typed and data.get("person"):
            mode = data["person_mode"] = self.EXISTING
        elif mode == self.EXISTING and not data.get("person") and typed and "person" not in self.errors:
            mode = data["person_mode"] = self.NEW
        if mode == self.EXISTING and not data.get("person"):
            if "person" not in self.errors:
                self.add_error("person", _("Search for the person and choose them, or choose “A new person”."))
        elif mode == self.NEW:
            for name in ("first_name", "last_name"):
                if not data.get(name, "").strip() and name not in self.errors:
                    self.add_error(name, _("Write the new person's %(field)s.") % {"field": self.fields[name].label.lower()})
            cpr = data.get("cpr")
            self.pending_cpr = ""
            if cpr and Person.objects.filter(cpr=cpr).exists() and not self.access.is_hr:
                # Not told outside HR: that would let anyone test whether a CPR number exists anywhere.
                self.pending_cpr = cpr
            elif cpr and Person.objects.filter(cpr=cpr).exists():
                # Only HR is told, and HR finds everyone.
                self.add_error("cpr", forms.ValidationError(
                    _("A person with the CPR number %(cpr)s is already registered. Choose “An existing person” and "
                      "search for them by name or date of birth."),
                    params={"cpr": mask_cpr(cpr)},
                    code="duplicate_cpr",
                ))

    def _clean_employment(self):
        employment = self.cleaned_data.get("employment")
        if employment is None:
            return
        person = self.chosen_person()
        if person is None or employment.person_id != person.pk:
            self.add_error(
                "employment",
                _("The employment “%(employment)s” does not belong to the person chosen above.")
                % {"employment": self.fields["employment"].label_from_instance(employment)},
            )

    def clean(self):
        cleaned = super().clean()
        self._clean_person()
        self._clean_employment()
        findings = validate_placement(Proposal(
            scheme=cleaned.get("scheme"),
            workplace=cleaned.get("workplace"),
            target_group=cleaned.get("target_group"),
            start=cleaned.get("start"),
            planned_end=cleaned.get("planned_end"),
            actual_end=cleaned.get("actual_end"),
            extension_reason=cleaned.get("extension_reason"),
            outcome=cleaned.get("outcome"),
            birth_date=self._birth_date(),
            placement=self.instance if self.instance.pk else None,
            hours_per_week=cleaned.get("hours_per_week"),
            vacated_post_on=cleaned.get("vacated_post_on"),
            rule_override_reason=cleaned.get("rule_override_reason", ""),
            may_override=self.access.is_hr,
            person=self.chosen_person(),
        ))
        self.overridden_rules = findings.overridden
        self.warnings = findings.warnings
        for field, messages in findings.errors.items():
            for message in messages:
                self.add_error(field if field in self.fields else None, message)
        return cleaned

    def save_with_person(self, user):
        """Save the placement and the new person, if one was typed in (its creation audited); return the placement."""
        placement = self.save(commit=False)
        person = self.chosen_person()
        if person is None:
            new_person = Person(
                first_name=self.cleaned_data["first_name"].strip(),
                last_name=self.cleaned_data["last_name"].strip(),
                cpr="" if self.pending_cpr else self.cleaned_data.get("cpr", ""),
                pending_cpr=self.pending_cpr,
            )
            with log.change(user, new_person):
                new_person.save()
            person = new_person
        placement.person = person
        if not placement.pk:
            placement.created_by = user
        placement.save()
        return placement


class AnnulForm(forms.Form):
    """HR annuls a wrong registration: the reason is kept with the placement and in the audit log."""

    reason = forms.CharField(
        label=_("Reason for annulment"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3, "class": "form-input"}),
        help_text=_("For example: registered twice, or registered on the wrong person."),
        error_messages={"required": _("Write why the registration is annulled.")},
    )
