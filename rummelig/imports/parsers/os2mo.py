"""Read organisation units (and optionally engagements) from OS2mo's GraphQL API.

The network is kept at the edge: `fetch_pages` follows OS2mo's keyset pagination
(`limit`/`cursor`, `page_info { next_cursor }`) through an injected `post(body) -> response`
callable, so tests replay recorded JSON and never need a server. `urllib_post` is the real
transport: a JSON POST with a bearer token (get the token from Keycloak; not done here).

OS2mo shapes used (GraphQL v2x): every object has `validities`, each with `validity { from to }`
(ISO timestamps; `to` is the last day, null = open). `parent`, `person` and `org_unit` are a
single object in newer schema versions and a list in older ones; both are accepted.
Engagement `fraction` is an integer; OS2mo's SD integration stores OccupationRate × 1,000,000, and
that convention is assumed here (no fraction = full time). OS2mo has no cost centre: it stays empty.
An engagement is a manager's when its person holds a current OS2mo `manager` role
(`person { manager_roles }`) for the engagement's own unit. The login user name is the `user_key`
of the person's IT user in the IT system named or keyed "Active Directory"/"AD" (`person { itusers }`),
where OS2mo's AD integration keeps the SamAccountName.
"""

import json
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from decimal import Decimal

from . import records
from .fields import At, check_cpr, check_p_number, fte_in_range, parse_iso_date
from .records import EmploymentRecord, ParsedFile, Problems, UnitRecord, file_error

SOURCE_NAME = "OS2mo"
PAGE_SIZE = 500
MAX_PAGES = 10_000
MAX_RESPONSE_BYTES = 100 * 1024 * 1024
FRACTION_SCALE = Decimal(1_000_000)

Post = Callable[[dict], dict]


def _paged_query(name: str, collection: str, fields: str) -> str:
    """Return a query for every validity of every object in `collection`, a page at a time (see `fetch_pages`).

    `fields` are the validity's own fields (uuid and validity { from to } are always asked for).
    """
    return f"""
query {name}($limit: int, $cursor: Cursor, $from_date: DateTime, $to_date: DateTime) {{
  {collection}(limit: $limit, cursor: $cursor, filter: {{from_date: $from_date, to_date: $to_date}}) {{
    objects {{
      uuid
      validities {{
        uuid
{fields}
        validity {{ from to }}
      }}
    }}
    page_info {{ next_cursor }}
  }}
}}
"""


ORG_UNITS_QUERY = _paged_query("RummeligOrgUnits", "org_units", """\
        name
        user_key
        parent { uuid }
        unit_type { name }
        addresses { value address_type { scope } }""")
ENGAGEMENTS_QUERY = _paged_query("RummeligEngagements", "engagements", """\
        user_key
        fraction
        person {
          cpr_number given_name surname
          itusers { user_key itsystem { name user_key } }
          manager_roles { org_unit { uuid } }
        }
        org_unit { uuid }
        job_function { name user_key }
        engagement_type { name user_key }""")


def build_query(collection: str) -> str:
    """Return the GraphQL query for "org_units" or "engagements" (variables: limit, cursor, dates)."""
    queries = {"org_units": ORG_UNITS_QUERY, "engagements": ENGAGEMENTS_QUERY}
    return queries[collection]


def fetch_pages(
    post: Post,
    collection: str = "org_units",
    *,
    query: str | None = None,
    variables: dict | None = None,
    limit: int = PAGE_SIZE,
) -> Iterator[dict]:
    """Yield every object of `collection`, page by page, until `next_cursor` is null.

    `variables` default to the whole history (from_date and to_date null). A GraphQL error,
    a malformed answer or a cursor that repeats raises ImportFileError.
    """
    query = query or build_query(collection)
    base = {"from_date": None, "to_date": None, **(variables or {})}
    cursor = None
    seen = set()
    for page in range(MAX_PAGES):
        response = post({"query": query, "variables": {**base, "limit": limit, "cursor": cursor}})
        if response.get("errors"):
            messages = "; ".join(str(error.get("message", error)) for error in response["errors"])
            raise file_error(SOURCE_NAME, f"OS2mo svarede med en fejl: {messages}", f"side {page + 1}")
        try:
            result = response["data"][collection]
            objects = result["objects"]
            cursor = (result.get("page_info") or {}).get("next_cursor")
        except (KeyError, TypeError):
            raise file_error(
                SOURCE_NAME, f"OS2mo's svar har ikke den forventede form ({collection}).", f"side {page + 1}"
            ) from None
        yield from objects
        if cursor is None:
            return
        if cursor in seen:
            raise file_error(
                SOURCE_NAME, "OS2mo sendte den samme side to gange; indlæsningen er stoppet.", f"side {page + 1}"
            )
        seen.add(cursor)
    raise file_error(SOURCE_NAME, f"OS2mo sendte mere end {MAX_PAGES} sider; indlæsningen er stoppet.")


