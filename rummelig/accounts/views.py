"""The user pages (HR and the administrator) and the employee's own page "Mine oplysninger".

Users are not scoped by unit: whoever may manage users sees them all (names, roles, last login), and
no person, placement or figure. Every change goes through `roles.py` or `log.change`, so it is audited.
"""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from rummelig.audit import log
from rummelig.audit.models import AuditEntry
from rummelig.people.models import Person
from rummelig.placements.models import Placement

from . import linking, roles
from .access import access_for, get_person_or_404, requires
from .forms import LinkPersonForm, RoleForm, UserFilterForm, UserForm
from .models import ApiToken, RoleAssignment, RoleSource

User = get_user_model()
PAGE_SIZE = 50


def _assignments_qs():
    return RoleAssignment.objects.select_related("unit", "granted_by").order_by("role", "unit__path")


def _mark(assignment, today):
    """Set .state ("current", "ended", "future") for the page."""
    if assignment.valid_until and assignment.valid_until < today:
        assignment.state = "ended"
    elif assignment.valid_from and assignment.valid_from > today:
        assignment.state = "future"
    else:
        assignment.state = "current"
    return assignment


def filter_users(users, data):
    if data.get("q"):
        for word in data["q"].split():
            users = users.filter(Q(username__icontains=word) | Q(first_name__icontains=word)
                                 | Q(last_name__icontains=word) | Q(email__icontains=word))
    if data.get("role") == "ingen":
        users = users.filter(role_assignments__isnull=True)
    elif data.get("role"):
        users = users.filter(role_assignments__role=data["role"]).distinct()
    if data.get("active") == "ja":
        users = users.filter(is_active=True)
    elif data.get("active") == "nej":
        users = users.filter(is_active=False)
    return users


@login_required
@require_safe
@requires("may_manage_users")
def user_list(request):
    form = UserFilterForm(request.GET or None)
    users = User.objects.order_by("username").prefetch_related(Prefetch("role_assignments", queryset=_assignments_qs()))
    if form.is_bound:
        users = filter_users(users, form.cleaned_data) if form.is_valid() else users.none()
    page = Paginator(users, PAGE_SIZE).get_page(request.GET.get("side"))
    today = timezone.localdate()
    for user in page.object_list:
        user.assignments = [_mark(a, today) for a in user.role_assignments.all()]
    return render(request, "accounts/user_list.html", {"form": form, "page": page})


def _user_or_404(pk):
    return get_object_or_404(User, pk=pk)


@login_required
@require_safe
@requires("may_manage_users")
def user_detail(request, pk):
    shown = _user_or_404(pk)
    access = access_for(request.user)
    today = timezone.localdate()
    may_change_roles = access.may_change_roles_of(shown)
    assignments = [_mark(a, today) for a in _assignments_qs().filter(user=shown)]
    for a in assignments:
        a.removable = may_change_roles and a.source == RoleSource.MANUAL and access.may_grant(a.role)
    tokens = list(shown.api_tokens.order_by("-created_at"))
    return render(request, "accounts/user_detail.html", {
        "shown": shown,
        "assignments": assignments,
        "tokens": tokens,
        "person": Person.objects.filter(user=shown).first(),
        "may_change_roles": may_change_roles and bool(access.grantable_roles()),
        "may_edit_user": access.may_edit_user(shown),
        "may_deactivate": shown.pk != request.user.pk,
        "is_self": shown.pk == request.user.pk,
        "history": AuditEntry.objects.filter(
            Q(object_type="user", object_id=str(shown.pk))
            | Q(object_type="roleassignment", object_repr__startswith=f"{shown.get_username()} – ")
        ).order_by("-at")[:20],
    })


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@requires("may_manage_users")
def user_create(request):
    access = access_for(request.user)
    form = UserForm(request.POST or None, may_set_password=access.may_set_passwords)
    if request.method == "POST" and form.is_valid():
        user = form.save(commit=False)
        with log.change(request.user, user, fields=roles.user_fields):
            user.save()
        messages.success(request, _("The user %(name)s was created. Give the user a role below.") % {"name": user.username})
        return redirect("accounts:detail", user.pk)
    return render(request, "accounts/user_form.html", {"form": form, "shown": None})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@requires("may_manage_users")
def user_edit(request, pk):
    shown = _user_or_404(pk)
    if not access_for(request.user).may_edit_user(shown):
        raise Http404
    form = UserForm(request.POST or None, instance=shown)
    if request.method == "POST" and form.is_valid():
        with log.change(request.user, shown, fields=roles.user_fields):
            form.save()
        messages.success(request, _("The user was saved."))
        return redirect("accounts:detail", shown.pk)
    return render(request, "accounts/user_form.html", {"form": form, "shown": shown})


