from rummelig.imports.commands import FileImportCommand
from rummelig.imports.models import SourceKind


class Command(FileImportCommand):
    help = "Import a KMD OPUS dump (ZLPE<timestamp>_delta.xml): units, people and employments. Writes all or nothing; --dry-run shows what would change."
    source = SourceKind.OPUS
