"""The tree of units: municipality, areas/centres and workplaces (P-units)."""
