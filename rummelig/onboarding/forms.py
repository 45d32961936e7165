"""Forms of the onboarding app; the API validates through the same forms, so both refuse the same input in the same words."""

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from rummelig.core.forms import DateInput, style_widgets
from rummelig.organisation.models import Unit
from rummelig.people.models import Person
from rummelig.placements.models import Outcome
from rummelig.rules.onboarding import FOLLOW_UP_MONTHS, MENTOR_PERIODS, mentor_period_end

from .models import QUESTION_FIELDS, Evaluation, FrameworkAnswer, Mentorship, Position, TemplateItem


class PositionForm(forms.ModelForm):
    class Meta:
        model = Position
        fields = ["workplace", "title", "tasks", "task_kind", "education", "hours_per_week", "schemes", "upskilling",
                  "mentor_ready", "available_from", "filled_by", "withdrawn"]
        widgets = {"available_from": DateInput(), "schemes": forms.CheckboxSelectMultiple, "tasks": forms.Textarea(attrs={"rows": 3}),
                   "upskilling": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, access, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["workplace"].queryset = access.editable_units().filter(kind=Unit.Kind.WORKPLACE).order_by("name")
        self.fields["filled_by"].queryset = access.editable_placements().select_related("person", "scheme")
        self.fields["filled_by"].help_text = _("The placement that fills the position; the position then shows as taken.")
        style_widgets(self)

    def clean(self):
        data = super().clean()
        placement, workplace = data.get("filled_by"), data.get("workplace")
        if placement is not None and workplace is not None and placement.workplace_id != workplace.pk:
            self.add_error("filled_by", _("The placement is at another workplace than the position."))
        if placement is not None and data.get("schemes") and placement.scheme not in data["schemes"]:
            self.add_error("filled_by", _("The placement's scheme is not one the position suits."))
        return data


class ItemForm(forms.ModelForm):
    class Meta:
        model = TemplateItem
        fields = ["text", "days_after_start", "order"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["days_after_start"].widget.attrs.update({"min": -365, "max": 3650})
        style_widgets(self)

    def clean_days_after_start(self):
        days = self.cleaned_data["days_after_start"]
        if not -365 <= days <= 3650:
            raise forms.ValidationError(_("Give a number of days from -365 to 3650."))
        return days


ItemFormSet = forms.modelformset_factory(TemplateItem, form=ItemForm, extra=2, can_delete=True)


class TickForm(forms.Form):
    done = forms.BooleanField(label=_("Done"), required=False)
    note = forms.CharField(label=_("Note"), required=False, max_length=2000, widget=forms.TextInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self)


class MentorshipForm(forms.ModelForm):
    class Meta:
        model = Mentorship
        fields = ["mentor", "starts", "ends", "hours_per_week"]
        widgets = {"starts": DateInput(), "ends": DateInput()}

    def __init__(self, *args, access, placement, **kwargs):
        super().__init__(*args, **kwargs)
        self.placement = placement
        # A mentor is an employee: someone with an ordinary employment in the leder's (or HR's) units.
        self.fields["mentor"].queryset = Person.objects.filter(
            pk__in=access.editable_employments().values("person_id")).exclude(pk=placement.person_id).order_by("last_name", "first_name")
        self.fields["ends"].help_text = _("At most 6 months from the start; a new period may follow (LAB § 167).")
        style_widgets(self)

    def clean(self):
        data = super().clean()
        starts, ends, hours = data.get("starts"), data.get("ends"), data.get("hours_per_week")
        if starts and starts < MENTOR_PERIODS[-1].valid_from:
            self.add_error("starts", _("Mentor periods can be registered from %(date)s, when the law's rule is known.")
                           % {"date": date_format(MENTOR_PERIODS[-1].valid_from, "j. F Y")})
        elif starts and ends:
            if ends < starts:
                self.add_error("ends", _("The end must be on or after the start."))
            elif ends > mentor_period_end(starts):
                self.add_error("ends", _("A mentor period is at most 6 months: end it on %(date)s at the latest and add a new period after it.")
                               % {"date": date_format(mentor_period_end(starts), "j. F Y")})
        if hours is not None and not 0 < hours <= 37:
            self.add_error("hours_per_week", _("Give the hours set aside per week, more than 0 and at most 37."))
        return data


class EvaluationForm(forms.ModelForm):
    class Meta:
        model = Evaluation
        fields = ["held_on", "participants", "notes", "next_step", "upskilling", "extra"]
        widgets = {"held_on": DateInput(), "notes": forms.Textarea(attrs={"rows": 4}), "next_step": forms.Textarea(attrs={"rows": 2}),
                   "upskilling": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, placement, **kwargs):
        super().__init__(*args, **kwargs)
        self.placement = placement
        if placement.scheme_version is not None and placement.scheme_version.permanent:
            del self.fields["upskilling"]
        style_widgets(self)

    def clean_held_on(self):
        day = self.cleaned_data["held_on"]
        if day < self.placement.start:
            raise forms.ValidationError(_("The evaluation cannot be before the placement starts (%(date)s).")
                                        % {"date": date_format(self.placement.start, "j. F Y")})
        if day > timezone.localdate():
            raise forms.ValidationError(_("Record an evaluation after it has taken place, not in the future."))
        return day


class FollowUpForm(forms.Form):
    months = forms.TypedChoiceField(label=_("Follow-up"), coerce=int,
                                    choices=[(m, _("%(months)d months after the end") % {"months": m}) for m in FOLLOW_UP_MONTHS])
    outcome = forms.ChoiceField(label=_("What the person went on to"), choices=Outcome.choices)

    def __init__(self, *args, placement, **kwargs):
        super().__init__(*args, **kwargs)
        self.placement = placement
        style_widgets(self)

    def clean(self):
        data = super().clean()
        if self.placement.actual_end is None:
            raise forms.ValidationError(_("Register the placement's end first: the follow-up is counted from it."))
        version = self.placement.scheme_version
        if version is not None and version.permanent:
            raise forms.ValidationError(_("Follow-ups are for temporary placements."))
        return data


class FrameworkForm(forms.ModelForm):
    class Meta:
        model = FrameworkAnswer
        fields = ["workplace", "answered_on", *QUESTION_FIELDS]
        widgets = {"answered_on": DateInput(), **{name: forms.Textarea(attrs={"rows": 3}) for name in QUESTION_FIELDS}}

    def __init__(self, *args, access, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["workplace"].queryset = access.editable_units().filter(kind=Unit.Kind.WORKPLACE).order_by("name")
        style_widgets(self)

    def clean_answered_on(self):
        day = self.cleaned_data["answered_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("The date the committee discussed it cannot be in the future."))
        return day
