"""Read a source into staged records: the whole stream first, the database only afterwards.

The parsers stream (iterparse) and may raise a whole-file error after thousands of records
(broken XML at line 40,000), so records are staged in lists and nothing is compared or written
until the stream is exhausted without a problem.
"""

import hashlib
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone

from .models import SourceKind
from .parsers import (
    EmploymentRecord,
    ImportFileError,
    ImportProblem,
    LeaveRecord,
    Problems,
    Record,
    UnitRecord,
    check_size,
    dump_timestamp_from_filename,
    iter_opus,
    iter_sd,
    iter_sd_files,
    iter_spreadsheet,
)
from .progress import NoProgress, Progress

FILE_KINDS = (SourceKind.OPUS, SourceKind.SD, SourceKind.SPREADSHEET)
_READERS = {SourceKind.OPUS: iter_opus, SourceKind.SD: iter_sd, SourceKind.SPREADSHEET: iter_spreadsheet}
_CHUNK = 1024 * 1024


@dataclass
class Staged:
    """Everything read from one source, ready to be compared with the database."""

    source: str
    file: str
    reference_date: date  # OPUS: the dump date in the file name; otherwise today
    dump_date: date | None = None  # OPUS only: the day leaves take effect
    units: list[UnitRecord] = field(default_factory=list)
    employments: list[EmploymentRecord] = field(default_factory=list)
    leaves: list[LeaveRecord] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)
    notices: list[ImportProblem] = field(default_factory=list)

    @property
    def records(self) -> int:
        return len(self.units) + len(self.employments) + len(self.leaves)


def file_facts(path, name: str) -> tuple[int, str]:
    """Return (size, SHA-256) of a file, refusing an empty or too large one by its size first."""
    size = check_size(path, name)
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        while chunk := stream.read(_CHUNK):
            digest.update(chunk)
    return size or os.stat(path).st_size, digest.hexdigest()


def files_facts(files: list[tuple[object, str]]) -> tuple[int, str]:
    """Return (total size, SHA-256) of files read together; one file gives its own facts."""
    facts = [file_facts(path, name) for path, name in files]
    if len(facts) == 1:
        return facts[0]
    digest = hashlib.sha256("\n".join(sha for _, sha in facts).encode())
    return sum(size for size, _ in facts), digest.hexdigest()


def dump_date(source: str, name: str) -> date | None:
    """Return the date of an OPUS dump from its file name (ZLPE<yyyymmdd…>), else None."""
    if source != SourceKind.OPUS:
        return None
    stamp = dump_timestamp_from_filename(name)
    return stamp.date() if stamp else None


def reference_date(source: str, name: str) -> date:
    """Return the day the file speaks of: an OPUS dump's date, else today."""
    return dump_date(source, name) or timezone.localdate()


def read_file(source: str, path, name: str, progress: Progress | None = None) -> Staged:
    """Parse a file of the given kind into a Staged; whole-file and row problems end up in `problems`."""
    return read_files(source, [(path, name)], progress)


def read_files(
    source: str, files: list[tuple[object, str]], progress: Progress | None = None, *, as_of: date | None = None
) -> Staged:
    """Parse files of one kind read together (SD's answers complete each other) into one Staged.

    Only SD takes several files; for the other kinds `files` holds one. `as_of` (SD: the day a
    synchronisation asked SD about) replaces the reference date worked out from the file name.
    """
    progress = progress or NoProgress()
    name = ", ".join(file_name for _, file_name in files)
    first = files[0][1]
    staged = Staged(
        source=source, file=name, reference_date=as_of or reference_date(source, first), dump_date=dump_date(source, first)
    )
    problems = Problems(first)
    try:
        if source == SourceKind.SD:
            records = iter_sd_files(files, problems, as_of=staged.reference_date)
        else:
            [(path, file_name)] = files
            records = _READERS[source](path, problems, name=file_name)
        stage(records, staged, progress)
    except ImportFileError as exc:
        staged.units, staged.employments, staged.leaves = [], [], []
        staged.problems = exc.problems + problems.as_list()
        staged.notices = list(problems.notices)
        return staged
    staged.problems = problems.as_list()
    staged.notices = list(problems.notices)
    return staged


def stage(records: Iterable[Record], staged: Staged, progress: Progress) -> None:
    """Drain a record stream into the staged lists, counting progress per record."""
    units, employments, leaves = staged.units, staged.employments, staged.leaves
    count = 0
    for record in records:
        if type(record) is EmploymentRecord:
            employments.append(record)
        elif type(record) is UnitRecord:
            units.append(record)
        else:
            leaves.append(record)
        count += 1
        if count == 25:
            progress.step(count)
            count = 0
    progress.step(count)
