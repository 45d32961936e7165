"""What every app's forms share: the date picker, and the classes Det Fælles Designsystem styles inputs by."""

from django import forms


class DateInput(forms.DateInput):
    """The browser's date picker, given and read in the ISO format it uses (2026-03-28)."""

    input_type = "date"

    def __init__(self, attrs=None, format="%Y-%m-%d"):
        super().__init__(attrs, format)


def style_widgets(form):
    """Give each input of the form its DKFDS class: "form-select" for a select, "form-input" otherwise.

    Radio buttons and checkboxes are left alone (core/_field.html draws their markup), and a class
    a form has set on a widget itself is kept.
    """
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.RadioSelect | forms.CheckboxInput):
            continue
        widget.attrs.setdefault("class", "form-select" if isinstance(widget, forms.Select) else "form-input")
