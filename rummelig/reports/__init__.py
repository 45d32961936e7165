"""Targets, dashboards and the annual report to the Hovedudvalg."""
