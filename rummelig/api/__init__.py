"""The REST API under /api/v1/: `site.py` assembles each app's router, `helpers.py` is the plumbing they share.

This module stays empty so an app's `api.py` can import `rummelig.api.helpers` without assembling the API.
"""
