"""The login page, the municipality's login (start and return) and the table of login groups' roles."""

import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import BACKEND_SESSION_KEY
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from rummelig.accounts.access import PUBLIC, access_for, declare, requires
from rummelig.accounts.models import RoleAssignment, RoleSource
from rummelig.audit import log

from . import config
from .backends import REASONS, LoginRefused
from .forms import GroupRoleMappingForm
from .models import GroupRoleMapping
from .signals import BY_PASSWORD, BY_PROVIDER, MUNICIPALITY_BACKEND, audit_login, audit_logout

LOGGER = logging.getLogger(__name__)


def refused(request, reason):
    """The Danish page for a login through the identity provider that did not go through."""
    message, status = REASONS[reason]
    return render(request, "login/refused.html", {"message": message, "reason": reason,
                                                  "local_login": settings.RUMMELIG_LOCAL_LOGIN}, status=status)


class LoginPage(auth_views.LoginView):
    """The login page: the municipality's login button when it is set up, the password form unless switched off."""

    template_name = "login/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["oidc"] = config.is_configured()
        context["local_login"] = settings.RUMMELIG_LOCAL_LOGIN
        return context

    def post(self, request, *args, **kwargs):
        if not settings.RUMMELIG_LOCAL_LOGIN:
            context = self.get_context_data(local_login_refused=True)
            return self.render_to_response(context, status=403)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        response = super().form_valid(form)
        audit_login(self.request, form.get_user(), BY_PASSWORD)
        return response


login_page = declare(PUBLIC, LoginPage.as_view())


def locked_out(request, original_response=None, credentials=None):
    """django-axes: the login page with the Danish lockout message, answered with 429."""
    minutes = round(float(settings.AXES_COOLOFF_TIME) * 60)
    return render(request, "login/login.html", {
        "oidc": config.is_configured(), "local_login": settings.RUMMELIG_LOCAL_LOGIN, "locked_out": True,
        "minutes": minutes, "next": request.POST.get("next", ""),
    }, status=429)


class Logout(auth_views.LogoutView):
    """Ends Rummelig's session and, after a login through the identity provider, the provider's session too.

    Without the second step the next person at a shared PC would be let straight back in by the provider.
    """

    def post(self, request, *args, **kwargs):
        through_provider = request.session.get(BACKEND_SESSION_KEY) == MUNICIPALITY_BACKEND
        id_token = request.session.get("oidc_id_token")
        if request.user.is_authenticated:
            audit_logout(request, request.user)
        response = super().post(request, *args, **kwargs)
        if through_provider and config.is_configured():
            url = config.end_session_url(id_token, request.build_absolute_uri(reverse("login")))
            if url:
                return redirect(url)
        return response


logout = declare(PUBLIC, Logout.as_view())


class MunicipalityLoginStart(OIDCAuthenticationRequestView):
    """Sends the browser to the identity provider with a fresh state, nonce and PKCE challenge."""

    def __init__(self, *args, **kwargs):
        super(OIDCAuthenticationRequestView, self).__init__(*args, **kwargs)  # the settings are read in get

    @staticmethod
    def get_settings(attr, *args):
        return config.setting(attr, *args)

    def get(self, request):
        if not config.is_configured():
            raise Http404
        try:
            self.OIDC_OP_AUTH_ENDPOINT = self.get_settings("OIDC_OP_AUTHORIZATION_ENDPOINT")
        except config.ProviderUnavailable as exc:
            LOGGER.warning("The identity provider cannot be reached: %s", exc)
            return refused(request, "provider")
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        return super().get(request)


class MunicipalityLoginReturn(OIDCAuthenticationCallbackView):
    """The identity provider sends the browser back here with a code; a refused login gets a Danish page."""

    reason = "cancelled"

    @staticmethod
    def get_settings(attr, *args):
        return config.setting(attr, *args)

    def login_failure(self):
        return refused(self.request, self.reason)

    def login_success(self):
        response = super().login_success()
        audit_login(self.request, self.user, BY_PROVIDER)
        return response

    def get(self, request):
        if not config.is_configured():
            raise Http404
        state = request.GET.get("state")
        if "code" in request.GET and state not in request.session.get("oidc_states", {}):
            LOGGER.warning("Municipality login refused: state unknown or used before")
            return refused(request, "state")
        if "code" not in request.GET and not request.GET.get("error"):
            return refused(request, "state")
        # No savepoint here: the spent state is saved to the session before the token is checked, and must stay
        # spent when the token is refused. The backend writes (user, roles) only after every check has passed.
        try:
            return super().get(request)
        except LoginRefused as exc:
            LOGGER.warning("Municipality login refused: %s", exc)
            return refused(request, exc.reason)
        except config.ProviderUnavailable as exc:
            LOGGER.warning("The identity provider cannot be reached: %s", exc)
            return refused(request, "provider")


municipality_login = declare(PUBLIC, MunicipalityLoginStart.as_view())
municipality_return = declare(PUBLIC, MunicipalityLoginReturn.as_view())


# --- the table of login groups' roles ---

@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@requires("manages_login_groups")
def group_list(request):
    """The groups whose members get a role at login, and the form to add one."""
    form = GroupRoleMappingForm(request.POST or None)
    # A group gives only roles the user may give by hand: IT's administrator cannot reach HR through a group.
    grantable = access_for(request.user).grantable_roles()
    form.fields["role"].choices = [("", "---------")] + [(role.value, role.label) for role in grantable]
    if request.method == "POST" and form.is_valid():
        mapping = form.save(commit=False)
        mapping.created_by = request.user
        with log.change(request.user, mapping):
            mapping.save()
        messages.success(request, _("Members of the group %(group)s get the role %(role)s at their next login.") % {
            "group": mapping.group, "role": mapping.get_role_display()})
        return redirect("login:groups")
    mappings = GroupRoleMapping.objects.select_related("unit").order_by("group", "role", "unit__name")
    return render(request, "login/groups.html", {"mappings": mappings, "form": form, "oidc": config.is_configured(),
                                                 "groups_claim": settings.OIDC_GROUPS_CLAIM})


def remove_mapping(user, mapping):
    """Delete a mapping, audited; roles it alone gave are taken away at once. Returns how many users lost the role."""
    others = GroupRoleMapping.objects.filter(role=mapping.role, unit=mapping.unit).exclude(pk=mapping.pk)
    with log.change(user, mapping):
        mapping.delete()
    if others.exists():
        return 0  # another group gives the same role: each user's next login decides
    given = RoleAssignment.objects.filter(role=mapping.role, unit=mapping.unit, source=RoleSource.IDENTITY_PROVIDER)
    count = 0
    for assignment in given:
        with log.change(user, assignment):
            assignment.delete()
        count += 1
    return count


@login_required
@require_POST
@requires("manages_login_groups")
def group_delete(request, pk):
    mapping = get_object_or_404(GroupRoleMapping, pk=pk)
    count = remove_mapping(request.user, mapping)
    messages.success(request, _("The group %(group)s no longer gives the role %(role)s; %(count)d users lost it.") % {
        "group": mapping.group, "role": mapping.get_role_display(), "count": count})
    return redirect("login:groups")

