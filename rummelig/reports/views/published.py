"""HR publishes the figures that leave HR for a reference date, and sees what has been published.

Publishing is audited (rummelig.reports.publications.publish); an auditor may read the list and
download what was published for the whole municipality.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from rummelig.accounts.access import access_for, requires
from rummelig.core.formats import long_date
from rummelig.core.forms import DateInput, style_widgets

from .. import exports, publications
from ..models import Publication
from .annual import export_response


class PublishForm(forms.Form):
    reference = forms.DateField(label=gettext_lazy("Reference date"), widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self)


@login_required
@require_http_methods(["GET", "POST"])
@requires("sees_everything")
def publication_list(request):
    access = access_for(request.user)
    today = timezone.localdate()
    form = PublishForm(request.POST or None, initial={"reference": today.replace(year=today.year - 1, month=12, day=31)})
    if request.method == "POST":
        if not access.is_hr:
            raise Http404
        if form.is_valid():
            try:
                publication = publications.publish(form.cleaned_data["reference"], request.user)
            except publications.PublishError as error:
                form.add_error("reference", str(error))
            else:
                messages.success(request, _("The figures for %(day)s have been published.") % {
                    "day": long_date(publication.reference)})
                return redirect("reports:publications")
    rows = [
        {"publication": p, "scopes": len(p.scopes), "has_whole": publications.WHOLE in p.scopes}
        for p in Publication.objects.select_related("published_by")
    ]
    return render(request, "reports/publications.html", {
        "form": form, "rows": rows, "access": access, "may_publish": access.is_hr,
    }, status=400 if form.errors else 200)


@login_required
@require_GET
@requires("sees_everything")
def publication_export(request, pk, fmt):
    """The whole municipality's published report as a file (what went to the Hovedudvalg)."""
    if fmt not in exports.FORMATS:
        raise Http404
    publication = get_object_or_404(Publication, pk=pk)
    if publications.WHOLE not in publication.scopes:
        raise Http404
    return export_response(request, publications.PublishedReport(publication, publication.scopes[publications.WHOLE]), fmt)
