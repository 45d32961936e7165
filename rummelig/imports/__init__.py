"""Imports from payroll (KMD OPUS, SD Løn), OS2mo and spreadsheets."""
