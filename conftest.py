"""Fixtures shared by every test: the personas and the small municipality of rummelig.testing."""

import glob
import os

import pytest

from rummelig.testing import PASSWORD, build_world


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture
def login(client):
    """Return a function that logs the client in as a persona and returns the client."""

    def _login(user):
        client.force_login(user)
        return client

    return _login


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Hash test passwords with a fast hasher; the slow default is for real users, not for tests."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _tasks_run_immediately(settings):
    """Tasks run at once in the test's process (django-tasks' immediate backend); the worker has its own tests."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": ["default"]}}


@pytest.fixture(autouse=True)
def _exports_in_a_temporary_directory(settings, tmp_path):
    """Exports made by the (immediate) worker wait in the test's own directory, not in the system's /tmp."""
    settings.EXPORTS_DIR = str(tmp_path / "exports")


@pytest.fixture(scope="session", autouse=True)
def _remove_progress_files():
    """Remove the SQLite progress files beside the test databases (imports/progress.py) at the end."""
    from rummelig.imports import progress

    yield
    for name in progress.side_files_used:
        for path in glob.glob(f"{name}*"):
            os.remove(path)