def _set_active(request, pk, active):
    shown = _user_or_404(pk)
    if shown.pk == request.user.pk:
        messages.error(request, _("You cannot deactivate yourself; ask another HR consultant or administrator."))
        return redirect("accounts:detail", shown.pk)
    roles.set_active(request.user, shown, active)
    if active:
        messages.success(request, _("%(name)s is active again and can log in.") % {"name": shown.username})
    else:
        messages.success(request, _("%(name)s is deactivated: logged out at the next request, and the API tokens no longer work.") % {"name": shown.username})
    return redirect("accounts:detail", shown.pk)


@login_required
@require_POST
@requires("may_manage_users")
def user_deactivate(request, pk):
    return _set_active(request, pk, False)


@login_required
@require_POST
@requires("may_manage_users")
def user_reactivate(request, pk):
    return _set_active(request, pk, True)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@requires("may_manage_users")
def role_grant(request, pk):
    shown = _user_or_404(pk)
    access = access_for(request.user)
    if not access.may_change_roles_of(shown) or not access.grantable_roles():
        raise Http404
    form = RoleForm(request.POST or None, roles=access.grantable_roles())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            granted = roles.grant(request.user, shown, data["role"], data["unit"], data["valid_from"], data["valid_until"])
        except ValidationError as error:  # checked by the form too; kept for safety
            form.add_error(None, error)
        else:
            if granted.created:
                messages.success(request, _("The role was given: %(role)s.") % {"role": granted.assignment})
            else:
                messages.success(request, _("%(name)s already had the role; its period was changed.") % {"name": shown.username})
            return redirect("accounts:detail", shown.pk)
    return render(request, "accounts/role_form.html", {"form": form, "shown": shown})


@login_required
@require_POST
@requires("may_manage_users")
def role_revoke(request, pk, assignment_pk):
    shown = _user_or_404(pk)
    access = access_for(request.user)
    assignment = get_object_or_404(RoleAssignment, pk=assignment_pk, user=shown)
    if not access.may_change_roles_of(shown) or not access.may_grant(assignment.role):
        raise Http404
    try:
        roles.revoke(request.user, assignment)
    except roles.NotManual:
        messages.error(request, _(
            "The role comes from %(source)s and cannot be taken away here: it follows its source and is "
            "removed there (payroll at the next import, a login group at the next login, a MED seat when the seat ends)."
        ) % {"source": assignment.get_source_display().lower()})
    else:
        messages.success(request, _("The role was taken away: %(role)s.") % {"role": assignment})
    return redirect("accounts:detail", shown.pk)


@login_required
@require_POST
@requires("may_manage_users")
def token_revoke(request, pk, token_pk):
    shown = _user_or_404(pk)
    token = get_object_or_404(ApiToken, pk=token_pk, user=shown)
    roles.revoke_token(request.user, token)
    messages.success(request, _("The API token %(prefix)s… was revoked; it no longer works.") % {"prefix": token.prefix})
    return redirect("accounts:detail", shown.pk)


@login_required
@require_POST
@requires("may_link_people")
def person_link(request, person_pk):
    """HR links a person (from the person page) to a login by user name."""
    person = get_person_or_404(request.user, person_pk)
    form = LinkPersonForm(request.POST, person=person)
    if form.is_valid():
        linking.link(request.user, person, form.user)
        messages.success(request, _("%(person)s is linked to the login %(name)s.") % {"person": person, "name": form.user.username})
    else:
        messages.error(request, " ".join(form.errors.get("username", [])))
    return redirect("people:detail", person.pk)


@login_required
@require_POST
@requires("may_link_people")
def person_unlink(request, person_pk):
    """HR unlinks a person from its login (from the person page, or the user page with next=user)."""
    person = get_person_or_404(request.user, person_pk)
    user_pk = person.user_id
    if user_pk is not None:
        linking.unlink(request.user, person)
        messages.success(request, _("%(person)s is no longer linked to a login.") % {"person": person})
    if request.POST.get("next") == "user" and user_pk is not None:
        return redirect("accounts:detail", user_pk)
    return redirect("people:detail", person.pk)


# The employee's own page ---------------------------------------------------------------------

# What an employee sees of their own placements: not the target group or the agreed special
# considerations (health-related, HR's classification), nor HR's internal fields (reasons for an
# override or an extension, subsidy, the jobcenter contact, the statistics questions, annulment).
OWN_PLACEMENT_FIELDS = ("scheme", "workplace", "start", "planned_end", "actual_end", "hours_per_week", "mentor", "purpose")


@login_required
@require_safe
@requires("sees_own_records")
def own_records(request):
    access = access_for(request.user)
    person = access.own_person()
    context = {"person": person}
    if person is not None:
        today = timezone.localdate()
        employments = list(person.employments.select_related("unit").order_by("-start"))
        for e in employments:
            e.active = e.is_active_on(today)
        placements = list(Placement.objects.filter(person=person).select_related("scheme", "workplace", "mentor").order_by("-start"))
        for p in placements:
            p.show_status_on(today)
        context.update(employments=employments, placements=placements)
        log.record(request.user, AuditEntry.Action.VIEW, person, detail="Mine oplysninger")
    return render(request, "accounts/own_records.html", context)
