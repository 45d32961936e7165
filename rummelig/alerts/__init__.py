"""Deadlines, employee-representative statements and reminders built on the rules package."""
