"""Forms of the import pages: the upload and HR's mapping of payroll codes."""

from django import forms
from django.utils.translation import gettext_lazy as _

from rummelig.audit import log
from rummelig.schemes.models import Scheme

from .models import PayrollCodeMapping, SourceKind
from .sources import FILE_KINDS

ORDINARY = "ordinary"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """A file field taking several files (SD's answers); cleans to a list."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, (list, tuple)) and data:
            return [super(MultipleFileField, self).clean(item, initial) for item in data]
        return [super().clean(data, initial)]


class UploadForm(forms.Form):
    source = forms.ChoiceField(
        label=_("Format"),
        choices=[(kind.value, kind.label) for kind in FILE_KINDS],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the format of the file.")},
        help_text=_("KMD OPUS: the XML dump ZLPE….xml. SD Løn: SD's web-service answers (several files at once, "
                    "or a zip of them), or departments or employments as CSV. Spreadsheet: Rummelig's template."),
    )  # fmt: skip
    file = MultipleFileField(
        label=_("File"), allow_empty_file=True, error_messages={"required": _("Choose the file to import.")}
    )
    force = forms.BooleanField(
        label=_("Compare even if the same file was imported before"),
        required=False,
        help_text=_("Normally a file that was imported before is not read again."),
    )


    def clean(self):
        cleaned = super().clean()
        files = cleaned.get("file") or []
        if len(files) > 1 and cleaned.get("source") != SourceKind.SD:
            self.add_error("file", _("Only SD Løn takes several files at once; choose one file."))
        return cleaned


def target_choices():
    return [
        ("", _("– not mapped –")),
        (ORDINARY, _("Ordinary employment (no scheme)")),
        *((str(scheme.pk), scheme.name) for scheme in Scheme.objects.order_by("sort_order", "name")),
    ]


class CodeMappingForm(forms.Form):
    """Map one payroll code to ordinary employment or a scheme (creates or changes the mapping)."""

    source = forms.ChoiceField(
        label=_("Payroll system"), choices=SourceKind.choices, widget=forms.Select(attrs={"class": "form-select"})
    )
    code = forms.CharField(label=_("Code"), max_length=50, widget=forms.TextInput(attrs={"class": "form-input"}))
    text = forms.CharField(
        label=_("Text in payroll"), max_length=200, required=False, widget=forms.TextInput(attrs={"class": "form-input"})
    )
    target = forms.ChoiceField(
        label=_("Means"),
        choices=(),
        widget=forms.Select(attrs={"class": "form-select"}),
        error_messages={"required": _("Choose ordinary employment or a scheme.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = target_choices()

    def clean_code(self):
        return self.cleaned_data["code"].strip()

    def scheme(self):
        target = self.cleaned_data["target"]
        return None if target == ORDINARY else Scheme.objects.get(pk=target)

    def save(self, user):
        """Create or update the mapping and audit it; return the mapping."""
        mapping = PayrollCodeMapping.objects.filter(
            source=self.cleaned_data["source"], code=self.cleaned_data["code"]
        ).first()
        created = mapping is None
        if created:
            mapping = PayrollCodeMapping(source=self.cleaned_data["source"], code=self.cleaned_data["code"])
        with log.change(user, mapping):
            if self.cleaned_data["text"] or created:
                mapping.text = self.cleaned_data["text"]
            mapping.scheme = self.scheme()
            mapping.updated_by = user
            mapping.save()
        return mapping


def initial_target(mapping: PayrollCodeMapping | None) -> str:
    if mapping is None:
        return ""
    return ORDINARY if mapping.scheme_id is None else str(mapping.scheme_id)
