"""Payroll codes: each code in the file must be in HR's mapping; an unknown one stops the import, never guessed."""

from .result import Plan


def unknown_codes(plan: Plan, codes: dict[str, int | None]) -> list[dict]:
    """Return each code of the file that HR has not mapped: {source, code, text, count, location} (the first place)."""
    unknown: dict[str, dict] = {}
    for record in plan.staged.employments:
        code = record.contract_code
        if record.cancelled or not code or code in codes:
            continue
        entry = unknown.get(code)
        if entry is None:
            unknown[code] = {
                "source": plan.staged.source,
                "code": code,
                "text": record.contract_text,
                "count": 1,
                "location": record.location,
            }
        else:
            entry["count"] += 1
    return list(unknown.values())
