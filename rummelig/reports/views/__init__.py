"""The reports' pages: the dashboard, the annual report and its exports, targets, and economy."""

from .annual import annual, annual_export
from .dashboard import dashboard
from .economy import cap_create, economy, economy_edit, economy_placements, pool_create, pool_edit
from .published import publication_export, publication_list
from .targets import target_create, target_delete, target_edit, target_history, targets

__all__ = [
    "annual", "annual_export", "cap_create", "dashboard", "economy", "economy_edit", "economy_placements",
    "pool_create", "publication_export", "publication_list", "pool_edit", "target_create", "target_delete", "target_edit", "target_history", "targets",
]
