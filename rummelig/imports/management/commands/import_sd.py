from rummelig.imports.commands import FileImportCommand
from rummelig.imports.models import SourceKind


class Command(FileImportCommand):
    help = "Import an SD Løn file of departments or employments (CSV or XML, see parsers/FORMATS.md). Writes all or nothing; --dry-run shows what would change."
    source = SourceKind.SD
