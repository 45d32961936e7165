"""Scheme versions for tests, built in code so every test shows the rule it relies on."""

from datetime import date

from rummelig.rules.schemes import Duration, SchemeRule


def make_rule(**overrides) -> SchemeRule:
    """Return a temporary scheme with no limits, evaluations or grants unless overridden."""
    fields = {
        "code": "virksomhedspraktik",
        "permanent": False,
        "max_durations": {},
        "extension_allowed": False,
        "counts_in_ratio": True,
        "needs_statement": True,
        "merbeskaeftigelse_applies": False,
        "follow_up_first_months": None,
        "follow_up_every_months": None,
        "grant_months": None,
        "ends_at_age": None,
        "valid_from": date(2020, 1, 1),
        "valid_to": None,
    }
    fields.update(overrides)
    return SchemeRule(**fields)


def weeks(n: int) -> Duration:
    return Duration(n, "weeks")


def months(n: int) -> Duration:
    return Duration(n, "months")


def years(n: int) -> Duration:
    return Duration(n, "years")
