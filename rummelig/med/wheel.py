"""The annual wheel at work: a meeting's agenda from the themes due, what a committee has discussed, names in records."""

import re
from dataclasses import dataclass

from django.db.models import Q

from rummelig.onboarding.models import QUESTIONS, FrameworkAnswer
from rummelig.organisation.models import Unit
from rummelig.people.models import Person
from rummelig.reports.figures import Scope
from rummelig.reports.models import Publication
from rummelig.reports.publications import PublishedReport, latest_for, reads_publications, scope_key
from rummelig.rules.onboarding import framework_is_current

from .models import AgendaItem, Theme


def build_agenda(meeting):
    """Add an item for every theme of the committee's wheel due in the meeting's month; return the items."""
    themes = Theme.for_committee(meeting.committee).filter(month=meeting.date.month)
    start = meeting.items.count()
    return AgendaItem.objects.bulk_create([
        AgendaItem(meeting=meeting, theme=theme, title=theme.name, position=start + n) for n, theme in enumerate(themes)
    ])


@dataclass
class ThemeStatus:
    theme: Theme
    discussed_on: object  # the date of the meeting where it was last discussed this year, or None
    overdue: bool  # its month has passed this year without it


def wheel(committee, year, today):
    """Return the committee's themes for the year, each with when it was discussed (an item with a record)."""
    items = AgendaItem.objects.filter(meeting__committee=committee, meeting__date__year=year, theme__isnull=False).exclude(
        record="").values_list("theme_id", "meeting__date")
    discussed = {}
    for theme_id, day in items:
        discussed[theme_id] = max(day, discussed.get(theme_id, day))
    return [
        ThemeStatus(theme, discussed.get(theme.pk),
                    theme.pk not in discussed and (year < today.year or (year == today.year and theme.month < today.month)))
        for theme in Theme.for_committee(committee)
    ]


def committees_behind(committees, year, today):
    """Return [(committee, [missing fixed themes whose month has passed])] for committees behind on their wheel."""
    behind = []
    for committee in committees:
        missing = [s.theme for s in wheel(committee, year, today) if s.overdue and s.theme.is_fixed]
        if missing:
            behind.append((committee, missing))
    return behind


_WORD = re.compile(r"\w+", re.UNICODE)


def names_in(text):
    """Return the full names of registered persons (anyone: staff and people on special terms) that the text names.

    Used only to warn before a record is saved; it does not tell whether the person is on special
    terms, since every employee is a registered person.
    """
    words = _WORD.findall(text)
    spoken = " " + " ".join(words).casefold() + " "
    found = set()
    for first, last in Person.objects.filter(last_name__in={w for w in words if w[:1].isupper()}).values_list(
            "first_name", "last_name"):
        given = first.split()[0] if first.split() else ""
        if given and (f" {given} {last} ".casefold() in spoken or f" {first} {last} ".casefold() in spoken):
            found.add(f"{first} {last}")
    return sorted(found)


def committee_units(committee):
    """The units the committee covers, with their sub-units."""
    q = Q(pk__in=[])
    for path in committee.units.values_list("path", flat=True):
        q |= Q(path__startswith=path)
    return Unit.objects.filter(q)


def latest_figures(committee, access):
    """Return the newest published figures of the committee's area as the user may see them, or None.

    A MED member sees them as their own publication shows them: their own scope's report when the
    committee's area is their scope, else the committee's columns of it (PublishedReport.part),
    never the committee's own report beside theirs. Two reports of the same people, suppressed
    each on its own, give a hidden count away together: a centre's 7 fleksjob shown in the
    centre's report beside the municipality's, where that 7 is hidden and the row shows 9, tells
    that the other centre has 2. ``NOT_SHOWN`` when the area is not made of whole columns of the
    member's report (a workplace inside a centre column). HR, the auditor and a leder who sees
    every person behind the figures get the committee's own report.
    """
    units = committee_units(committee)
    key = scope_key(Scope(units))
    if not reads_publications(access):
        for publication in Publication.objects.all().iterator(chunk_size=1):
            if key in publication.scopes:
                return PublishedReport(publication, publication.scopes[key])
        return None
    own = latest_for(access)
    scope = Scope.for_access(access)
    if own is None or scope_key(scope) == key:
        return own
    area = set(units.values_list("pk", flat=True))
    columns = {scope.column_of[pk] for pk in area if pk in scope.column_of}
    if not area <= scope.unit_ids or {pk for pk, column in scope.column_of.items() if column in columns} != area:
        return NOT_SHOWN
    return own.part(columns) or NOT_SHOWN


NOT_SHOWN = "not_shown"  # the committee's area is part of a column of the member's published report


@dataclass
class WorkplaceFramework:
    workplace: Unit
    answer: FrameworkAnswer | None  # the newest answers, or None if the committee never answered
    current: bool  # answered within the last 12 months

    @property
    def pairs(self):
        """The six questions, each with the committee's answer."""
        return [(question, getattr(self.answer, key)) for key, question in QUESTIONS] if self.answer else []


def framework_answers(committee, today):
    """Return, for every current workplace the committee covers, its newest framework answers (principles, no person)."""
    workplaces = list(committee_units(committee).filter(kind=Unit.Kind.WORKPLACE, valid_to__isnull=True).order_by("name"))
    newest = {}
    for answer in FrameworkAnswer.objects.filter(workplace__in=workplaces):  # newest first (the model's ordering)
        newest.setdefault(answer.workplace_id, answer)
    return [
        WorkplaceFramework(w, newest.get(w.pk), framework_is_current(newest[w.pk].answered_on if w.pk in newest else None, today))
        for w in workplaces
    ]
