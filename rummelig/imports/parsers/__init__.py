"""Turn payroll and master-data files into plain records and precise Danish problems.

No Django here: the importer (which writes to the database) calls these. Every format has a
streaming `iter_*(source, problems)` that yields records and collects row problems, and a
`parse_*(source)` that returns a ParsedFile. The formats are described in FORMATS.md.
"""

from .common import MAX_FILE_BYTES, check_size
from .opus import dump_timestamp_from_filename, iter_opus, parse_opus
from .records import (
    MAX_PROBLEMS,
    EmploymentRecord,
    ImportFileError,
    ImportProblem,
    LeaveRecord,
    ParsedFile,
    Problems,
    Record,
    UnitRecord,
    check_references,
    collect,
)
from .sd import iter_sd, iter_sd_files, parse_sd, parse_sd_files
from .spreadsheet import iter_spreadsheet, parse_spreadsheet, write_template

__all__ = [
    "MAX_FILE_BYTES",
    "MAX_PROBLEMS",
    "EmploymentRecord",
    "ImportFileError",
    "ImportProblem",
    "LeaveRecord",
    "ParsedFile",
    "Problems",
    "Record",
    "UnitRecord",
    "check_references",
    "check_size",
    "collect",
    "dump_timestamp_from_filename",
    "iter_opus",
    "iter_sd",
    "iter_sd_files",
    "iter_spreadsheet",
    "parse_opus",
    "parse_sd",
    "parse_sd_files",
    "parse_spreadsheet",
    "write_template",
]
