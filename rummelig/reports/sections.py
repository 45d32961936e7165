"""The annual report is a list of sections; a section is one small class that returns tables.

To add a section (procurement clauses, MED follow-up, …), write in your app's
`report_sections.py`::

    from rummelig.reports.sections import Section, register

    @register
    class Procurement(Section):
        key = "procurement"
        title = _("Social clauses in procurement")
        order = 90

        def tables(self, report):
            return [Table(...)]

The reports app imports every installed app's `report_sections` module at start-up, and the
page, the PDF, the XLSX and the JSON show the section in its order. Counts must go through
`report.publish(...)` (or the helpers in `rummelig.reports.tables`), so that what leaves HR is
suppressed the same way everywhere.
"""

from django.utils.module_loading import autodiscover_modules

REGISTRY = {}


class Section:
    key = ""
    title = ""
    order = 100

    def intro(self, report):
        """Return a short text that explains the section's definitions (or "")."""
        return ""

    def tables(self, report):
        """Return the section's tables for the report (a rummelig.reports.report.Report)."""
        raise NotImplementedError

    def applies_to(self, report):
        """Tell whether the section belongs in this report (e.g. only for the whole municipality)."""
        return True


def register(cls):
    """Register a Section subclass under its key (a later registration with the same key replaces it)."""
    if not cls.key:
        raise ValueError(f"{cls.__name__} needs a key.")
    REGISTRY[cls.key] = cls()
    return cls


def ordered(keys=None):
    """Return the registered sections in order, or those named by keys in that order."""
    discover()
    if keys is not None:
        return [REGISTRY[key] for key in keys if key in REGISTRY]
    return sorted(REGISTRY.values(), key=lambda section: (section.order, section.key))


_discovered = False


def discover():
    global _discovered
    if not _discovered:
        autodiscover_modules("report_sections")
        _discovered = True
