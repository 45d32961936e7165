"""Template helpers shared by every app's templates."""

from django import forms, template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from rummelig.core import formats

register = template.Library()


@register.simple_tag(takes_context=True)
def page_query(context, param, number):
    """Return the page's query string with `param` set to `number` ("?q=x&side=3"), keeping the filters."""
    params = context["request"].GET.copy()
    params[param] = number
    return f"?{params.urlencode()}"


@register.filter
def count(value):
    """Show a whole number with thousands grouped the Danish way (5171 → "5.171"); leave text ("<5", "x") as it is."""
    if isinstance(value, bool) or not isinstance(value, int):
        return value
    return number_format(value, force_grouping=True)


@register.filter
def plain_number(value):
    """Show hours and the like without trailing zeros ("37", "37,5"); leave anything else as it is."""
    if value is None or value == "" or isinstance(value, bool):
        return value
    try:
        return formats.plain_number(value)
    except (ArithmeticError, ValueError, TypeError):
        return value


@register.filter
def named_error(message, field):
    """Say which field a bare "This field is required." is about ("Udfyld »Navn«."), on pages only."""
    if str(message) == str(forms.Field.default_error_messages["required"]):
        return _("Fill in “%(field)s”.") % {"field": field.label}
    return message
