from rummelig.imports.commands import FileImportCommand
from rummelig.imports.models import SourceKind


class Command(FileImportCommand):
    help = "Import Rummelig's spreadsheet template (XLSX, or one CSV file per sheet). Writes all or nothing; --dry-run shows what would change."
    source = SourceKind.SPREADSHEET
