"""Users' roles in the organisation, API tokens, and the one place that decides what a user may see."""
