"""Rummelig: the municipality's register and reports for staff employed on special terms."""
