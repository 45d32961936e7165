"""Pages of the onboarding app, one module per area: positions, templates, a placement's follow-up, mentors, the MED framework."""