def urllib_post(url: str, token: str, *, timeout: float = 60) -> Post:
    """Return a `post` that sends a GraphQL body to `url` (e.g. https://mo.kommune.dk/graphql/v22)."""

    def post(body: dict) -> dict:
        request = urllib.request.Request(
            url,
            data=json.dumps(body).encode(),
            headers={
                "Content-Type": "application/json",
                "Accept": "application/json",
                "Authorization": f"Bearer {token}",
            },
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                payload = response.read(MAX_RESPONSE_BYTES + 1)
        except urllib.error.HTTPError as exc:
            raise file_error(SOURCE_NAME, f"OS2mo svarede med HTTP-status {exc.code} ({exc.reason}).") from None
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise file_error(SOURCE_NAME, f"OS2mo kunne ikke nås ({reason}).") from None
        if len(payload) > MAX_RESPONSE_BYTES:
            raise file_error(SOURCE_NAME, "OS2mo's svar er for stort; brug en mindre sidestørrelse.")
        try:
            return json.loads(payload)
        except ValueError:
            raise file_error(SOURCE_NAME, "OS2mo svarede ikke med JSON.") from None

    return post


def read_os2mo(
    post: Post, *, engagements: bool = False, as_of: date | None = None, limit: int = PAGE_SIZE
) -> ParsedFile:
    """Fetch units (and engagements) and convert them; row problems are collected, not raised."""
    problems = Problems(SOURCE_NAME)
    parsed = ParsedFile(file=SOURCE_NAME)
    parsed.units = list(units_from_objects(fetch_pages(post, "org_units", limit=limit), problems, as_of=as_of))
    if engagements:
        objects = fetch_pages(post, "engagements", limit=limit)
        parsed.employments = list(employments_from_objects(objects, problems, as_of=as_of))
    parsed.problems = problems.as_list()
    parsed.notices = list(problems.notices)
    return parsed


def _valid_objects(objects: Iterable[dict], kind: str, problems: Problems, as_of: date | None):
    """Yield (object, where, its validity periods, the validity on `as_of`) of the objects with valid periods."""
    as_of = as_of or date.today()
    for obj in objects:
        where = f"{kind} {obj.get('uuid', '?')}"
        periods = _periods(obj, where, problems)
        if periods:
            yield obj, where, periods, _pick(periods, as_of)


def units_from_objects(
    objects: Iterable[dict], problems: Problems, *, as_of: date | None = None
) -> Iterator[UnitRecord]:
    """Convert org_units objects: the validity on `as_of` gives name and parent; all give the dates."""
    for obj, where, periods, current in _valid_objects(objects, "org_unit", problems, as_of):
        before = problems.total
        parent = _single(current.get("parent"))
        name = (current.get("name") or "").strip()
        if not name:
            problems.add(where, "Enheden har intet navn i OS2mo.")
            continue
        record = records.unless_problems(
            problems, before, UnitRecord,
            source_id=str(obj.get("uuid") or current.get("uuid")),
            parent_source_id=(parent or {}).get("uuid"),
            name=name,
            short_name=current.get("user_key") or "",
            p_number=_p_number(current, where, problems),
            valid_from=periods[0][0],
            valid_to=periods[-1][1],
            kind_hint=((current.get("unit_type") or {}).get("name") or ""),
            location=where,
        )  # fmt: skip
        if record is not None:
            yield record


def employments_from_objects(
    objects: Iterable[dict], problems: Problems, *, as_of: date | None = None
) -> Iterator[EmploymentRecord]:
    """Convert engagements objects; user_key (the payroll employment number) is the source id."""
    for obj, where, periods, current in _valid_objects(objects, "engagement", problems, as_of):
        before = problems.total
        person = _single(current.get("person")) or {}
        unit = _single(current.get("org_unit")) or {}
        cpr = check_cpr(person.get("cpr_number") or "", problems, At(where), "cpr_number", required=False)
        if not unit.get("uuid"):
            problems.add(where, "Engagementet har ingen enhed i OS2mo.")
        fte = _fte(current.get("fraction"), where, problems)
        job = current.get("job_function") or {}
        kind = current.get("engagement_type") or {}
        manages = {(_single(role.get("org_unit")) or {}).get("uuid") for role in person.get("manager_roles") or []}
        record = records.unless_problems(
            problems, before, EmploymentRecord,
            source_id=str(current.get("user_key") or obj.get("uuid")),
            cpr=cpr,
            first_name=person.get("given_name") or "",
            last_name=person.get("surname") or "",
            unit_source_id=unit.get("uuid") or "",
            job_title=job.get("name") or "",
            contract_code=kind.get("user_key") or "",
            contract_text=kind.get("name") or "",
            start=periods[0][0],
            end=periods[-1][1],
            fte=fte,
            is_manager=bool(unit.get("uuid")) and unit.get("uuid") in manages,
            account_name=_account_name(person),
            location=where,
        )  # fmt: skip
        if record is not None:
            yield record


LOGIN_IT_SYSTEMS = frozenset({"active directory", "ad"})


def _account_name(person: dict) -> str:
    """Return the user_key of the person's Active Directory IT user in OS2mo, else ""."""
    for it_user in person.get("itusers") or []:
        system = it_user.get("itsystem") or {}
        names = {(system.get("name") or "").casefold(), (system.get("user_key") or "").casefold()}
        if names & LOGIN_IT_SYSTEMS and it_user.get("user_key"):
            return str(it_user["user_key"]).strip()
    return ""


def _periods(obj: dict, where: str, problems: Problems) -> list[tuple[date, date | None, dict]]:
    """Return (from, to, validity) for each validity, sorted by start; report bad dates."""
    periods = []
    for validity in obj.get("validities") or []:
        span = validity.get("validity") or {}
        try:
            start = parse_iso_date(span.get("from") or "")
            end = parse_iso_date(span["to"]) if span.get("to") else None
        except ValueError:
            problems.add(where, f"OS2mo sendte en ugyldig gyldighedsperiode ({span.get('from')} – {span.get('to')}).")
            return []
        periods.append((start, end, validity))
    if not periods:
        problems.add(where, "OS2mo sendte ingen gyldighedsperioder.")
    return sorted(periods, key=lambda period: period[0])


def _pick(periods: list[tuple[date, date | None, dict]], as_of: date) -> dict:
    """Return the validity on `as_of`, else the latest that began before it, else the first."""
    chosen = periods[0][2]
    for start, _, validity in periods:
        if start <= as_of:
            chosen = validity
    return chosen


def _single(value):
    """OS2mo returns related objects as an object (new) or a one-element list (old)."""
    if isinstance(value, list):
        return value[0] if value else None
    return value


def _p_number(validity: dict, where: str, problems: Problems) -> str | None:
    """Return the first valid P-number among the unit's addresses of scope PNUMBER, "" for none, None for only bad ones."""
    found: str | None = ""
    for address in validity.get("addresses") or []:
        if ((address.get("address_type") or {}).get("scope") or "").upper() == "PNUMBER":
            value = check_p_number(address.get("value") or "", problems, At(where), "PNUMBER")
            if value:
                return value
            if value is None:
                found = None
    return found


def _fte(fraction, where: str, problems: Problems) -> Decimal:
    if fraction is None:
        return Decimal("1.0000")
    try:
        fte = Decimal(int(fraction)) / FRACTION_SCALE
    except (TypeError, ValueError):
        problems.add(where, f"Engagementets fraction '{fraction}' er ikke et heltal.")
        return Decimal(0)
    message = f"Engagementets fraction {fraction} svarer ikke til en brøk mellem 0 og 1 (× 1.000.000)."
    return fte_in_range(fte, problems, where, message)
