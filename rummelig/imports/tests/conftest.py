"""Fixtures for the importer's tests: the sample files, HR's code mapping, and counts of what is in the register."""

import shutil
from pathlib import Path

import pytest

from rummelig.imports.models import ImportRun, PayrollCodeMapping, SourceKind
from rummelig.organisation.models import Unit
from rummelig.people.models import Employment, Person
from rummelig.placements.models import Placement
from rummelig.schemes.models import Scheme

DATA = Path(__file__).parent / "data"
OPUS_DAY_1 = DATA / "ZLPE20250101000000_delta.xml"
OPUS_DAY_2 = DATA / "ZLPE20250102000000_delta.xml"

# What the sample files' codes mean, as HR would map them.
OPUS_CODES = {"08": None, "09": None, "61": "fleksjob", "71": "loentilskud", "73": "seniorjob"}
SD_CODES = {"5100": None, "5190": "fleksjob", "7301": "loentilskud", "7303": None}
SPREADSHEET_CODES = {"ANSAT": None, "FLEKS": "fleksjob", "LØNTILSKUD": "loentilskud", "SENIOR": "seniorjob"}


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def imports_dir(settings, tmp_path):
    settings.IMPORTS_DIR = str(tmp_path / "uploads")
    return tmp_path / "uploads"


def map_codes(source, codes):
    for code, scheme_code in codes.items():
        PayrollCodeMapping.objects.create(
            source=source, code=code, scheme=Scheme.objects.get(code=scheme_code) if scheme_code else None
        )


@pytest.fixture
def opus_codes(db):
    map_codes(SourceKind.OPUS, OPUS_CODES)


@pytest.fixture
def sd_codes(db):
    map_codes(SourceKind.SD, SD_CODES)


@pytest.fixture
def spreadsheet_codes(db):
    map_codes(SourceKind.SPREADSHEET, SPREADSHEET_CODES)


def register_counts():
    """Return how many rows the register holds, to show that a refused import wrote nothing."""
    return {
        "units": Unit.objects.count(),
        "people": Person.objects.count(),
        "employments": Employment.objects.count(),
        "placements": Placement.objects.count(),
        "done": ImportRun.objects.filter(status=ImportRun.Status.DONE).count(),
    }


@pytest.fixture
def copy_as(tmp_path):
    """Return a function that copies a data file to a new name (OPUS reads the date from the name)."""

    def _copy(source, name):
        target = tmp_path / name
        shutil.copyfile(source, target)
        return target

    return _copy


@pytest.fixture
def write_file(tmp_path):
    def _write(name, text, encoding="utf-8"):
        path = tmp_path / name
        path.write_bytes(text.encode(encoding) if isinstance(text, str) else text)
        return path

    return _write


@pytest.fixture
def two_gb_opus_file(tmp_path):
    """An OPUS dump of 2 GB (sparse: it takes no room on the disk), to be refused by its size alone."""
    path = tmp_path / "ZLPE20250101000000_delta.xml"
    with open(path, "wb") as sparse:
        sparse.truncate(2 * 1024**3)
    return path


def by_id(records):
    return {record.source_id: record for record in records}


def opus_xml(body):
    return '<?xml version="1.0" encoding="utf-8"?>\n<kmd>\n' + body + "</kmd>\n"
