"""What every app's forms share: the classes Det Fælles Designsystem styles their inputs by."""

from django import forms


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
