"""Who may see which report, and how exactly: the reports' use of rummelig.accounts.access."""

from django.http import Http404

from rummelig.accounts.access import access_for

from ..figures import Scope


def sees_exact_figures(access):
    """True when the user may see, person by person, every unit they may count (HR, auditor, leder).

    Everyone else (a MED member, a leder who also sits in a wider MED committee) sees figures
    that leave HR: suppressed.
    """
    return not access.aggregate_units().exclude(pk__in=access.units().values("pk")).exists()


def aggregate_access_or_404(request):
    access = access_for(request.user)
    if not access.sees_aggregates:
        raise Http404
    return access


def reader_or_404(request):
    """HR and auditors read targets and economy; everyone else gets 404."""
    access = access_for(request.user)
    if not access.sees_everything:
        raise Http404
    return access


def hr_or_404(request):
    access = access_for(request.user)
    if not access.is_hr:
        raise Http404
    return access


def scope_for(access):
    return Scope.for_access(access)


def made_by(user):
    return user.get_full_name() or user.get_username()
