"""The demo municipality: a made-up Danish kommune to try Rummelig with (`manage.py seed_demo`).

An app of its own on top of the others: it imports every app's models, so nothing imports it
(its names live in `data` and `seed`; this package stays empty so the app registry can load it).
"""
