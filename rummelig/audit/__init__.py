"""The audit log: who did what to which record, and who read whose data."""
