"""Read the MED organisation from OS2mo's GraphQL API into the rows the MED load plans (loading.py).

The transport and the paging are the imports' (imports/parsers/os2mo.py: `fetch_pages` through an
injected `post`, so tests replay recorded JSON). The command is `sync_os2mo_med [--dry-run]`.

Confirmed from OS2mo's own documentation ("MED/TR-organisationen i MO") and GraphQL schema:
- the MED organisation is a tree of organisation units of its own (a root without a parent unit),
  its units marked by unit types such as "Hoved-MED", "Center-MED", "Område-MED", "Lokal-MED";
- a seat is an *association* ("tilknytning") of a person to a MED unit, with an `association_type`
  (the "tilknytningsrolle": e.g. "LR formand", "FTR næstformand", "TR", "AMR"), a validity, and the
  union ("Hovedorganisation / Faglig organisation") as an attached class;
- an organisation unit has `related_units { org_units { uuid user_key } }` (each relation lists both
  its units, the MED unit itself among them).

Assumed (not confirmed; check against the municipality's OS2mo):
- a unit is a committee when its unit type's name is one of the kind words in `loading.KIND_WORDS`
  ("Hoved-MED" → hovedudvalg, "Center-MED"/"Område-MED" → område, "Lokal-MED" → lokal); other units
  of the tree (its root, "AMG" groups) are not, and a committee's parent is the nearest committee above;
- the union is the association's `dynamic_class` (its name);
- a MED unit's related units are the line units it covers, matched to Rummelig's units by their
  payroll id (OS2mo's UUID, or with --key user_key the user_key, as `sync_os2mo --key` does);
- an association type containing "suppleant" marks a substitute; OS2mo's `substitute` (the
  stand-in, "stedfortræder") is not loaded;
- the person's login is the user_key of their Active Directory IT user (as for payroll's managers),
  else their e-mail address (an address of scope EMAIL).
An association type that names no seat is a notice, and the seat is skipped.
"""

from datetime import date

from rummelig.imports.parsers.fields import At
from rummelig.imports.parsers.os2mo import PAGE_SIZE, Post, _account_name, _periods, _pick, _single, fetch_pages
from rummelig.imports.parsers.records import Problems

from .loading import CommitteeRow, MedSource, SeatRow, kind_from_word, seat_from_word, word_key

SOURCE_NAME = "OS2mo"

MED_UNITS_QUERY = """
query RummeligMedUnits($limit: int, $cursor: Cursor, $from_date: DateTime, $to_date: DateTime) {
  org_units(limit: $limit, cursor: $cursor, filter: {from_date: $from_date, to_date: $to_date}) {
    objects {
      uuid
      validities {
        uuid
        name
        parent { uuid }
        unit_type { name user_key }
        related_units { org_units { uuid user_key } }
        validity { from to }
      }
    }
    page_info { next_cursor }
  }
}
"""

ASSOCIATIONS_QUERY = """
query RummeligMedSeats($limit: int, $cursor: Cursor, $from_date: DateTime, $to_date: DateTime) {
  associations(limit: $limit, cursor: $cursor, filter: {from_date: $from_date, to_date: $to_date}) {
    objects {
      uuid
      validities {
        uuid
        association_type { name user_key }
        dynamic_class { name }
        person {
          given_name surname
          itusers { user_key itsystem { name user_key } }
          addresses { value address_type { scope } }
        }
        org_unit { uuid }
        validity { from to }
      }
    }
    page_info { next_cursor }
  }
}
"""


def read_os2mo_med(post: Post, *, as_of: date | None = None, key: str = "uuid", limit: int = PAGE_SIZE) -> MedSource:
    """Fetch the MED units and the associations to them; return the committee and seat rows."""
    as_of = as_of or date.today()
    problems = Problems(SOURCE_NAME)
    source = MedSource(file=SOURCE_NAME)
    units = fetch_pages(post, "org_units", query=MED_UNITS_QUERY, limit=limit)
    source.committees = _committees(units, problems, as_of, key)
    committee_keys = {row.key for row in source.committees}
    associations = fetch_pages(post, "associations", query=ASSOCIATIONS_QUERY, limit=limit)
    source.seats = _seats(associations, committee_keys, problems, as_of)
    source.problems = problems.as_list()
    source.notices = list(problems.notices)
    return source


def _committees(objects, problems: Problems, as_of: date, key: str) -> list[CommitteeRow]:
    current = {}
    for obj in objects:
        where = f"MED-enhed {obj.get('uuid', '?')}"
        periods = _periods(obj, where, problems)
        if periods and (periods[-1][1] is None or periods[-1][1] >= as_of):  # a closed unit is no committee
            current[str(obj.get("uuid"))] = (where, _pick(periods, as_of))
    kinds = {uuid: kind_from_word((validity.get("unit_type") or {}).get("name") or "") for uuid, (_w, validity) in current.items()}
    rows = []
    for uuid, (where, validity) in current.items():
        if kinds[uuid] is None:
            continue
        related = [unit for relation in validity.get("related_units") or [] for unit in relation.get("org_units") or []
                   if unit.get("uuid") != uuid]  # a relation lists both its units: the MED unit itself too
        rows.append(CommitteeRow(
            key=uuid,
            name=(validity.get("name") or "").strip() or uuid,
            kind=kinds[uuid],
            parent_key=_committee_above(uuid, current, kinds),
            unit_ids=tuple(dict.fromkeys(str(unit.get(key) or "") for unit in related if unit.get(key))),
            place=At(where),
        ))  # fmt: skip
    return rows


def _committee_above(uuid: str, current: dict, kinds: dict) -> str:
    seen = {uuid}
    parent = (_single(current[uuid][1].get("parent")) or {}).get("uuid")
    while parent and parent in current and parent not in seen:
        if kinds[parent]:
            return parent
        seen.add(parent)
        parent = (_single(current[parent][1].get("parent")) or {}).get("uuid")
    return ""


def _seats(objects, committee_keys: set[str], problems: Problems, as_of: date) -> list[SeatRow]:
    rows = []
    for obj in objects:
        where = f"tilknytning {obj.get('uuid', '?')}"
        periods = _periods(obj, where, problems)
        if not periods:
            continue
        validity = _pick(periods, as_of)
        unit = (_single(validity.get("org_unit")) or {}).get("uuid")
        if unit not in committee_keys:
            continue  # an association to a line unit, not a seat
        kind = (validity.get("association_type") or {}).get("name") or ""
        seat = seat_from_word(kind.casefold().replace("suppleant", ""))
        if seat is None:
            problems.note(where, f"Tilknytningsrollen '{kind}' svarer ikke til en plads i et MED-udvalg; tilknytningen er ikke indlæst.")
            continue
        person = _single(validity.get("person")) or {}
        username, email = _account_name(person), _email(person)
        name = " ".join(part for part in (person.get("given_name"), person.get("surname")) if part)
        if not username and not email:
            problems.note(where, f"{name or 'Personen'} har hverken en AD-bruger eller en e-mail i OS2mo; pladsen er ikke indlæst.")
            continue
        rows.append(SeatRow(
            committee_key=unit, username=username, email=email, name=name, seat=seat,
            union=((validity.get("dynamic_class") or {}).get("name") or "").strip(),
            substitute="suppleant" in word_key(kind), term_from=periods[0][0], term_until=periods[-1][1],
            place=At(where),
        ))  # fmt: skip
    return rows


def _email(person: dict) -> str:
    for address in person.get("addresses") or []:
        if ((address.get("address_type") or {}).get("scope") or "").upper() == "EMAIL" and address.get("value"):
            return str(address["value"]).strip()
    return ""
