"""Forms of the procurement register: tender, subcontractor, clause decision, clause text, follow-up, sanction, threshold.

The checks live here so that the pages and the API (which runs the same forms) refuse the same
input with the same Danish messages.
"""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rummelig.core.forms import DateInput, style_widgets
from rummelig.lib.cvr import normalise_cvr
from rummelig.rules.training_clause import EXEMPTIONS
from rummelig.rules.workdays import DEFAULT_DOCUMENTATION_DAYS, add_working_days

from .models import (
    Clause,
    ClauseDecision,
    ClauseKind,
    ClauseVersion,
    DocumentationRequest,
    Sanction,
    Subcontractor,
    Tender,
    Threshold,
)


def _clean_cvr(value):
    if not value:
        return ""
    try:
        return normalise_cvr(value)
    except ValueError as error:
        raise forms.ValidationError(str(error)) from None


class TenderForm(forms.ModelForm):
    supplier_cvr = forms.CharField(label=_("supplier's CVR number"), max_length=20, required=False,
                                   help_text=_("8 digits, e.g. 29188386."))

    class Meta:
        model = Tender
        fields = [
            "title", "kind", "estimated_value", "duration_months", "performed_in_denmark", "procuring_unit", "supplier_name",
            "supplier_cvr", "planned_publication", "awarded_on", "contract_start", "contract_end",
        ]
        widgets = {name: DateInput() for name in ("planned_publication", "awarded_on", "contract_start", "contract_end")}

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        if units is not None:
            self.fields["procuring_unit"].queryset = units
        style_widgets(self)

    def clean_supplier_cvr(self):
        return _clean_cvr(self.cleaned_data.get("supplier_cvr", "").strip())


class SubcontractorForm(forms.ModelForm):
    cvr = forms.CharField(label=_("CVR number"), max_length=20, required=False)

    class Meta:
        model = Subcontractor
        fields = ["name", "cvr"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self)

    def clean_cvr(self):
        return _clean_cvr(self.cleaned_data.get("cvr", "").strip())


class ClauseDecisionForm(forms.ModelForm):
    """One clause kind's decision for a tender: included with a library text, or left out with a reason."""

    included = forms.TypedChoiceField(
        label=_("Decision"), coerce=lambda v: v == "ja", widget=forms.RadioSelect,
        choices=[("ja", _("Include the clause")), ("nej", _("Leave it out"))],
    )

    class Meta:
        model = ClauseDecision
        fields = ["included", "clause_version", "minimum", "minimum_unit", "omission_reason", "explanation"]

    def __init__(self, *args, tender, kind, **kwargs):
        super().__init__(*args, **kwargs)
        self.tender, self.kind = tender, kind
        self.fields["clause_version"].queryset = (
            ClauseVersion.objects.filter(clause__kind=kind, clause__active=True).select_related("clause").order_by("clause__title", "-number")
        )
        self.fields["clause_version"].label_from_instance = lambda v: f"{v.clause.title} (version {v.number})"
        self.fields["clause_version"].help_text = _("When the clause is included: its text from the library (the version is kept).")
        self.fields["omission_reason"].help_text = _("When the clause is left out.")
        self.fields["explanation"].help_text = _("When the clause is left out: why, in a sentence.")
        self.fields["explanation"].widget.attrs["rows"] = 3
        if kind != ClauseKind.TRAINING:
            del self.fields["minimum"]
            del self.fields["minimum_unit"]
        else:
            self.fields["minimum"].help_text = _("When the clause is included: at least this many apprentices or pupils.")
        style_widgets(self)

    def clean(self):
        data = super().clean()
        included = data.get("included")
        if included is None:
            return data
        duty, _limits = self.tender.duty()
        if included:
            if not data.get("clause_version"):
                self.add_error("clause_version", _("Choose the clause text from the library."))
            if self.kind == ClauseKind.TRAINING:
                if not data.get("minimum"):
                    self.add_error("minimum", _("Give the minimum number of apprentices or pupils (positions or hours)."))
                if not data.get("minimum_unit"):
                    self.add_error("minimum_unit", _("Say whether the minimum is positions or hours."))
            data["omission_reason"] = ""
        else:
            data["clause_version"] = None
            data["minimum"] = None
            data["minimum_unit"] = ""
            reason = data.get("omission_reason")
            if not reason:
                self.add_error("omission_reason", _("Give the reason the clause is left out."))
            elif self.kind == ClauseKind.TRAINING and duty is not None and duty.required and reason not in EXEMPTIONS:
                self.add_error("omission_reason", _(
                    "The contract is covered by udbudsloven § 176 stk. 2: the training clause may only be left out for a "
                    "safety risk, because it is unsuitable, or because it is contrary to other law."
                ))
            if not (data.get("explanation") or "").strip():
                self.add_error("explanation", _("Explain in a sentence why the clause is left out."))
        return data


