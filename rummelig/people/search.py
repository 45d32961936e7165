"""Finding people by name, and for HR also by CPR number or date of birth.

Used by the people list, the people API and the person search of the placement form, so a name
is matched the same way everywhere.
"""

import re
from datetime import datetime

from django.db import connection
from django.db.models import Q

from rummelig.lib.cpr import normalise_cpr

DATE_FORMATS = ("%d.%m.%Y", "%d-%m-%Y", "%d/%m/%Y", "%Y-%m-%d")


def name_q(word, first="first_name", last="last_name"):
    """Return a filter matching word anywhere in a first or last name, ignoring case.

    SQLite folds only ASCII letters, so there "ærø" must also be tried as "Ærø" and "ÆRØ".
    """
    variants = {word}
    if connection.vendor == "sqlite" and not word.isascii():
        variants |= {word.lower(), word.upper(), word.capitalize(), word.title()}
    q = Q()
    for variant in variants:
        q |= Q(**{f"{first}__icontains": variant}) | Q(**{f"{last}__icontains": variant})
    return q


def _parse_date(text):
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def search_q(access, query, prefix=""):
    """Return a filter for people by every word of their name; for HR also by full CPR number, its first
    six digits or a date of birth. Anyone else's digits match nothing but a name, so a leder cannot probe
    CPR numbers. prefix reaches the person from another model ("person__").
    """
    query = query.strip()
    if not query:
        return Q()
    if access.is_hr:
        compact = re.sub(r"[\s-]", "", query)
        if compact.isdigit() and len(compact) == 10:
            try:
                return Q(**{f"{prefix}cpr": normalise_cpr(compact)})
            except ValueError:
                return Q(pk__in=[])
        if compact.isdigit() and len(compact) == 6:
            return Q(**{f"{prefix}cpr__startswith": compact})
        born = _parse_date(query)
        if born:
            return Q(**{f"{prefix}birth_date": born})
    q = Q()
    for word in query.split():
        q &= name_q(word, f"{prefix}first_name", f"{prefix}last_name")
    return q


def search_people(access, people, query):
    """Filter people by name; for HR also by full CPR number, its first six digits or a date of birth."""
    return people.filter(search_q(access, query))
