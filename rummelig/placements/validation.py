"""The rules a placement must meet before it is saved, shared by the form and the REST API.

`validate_placement` runs every check in `CHECKS` on a `Proposal` (the placement as the user wants
it) and returns its `Findings`: errors {field name: [Danish messages]} (none means the placement may
be saved), warnings that do not stop the save, and the rules HR overrode.
Each check is a small function that yields (field, message) pairs, so a later rule (the
rimelighedskrav, merbeskæftigelse …) is one more function appended to `CHECKS`. The law itself
lives in `rummelig.rules`; this module only feeds it the placement and words the answer.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from dataclasses import field as dataclass_field
from datetime import date, timedelta
from functools import cached_property

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from rummelig.core.formats import long_date
from rummelig.organisation.models import Unit
from rummelig.rules.durations import check_duration, personal_age_limit
from rummelig.rules.schemes import DAYS, MONTHS, WEEKS, max_duration

# "Virksomhedspraktik for <group> må højst vare …": the target group as the people it covers.
GROUP_PHRASES = {
    "dagpenge": gettext_lazy("recipients of unemployment benefit"),
    "dimittend": gettext_lazy("recent graduates"),
    "kontanthjaelp_jobparat": gettext_lazy("job-ready recipients of cash benefit"),
    "kontanthjaelp_aktivitetsparat": gettext_lazy("activity-ready recipients of cash benefit"),
    "uddannelseshjaelp": gettext_lazy("recipients of education benefit"),
    "sygedagpenge": gettext_lazy("recipients of sickness benefit"),
    "jobafklaring": gettext_lazy("people in a job clarification programme"),
    "ressourceforloeb": gettext_lazy("people in a resource programme"),
    "ledighedsydelse": gettext_lazy("people approved for fleksjob"),
    "foertidspension": gettext_lazy("disability pensioners"),
    "integration": gettext_lazy("refugees and family-reunified"),
    "revalidering": gettext_lazy("people in vocational rehabilitation"),
    "ansat": gettext_lazy("people already employed here"),
    "uddannelse": gettext_lazy("students with a training agreement"),
    "andet": gettext_lazy("other target groups"),
}


def duration_text(duration) -> str:
    """Return a Duration in words ("4 uger", "6 måneder")."""
    n = duration.amount
    if duration.unit == DAYS:
        return ngettext("%(count)d day", "%(count)d days", n) % {"count": n}
    if duration.unit == WEEKS:
        return ngettext("%(count)d week", "%(count)d weeks", n) % {"count": n}
    if duration.unit == MONTHS:
        return ngettext("%(count)d month", "%(count)d months", n) % {"count": n}
    return ngettext("%(count)d year", "%(count)d years", n) % {"count": n}


def period_text(valid_from: date, valid_to: date | None) -> str:
    """Return a validity period in words ("fra 1. januar 2020 til og med 31. december 2025")."""
    if valid_to is None:
        return _("from %(from)s") % {"from": long_date(valid_from)}
    return _("from %(from)s to %(to)s inclusive") % {"from": long_date(valid_from), "to": long_date(valid_to)}


@dataclass(frozen=True)
class Proposal:
    """A placement as the user proposes it; any field may be None when the user left it out."""

    scheme: object = None
    workplace: object = None
    target_group: str = ""
    start: date | None = None
    planned_end: date | None = None
    actual_end: date | None = None
    extension_reason: str = ""
    outcome: str = ""
    birth_date: date | None = None
    placement: object = None  # the saved placement being changed, None when creating
    hours_per_week: object = None
    vacated_post_on: date | None = None  # løntilskud: the day the post it fills became vacant (dismissal/resignation)
    rule_override_reason: str = ""
    may_override: bool = False  # HR may override the rimelighedskrav and merbeskæftigelse with a reason
    person: object = None  # the saved person the placement is for; None for a person not yet saved
    # Filled by the checks while `validate_placement` runs on its own copy; read them from its Findings.
    overridden: list = dataclass_field(default_factory=list)  # English audit lines of the rules HR overrode
    warnings: list = dataclass_field(default_factory=list)  # Danish messages that do not stop the save

    def __post_init__(self):
        # Forms and the API give None for an empty text; the checks compare with "".
        for name in ("target_group", "extension_reason", "outcome", "rule_override_reason"):
            if getattr(self, name) is None:
                object.__setattr__(self, name, "")

    @property
    def end_field(self):
        """Return the name of the field holding the end as far as we know (actual, else planned)."""
        if self.actual_end is not None:
            return "actual_end"
        if self.planned_end is not None:
            return "planned_end"
        return None

    @cached_property
    def version(self):
        """Return the scheme version in force on the start date, or None."""
        if self.scheme is None or self.start is None:
            return None
        return self.scheme.version_on(self.start)


Check = Callable[[Proposal], Iterable[tuple[str, str]]]


def check_end_dates(p: Proposal):
    """Refuse end dates before the start date."""
    if p.start is None:
        return
    if p.planned_end is not None and p.planned_end < p.start:
        yield "planned_end", _("The planned end date (%(end)s) is before the start date (%(start)s).") % {
            "end": long_date(p.planned_end), "start": long_date(p.start)
        }
    if p.actual_end is not None and p.actual_end < p.start:
        yield "actual_end", _("The actual end date (%(end)s) is before the start date (%(start)s).") % {
            "end": long_date(p.actual_end), "start": long_date(p.start)
        }


def check_scheme_in_force(p: Proposal):
    """Refuse a start date on which the scheme has no rules in force (not yet, or abolished)."""
    if p.scheme is None or p.start is None or p.version is not None:
        return
    versions = sorted(p.scheme.versions.all(), key=lambda v: v.valid_from)
    if versions and versions[-1].valid_to is not None and versions[-1].valid_to < p.start:
        # Closed for new placements (e.g. revalidering and jobrotation by lov nr. 1750/2025); cases that
        # started before keep the version of their start date and may run to their end.
        last = versions[-1]
        yield "start", _(
            "The scheme %(scheme)s is closed for new placements from %(closed)s (%(basis)s). A placement that started "
            "before may run to its end, but a new one cannot start on %(start)s."
        ) % {
            "scheme": p.scheme.name, "closed": long_date(last.valid_to + timedelta(days=1)),
            "basis": last.legal_basis, "start": long_date(p.start),
        }
        return
    periods = [period_text(v.valid_from, v.valid_to) for v in versions]
    if periods:
        yield "start", _("The scheme %(scheme)s does not apply on the start date %(start)s; it applies %(periods)s.") % {
            "scheme": p.scheme.name, "start": long_date(p.start), "periods": _(" and ").join(periods)
        }
    else:
        yield "start", _("The scheme %(scheme)s does not apply on the start date %(start)s.") % {
            "scheme": p.scheme.name, "start": long_date(p.start)
        }


def check_duration_limit(p: Proposal):
    """Refuse an end beyond the scheme's maximum for the target group, unless it is a reasoned extension.

    The end that counts is the actual end when there is one, else the planned end: a plan that
    was cut short is history, not a breach. The age limit ("until age 64") cannot be extended.
    """
    field = p.end_field
    if p.version is None or field is None or getattr(p, field) < p.start:
        return
    rule = p.version.as_rule()
    result = check_duration(rule, p.target_group or None, p.start, getattr(p, field), p.birth_date)
    if result.ok:
        return
    last_day = long_date(result.max_end)
    if result.reason == "exceeds_age_limit":
        years, months = personal_age_limit(rule, p.birth_date)
        age = f"{years}½" if months == 6 else str(years)
        yield field, _(
            "%(scheme)s ends at the latest the day before the person turns %(age)s (until and including %(last_day)s)."
        ) % {"scheme": p.scheme.name, "age": age, "last_day": last_day}
        return
    if rule.extension_allowed and p.extension_reason.strip():
        return
    values = {"scheme": p.scheme.name, "max": duration_text(max_duration(rule, p.target_group or None)), "last_day": last_day}
    group = GROUP_PHRASES.get(p.target_group)
    if group:
        message = _("%(scheme)s for %(group)s may last at most %(max)s (until and including %(last_day)s).") % {
            **values, "group": group
        }
    else:
        message = _("%(scheme)s may last at most %(max)s (until and including %(last_day)s).") % values
    if rule.extension_allowed:
        message += " " + _("Write a reason if it is an extension.")
    else:
        message += " " + _("The scheme cannot be extended.")
    yield field, message


def check_workplace(p: Proposal):
    """Refuse a unit that is not a workplace, or one that did not exist on the start date."""
    unit = p.workplace
    if unit is None:
        return
    if unit.kind != Unit.Kind.WORKPLACE:
        yield "workplace", _("%(unit)s is not a workplace (unit type: %(kind)s). Choose the workplace where the person will work.") % {
            "unit": unit.name, "kind": unit.get_kind_display()
        }
        return
    if p.start is not None and not unit.is_valid_on(p.start):
        yield "workplace", _("%(unit)s was not valid on the start date %(start)s; the unit is valid %(period)s.") % {
            "unit": unit.name, "start": long_date(p.start), "period": period_text(unit.valid_from, unit.valid_to)
        }


def check_outcome(p: Proposal):
    """Ask for the outcome once the placement has actually ended ("Unknown" is an answer)."""
    if p.actual_end is not None and not p.outcome:
        yield "outcome", _(
            "Choose the outcome when the placement has an actual end date (choose “Unknown” if it is not known yet)."
        )


def check_started(p: Proposal):
    """Refuse a start date after the day the placement was marked as started: status and dates must agree."""
    started_at = getattr(p.placement, "started_at", None)
    if started_at is None or p.start is None:
        return
    started_on = timezone.localdate(started_at)
    if p.start > started_on:
        yield "start", _(
            "The placement was marked as started on %(started)s, so it cannot start later than that (start date: %(start)s)."
        ) % {"started": long_date(started_on), "start": long_date(p.start)}


def _period_words(placement):
    end = placement.actual_end or placement.planned_end
    if end is None:
        return _("from %(from)s with no end date") % {"from": long_date(placement.start)}
    return period_text(placement.start, end)


def check_overlaps(p: Proposal):
    """Refuse a second placement of the person in the same scheme in an overlapping period; warn about other schemes.

    Two løntilskud for one person at once would count the person twice in every figure. Placements
    in different schemes at once can be right (a fleksjob beside a seniorjob elsewhere is not), so
    they are only pointed out. The messages name the other placement's dates, not its workplace,
    which the user may not be allowed to see.
    """
    if p.person is None or p.start is None or p.scheme is None:
        return
    from .models import Placement  # the models import the rules; import here to keep this module light

    last = p.actual_end or p.planned_end
    others = Placement.objects.filter(person=p.person).overlapping(p.start, last).select_related("scheme").order_by("start")
    if p.placement is not None and p.placement.pk:
        others = others.exclude(pk=p.placement.pk)
    for other in others:
        values = {"scheme": other.scheme.name, "period": _period_words(other)}
        if other.scheme_id == p.scheme.pk:
            yield "start", _(
                "The person already has a %(scheme)s placement %(period)s, which overlaps these dates. A person can only "
                "have one %(scheme)s placement at a time: change the dates, or change the existing placement instead."
            ) % values
        else:
            p.warnings.append(_(
                "Note: the person also has a %(scheme)s placement %(period)s in the same period. Check that both are right."
            ) % values)


# Every rule a placement must meet, in the order the messages should appear. The alerts app adds
# the rimelighedskrav and the merbeskæftigelse rule (alerts.checks) when it is ready.
CHECKS: list[Check] = [
    check_end_dates, check_scheme_in_force, check_duration_limit, check_workplace, check_outcome, check_started, check_overlaps,
]


@dataclass(frozen=True)
class Findings:
    """What validation found: errors stop the save, warnings and overridden rules are shown or audited."""

    errors: dict[str, list[str]]  # {field: [Danish messages]}; empty when the placement may be saved
    warnings: list[str]  # Danish messages that do not stop the save (only given when there are no errors)
    overridden: list[str]  # English audit lines of the rules HR overrode with a reason


def validate_placement(proposal: Proposal) -> Findings:
    """Run every check in `CHECKS` on the proposed placement and return what they found.

    A value left None in the proposal skips the check that needs it. Messages are in the active
    language. The proposal is not changed: the checks note warnings and overridden rules on a copy.
    """
    p = replace(proposal, overridden=[], warnings=[])
    errors: dict[str, list[str]] = {}
    for check in CHECKS:
        for field, message in check(p):
            errors.setdefault(field, []).append(str(message))
    warnings = [] if errors else [str(message) for message in p.warnings]
    return Findings(errors=errors, warnings=warnings, overridden=list(p.overridden))