class ClauseForm(forms.ModelForm):
    """A new standard clause with its first text."""

    text = forms.CharField(label=_("text"), widget=forms.Textarea(attrs={"rows": 6}))

    class Meta:
        model = Clause
        fields = ["kind", "title"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self)


class ClauseVersionForm(forms.Form):
    text = forms.CharField(label=_("new text"), widget=forms.Textarea(attrs={"rows": 8}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self)


class DocumentationRequestForm(forms.ModelForm):
    deadline = forms.DateField(
        label=_("deadline"), required=False, widget=DateInput(),
        help_text=_("Empty: %(days)s working days after the request (weekends and public holidays skipped).") % {
            "days": DEFAULT_DOCUMENTATION_DAYS},
    )

    class Meta:
        model = DocumentationRequest
        fields = ["kind", "requested_on", "deadline"]
        widgets = {"requested_on": DateInput()}

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("requested_on", timezone.localdate())
        super().__init__(*args, **kwargs)
        style_widgets(self)

    def clean(self):
        data = super().clean()
        if data.get("requested_on") and not data.get("deadline"):
            data["deadline"] = add_working_days(data["requested_on"], DEFAULT_DOCUMENTATION_DAYS)
            self.instance.deadline = data["deadline"]
        return data


class RequestResultForm(forms.ModelForm):
    class Meta:
        model = DocumentationRequest
        fields = ["received_on", "result", "result_note", "apprentices_documented"]
        widgets = {"received_on": DateInput(), "result_note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self)

    def clean(self):
        data = super().clean()
        if data.get("result") in (DocumentationRequest.Result.OK, DocumentationRequest.Result.DEVIATION) and not data.get("received_on"):
            self.add_error("received_on", _("Give the day the documentation was received before recording what the control found."))
        if data.get("result") == DocumentationRequest.Result.DEVIATION and not (data.get("result_note") or "").strip():
            self.add_error("result_note", _("Describe the deviation."))
        return data


class SanctionForm(forms.ModelForm):
    class Meta:
        model = Sanction
        fields = ["kind", "amount", "decided_on", "request", "note"]
        widgets = {"decided_on": DateInput(), "note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, tender, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("decided_on", timezone.localdate())
        super().__init__(*args, **kwargs)
        self.fields["request"].queryset = tender.requests.all()
        style_widgets(self)

    def clean(self):
        data = super().clean()
        if data.get("kind") in (Sanction.Kind.FINE, Sanction.Kind.WITHHELD) and not data.get("amount"):
            self.add_error("amount", _("Give the amount of the fine or the withheld payment."))
        return data


class ThresholdForm(forms.ModelForm):
    class Meta:
        model = Threshold
        fields = ["key", "amount", "valid_from", "valid_to", "source", "verified", "note"]
        widgets = {"valid_from": DateInput(), "valid_to": DateInput(), "source": forms.Textarea(attrs={"rows": 3}),
                   "note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self)


class StatusForm(forms.Form):
    """Move a published tender on: awarded, running, ended."""

    status = forms.ChoiceField(label=_("new status"), choices=[
        (Tender.Status.AWARDED, Tender.Status.AWARDED.label), (Tender.Status.RUNNING, Tender.Status.RUNNING.label),
        (Tender.Status.ENDED, Tender.Status.ENDED.label),
    ])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self)
