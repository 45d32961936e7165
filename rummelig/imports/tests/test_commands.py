"""The commands import_opus, import_sd, import_spreadsheet and sync_os2mo: --dry-run, the summary, CommandError."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from rummelig.imports.models import ImportRun, PayrollCodeMapping, SourceKind
from rummelig.imports.parsers import ImportFileError
from rummelig.organisation.models import Unit
from rummelig.people.models import Employment
from rummelig.schemes.models import Scheme

from .conftest import DATA, OPUS_DAY_1, register_counts

pytestmark = pytest.mark.django_db
RECORDED = DATA / "os2mo"


def run_command(*args):
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_import_opus_dry_run_prints_what_would_change_and_writes_nothing(opus_codes):
    before = register_counts()

    output = run_command("import_opus", str(OPUS_DAY_1), "--dry-run")

    assert register_counts() == before
    assert "ZLPE20250101000000_delta.xml (KMD OPUS): forhåndsvisning, intet er skrevet." in output
    assert "Enheder: 5 nye, 0 ændrede, 0 afsluttede, 0 uændrede" in output
    assert "Ansættelser: 4 nye, 0 ændrede, 0 afsluttede, 0 fjernede, 0 uændrede" in output
    assert "Ansættelse, Ny: 5002 Åse Møller" in output
    assert ImportRun.objects.get().dry_run


def test_import_opus_imports_and_prints_the_counts(opus_codes):
    output = run_command("import_opus", str(OPUS_DAY_1))

    assert "ZLPE20250101000000_delta.xml (KMD OPUS): indlæst." in output
    assert "Personer: 3 nye, 0 ændrede" in output
    assert Employment.objects.count() == 4
    assert ImportRun.objects.get().status == ImportRun.Status.DONE


def test_import_opus_again_says_the_file_was_imported_before(opus_codes):
    run_command("import_opus", str(OPUS_DAY_1))

    output = run_command("import_opus", str(OPUS_DAY_1))

    assert "Den samme fil (samme indhold) blev indlæst" in output


def test_bad_input_is_a_command_error_in_danish_and_nothing_is_written(opus_codes):
    before = register_counts()

    with pytest.raises(CommandError) as error:
        run_command("import_opus", str(DATA / "opus_broken.xml"))

    assert str(error.value).startswith("opus_broken.xml blev afvist, og intet er skrevet:\n- opus_broken.xml: linje 12")
    assert register_counts() == before


def test_a_missing_file_is_a_command_error():
    with pytest.raises(CommandError, match="findes ikke"):
        run_command("import_opus", "/findes/ikke/ZLPE20250101_delta.xml")


def test_unknown_codes_make_the_command_fail_with_the_codes():
    with pytest.raises(CommandError) as error:
        run_command("import_opus", str(OPUS_DAY_1))

    assert "Lønkoden '61' (Fleksjob) er ikke knyttet" in str(error.value)
    assert not Employment.objects.exists()


def test_import_sd_reads_departments_and_employments(sd_codes):
    run_command("import_sd", str(DATA / "sd_afdelinger.csv"))

    output = run_command("import_sd", str(DATA / "sd_ansaettelser.csv"))

    assert "Ansættelser: 5 nye" in output
    assert Employment.objects.count() == 5


SD_ANSWERS = DATA / "sd_web"


def test_import_sd_joins_the_web_service_answers_given_together(sd_codes):
    names = ("GetOrganization20111201.xml", "GetDepartment20111201.xml", "GetPerson20111201.xml",
             "GetEmployment20111201.xml", "GetEmploymentChanged20111201.xml")  # fmt: skip

    output = run_command("import_sd", *(str(SD_ANSWERS / name) for name in names))

    assert "Enheder: 4 nye" in output
    assert "Ansættelser: 4 nye" in output  # 40005 is SD's fictional person, 40006 is deleted (S)
    assert Unit.objects.get(payroll_id="AEB").parent.payroll_id == "BU"
    employment = Employment.objects.get(payroll_number="40001")
    assert (employment.person.first_name, employment.end) == ("Åse", None)
    assert "SD's fiktive person (CPR-nummeret slutter på 0000) er sprunget over" in output
    run = ImportRun.objects.get()
    assert run.file_name.startswith("GetOrganization20111201.xml, GetDepartment20111201.xml, ")


def test_import_sd_refuses_employments_without_names_and_names_the_employment(sd_codes):
    with pytest.raises(CommandError) as error:
        run_command(
            "import_sd", str(SD_ANSWERS / "GetDepartment20111201.xml"), str(SD_ANSWERS / "GetEmployment20111201.xml")
        )

    assert "Personen med ansættelse 40001 har intet navn" in str(error.value)
    assert not Employment.objects.exists()


def test_import_spreadsheet_reads_a_csv_sheet(spreadsheet_codes):
    run_command("import_spreadsheet", str(DATA / "enheder.csv"))

    assert Unit.objects.filter(payroll_id="1200").exists()


class Replay:
    """Recorded OS2mo answers, given in order, instead of the network."""

    def __init__(self, *names):
        self.answers = [json.loads((RECORDED / name).read_text(encoding="utf-8")) for name in names]
        self.asked = []

    def __call__(self, body):
        self.asked.append(body)
        return self.answers.pop(0)


@pytest.fixture
def os2mo(monkeypatch, tmp_path):
    token = tmp_path / "token"
    token.write_text("hemmelig\n")
    made = {}

    def install(*names):
        replay = Replay(*names)

        def make_transport(url, secret):
            made.update(url=url, token=secret)
            return replay

        monkeypatch.setattr("rummelig.imports.management.commands.sync_os2mo.make_transport", make_transport)
        return replay

    install.token_file = str(token)
    install.made = made
    return install


def test_sync_os2mo_imports_units_from_recorded_answers(os2mo):
    replay = os2mo("org_units_side1.json", "org_units_side2.json")

    output = run_command("sync_os2mo", "--url", "https://mo.rummelby.invalid/graphql/v22", "--token-file", os2mo.token_file)

    assert os2mo.made == {"url": "https://mo.rummelby.invalid/graphql/v22", "token": "hemmelig"}
    assert len(replay.asked) == 2
    assert "Enheder: 3 nye" in output
    aeb = Unit.objects.get(payroll_id="2b4a1c5e-7d1f-4c7a-9a1e-000000000111")
    assert aeb.name == "Børnehuset Æblegården" and aeb.parent.name == "Rummelby Kommune"


def test_sync_os2mo_can_match_units_by_user_key_and_read_engagements(os2mo):
    for code, scheme in (("fleksjob", "fleksjob"), ("loentilskud", "loentilskud")):
        PayrollCodeMapping.objects.create(source=SourceKind.OS2MO, code=code, scheme=Scheme.objects.get(code=scheme))
    os2mo("org_units_side1.json", "org_units_side2.json", "engagements_side1.json")

    run_command("sync_os2mo", "--url", "https://mo.invalid/graphql", "--token-file", os2mo.token_file,
                "--engagements", "--key", "user_key")  # fmt: skip

    assert set(Unit.objects.values_list("payroll_id", flat=True)) == {"RK", "AEB", "OEV"}
    flex = Employment.objects.get(payroll_number="31815")
    assert flex.unit.payroll_id == "AEB" and flex.subsidised


def test_sync_os2mo_dry_run_writes_nothing(os2mo):
    os2mo("org_units_side1.json", "org_units_side2.json")

    output = run_command("sync_os2mo", "--url", "https://mo.invalid/graphql", "--token-file", os2mo.token_file, "--dry-run")

    assert "forhåndsvisning, intet er skrevet" in output
    assert not Unit.objects.exists()


def test_sync_os2mo_reports_an_error_from_os2mo_in_danish(os2mo):
    os2mo("fejl.json")

    with pytest.raises(CommandError, match="OS2mo svarede med en fejl: Cannot query field"):
        run_command("sync_os2mo", "--url", "https://mo.invalid/graphql", "--token-file", os2mo.token_file)


def test_sync_os2mo_needs_an_address_and_a_token(monkeypatch):
    monkeypatch.delenv("OS2MO_URL", raising=False)
    monkeypatch.delenv("OS2MO_TOKEN", raising=False)
    with pytest.raises(CommandError, match="OS2MO_URL"):
        run_command("sync_os2mo", "--url", "")
    with pytest.raises(CommandError, match="OS2MO_TOKEN"):
        run_command("sync_os2mo", "--url", "https://mo.invalid/graphql", "--token-file", "")


def test_the_real_transport_is_urllib_with_a_bearer_token(monkeypatch):
    from rummelig.imports.management.commands import sync_os2mo

    def unreachable(request, timeout):
        assert request.get_header("Authorization") == "Bearer hemmelig"
        raise OSError("forbindelsen blev afvist")

    monkeypatch.setattr("urllib.request.urlopen", unreachable)
    post = sync_os2mo.make_transport("https://mo.invalid/graphql", "hemmelig")
    with pytest.raises(ImportFileError, match="OS2mo kunne ikke nås"):
        post({"query": "{}"})
