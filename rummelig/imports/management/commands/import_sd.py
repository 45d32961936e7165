from rummelig.imports.commands import FileImportCommand
from rummelig.imports.models import SourceKind


class Command(FileImportCommand):
    help = (
        "Import SD Løn's web-service answers (GetOrganization, GetDepartment, GetPerson, GetEmployment, "
        "GetEmploymentChanged…), read together, or Rummelig's SD CSV (see parsers/FORMATS.md). "
        "Writes all or nothing; --dry-run shows what would change."
    )
    source = SourceKind.SD
    several = True
