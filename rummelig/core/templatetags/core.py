"""Template helpers shared by every app's templates."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def page_query(context, param, number):
    """Return the page's query string with `param` set to `number` ("?q=x&side=3"), keeping the filters."""
    params = context["request"].GET.copy()
    params[param] = number
    return f"?{params.urlencode()}"
