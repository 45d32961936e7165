"""Udbudsloven § 176, stk. 2 (from 1 July 2022): when a contract must require persons in training.

The contracting authority must require that persons under training (lærlinge, elever,
praktikanter, personer under anden oplæring) are used to perform the contract when it is

- a works contract (bygge og anlæg) performed in Denmark, lasting 6 months or more, with a value
  at or above the EU threshold for works; or
- a services contract performed in Denmark, lasting 6 months or more, worth 5 mio. kr. or more.

Goods contracts are never covered. The duty does not apply when using persons under training
would be a safety risk, is unsuitable for the contract, or is contrary to other law: leaving the
clause out of a covered contract needs one of those reasons recorded (`EXEMPTIONS`).

The amounts and the months are not constants here: they come as arguments from dated data rows
(procurement.Threshold) with their source, so a new EU threshold is a new row. The details are in
the executive order on persons under training in public contracts; see docs/LAW.md for what was
confirmed and what was not.
"""

from dataclasses import dataclass
from decimal import Decimal

WORKS = "bygge_anlaeg"
SERVICES = "tjenesteydelse"
GOODS = "vare"

SAFETY = "sikkerhed"
UNSUITABLE = "uegnet"
OTHER_LAW = "anden_lovgivning"
EXEMPTIONS = (SAFETY, UNSUITABLE, OTHER_LAW)


@dataclass(frozen=True)
class DutyLimits:
    """The limits in force on a day: minimum months, the EU works threshold, the services value."""

    min_months: int
    works_threshold: Decimal
    services_value: Decimal


@dataclass(frozen=True)
class Duty:
    required: bool
    reason: str  # why (in Danish, for the page and the API)


def training_clause_duty(kind: str, value: Decimal, months: int, in_denmark: bool, limits: DutyLimits) -> Duty:
    """Return whether § 176 stk. 2 requires a training clause in the contract, and why (Danish)."""
    if kind == GOODS:
        return Duty(False, "Varekøb er ikke omfattet af pligten.")
    if not in_denmark:
        return Duty(False, "Kontrakten udføres ikke i Danmark.")
    if months < limits.min_months:
        return Duty(False, f"Kontrakten varer under {limits.min_months} måneder.")
    if kind == WORKS:
        if value >= limits.works_threshold:
            return Duty(True, f"Bygge og anlæg i Danmark, mindst {limits.min_months} måneder og over EU's tærskelværdi "
                              f"({_kr(limits.works_threshold)}).")
        return Duty(False, f"Bygge og anlæg under EU's tærskelværdi ({_kr(limits.works_threshold)}).")
    if kind == SERVICES:
        if value >= limits.services_value:
            return Duty(True, f"Tjenesteydelse i Danmark, mindst {limits.min_months} måneder og mindst "
                              f"{_kr(limits.services_value)}")
        return Duty(False, f"Tjenesteydelse under {_kr(limits.services_value)}")
    raise ValueError(f"unknown kind {kind!r}")


def _kr(amount: Decimal) -> str:
    return f"{int(amount):,} kr.".replace(",", ".")
