"""The demo municipality: a made-up Danish kommune to try Rummelig with (`manage.py seed_demo`)."""

from .builder import DemoBuilder
from .data import DEMO_PASSWORD, DEMO_USERNAMES, DEMO_USERS, KOMMUNE, ROLE_NAMES
from .seed import flush_demo, seed_demo

__all__ = [
    "DEMO_PASSWORD", "DEMO_USERNAMES", "DEMO_USERS", "KOMMUNE", "ROLE_NAMES", "DemoBuilder", "flush_demo", "seed_demo",
]
