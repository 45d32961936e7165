"""Uploading a file shows what it would change (nothing written); bad files show the problems; a too
large upload is refused by its size before its body is read."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from rummelig.imports.models import ImportRun, SourceKind
from rummelig.people.models import Employment

from .conftest import DATA, OPUS_DAY_1, register_counts

pytestmark = pytest.mark.django_db


def upload(client, path, source=SourceKind.OPUS, name=None, **extra):
    data = path.read_bytes() if hasattr(path, "read_bytes") else path
    file = SimpleUploadedFile(name or path.name, data)
    return client.post(reverse("imports:upload"), {"source": source, "file": file}, **extra)


def test_the_upload_page_offers_the_three_formats(world, login):
    content = login(world.hr).get(reverse("imports:upload")).content.decode()

    assert "KMD OPUS" in content and "SD Løn" in content and "Regneark" in content
    assert 'enctype="multipart/form-data"' in content


def test_an_upload_shows_the_preview_and_writes_nothing(world, login, opus_codes, imports_dir):
    client = login(world.hr)
    before = register_counts()

    response = upload(client, OPUS_DAY_1)

    run = ImportRun.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("imports:detail", args=[run.pk])
    assert register_counts() == before
    assert run.status == ImportRun.Status.PREVIEWED and run.user == world.hr and run.may_run
    page = client.get(response["Location"]).content.decode()
    assert "Forhåndsvisning af indlæsningen" in page
    assert "Intet er skrevet endnu" in page
    assert "Åse Møller" in page and "Børnehuset Æblegården" in page
    assert "Kør import" in page
    assert "som ikke er vist" not in page  # every change of the small file is listed
    assert len(list(imports_dir.iterdir())) == 1  # the file waits for the run


def test_a_bad_file_shows_its_problems_and_cannot_be_run(world, login, opus_codes, imports_dir):
    client = login(world.hr)

    response = upload(client, DATA / "opus_broken.xml")

    run = ImportRun.objects.get()
    assert run.status == ImportRun.Status.FAILED and not run.may_run
    page = client.get(response["Location"]).content.decode()
    assert "Filen blev afvist, og intet er skrevet." in page
    assert "linje 12, kolonne 37" in page and "et start- og et slutmærke passer ikke sammen" in page
    assert "Kør import" not in page
    assert list(imports_dir.iterdir()) == []  # nothing kept


def test_unknown_codes_link_to_the_code_page(world, login):
    client = login(world.hr)

    response = upload(client, OPUS_DAY_1)

    page = client.get(response["Location"]).content.decode()
    assert "Lønkoden &#x27;61&#x27; (Fleksjob) er ikke knyttet" in page
    assert f'href="{reverse("imports:codes")}"' in page


def test_an_empty_file_is_refused_with_its_name(world, login, opus_codes):
    client = login(world.hr)

    response = upload(client, b"", name="ZLPE20250101000000_delta.xml")

    page = client.get(response["Location"]).content.decode()
    assert "ZLPE20250101000000_delta.xml</strong>: Filen er tom." in page


def test_a_2_gb_upload_is_refused_by_its_announced_size_before_reading(world, login, monkeypatch):
    client = login(world.hr)

    def never(*args, **kwargs):
        raise AssertionError("the upload was read")

    monkeypatch.setattr("django.http.request.HttpRequest._load_post_and_files", never)

    response = upload(client, OPUS_DAY_1, CONTENT_LENGTH=str(2 * 1024**3))

    assert response.status_code == 413
    assert "Filen fylder 2,0 GB; den største fil, der kan indlæses, er 500 MB." in response.content.decode()
    assert not ImportRun.objects.exists()


def test_an_upload_larger_than_the_limit_is_cut_off_while_streaming(world, login, settings, imports_dir):
    settings.IMPORTS_MAX_FILE_BYTES = 2000
    client = login(world.hr)

    response = upload(client, OPUS_DAY_1)

    assert response.status_code == 413
    assert "den største fil, der kan indlæses, er 2 kB" in response.content.decode()
    assert not ImportRun.objects.exists()


def test_the_format_must_be_chosen(world, login):
    response = login(world.hr).post(
        reverse("imports:upload"), {"file": SimpleUploadedFile("x.xml", b"<kmd/>")}
    )

    assert response.status_code == 200
    assert "Vælg formatet på filen." in response.content.decode()
    assert not ImportRun.objects.exists()


def test_the_same_file_again_says_so(world, login, opus_codes, django_capture_on_commit_callbacks):
    client = login(world.hr)
    upload(client, OPUS_DAY_1)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("imports:run", args=[ImportRun.objects.get().pk]))

    response = upload(client, OPUS_DAY_1)

    page = client.get(response["Location"]).content.decode()
    assert "Den samme fil (samme indhold) blev indlæst" in page
    assert "Kør import" not in page


def test_the_upload_is_protected_against_cross_site_requests(world, opus_codes):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(world.hr)

    response = upload(client, OPUS_DAY_1)

    assert response.status_code == 403
    assert not ImportRun.objects.exists()


def _with_doctype(tmp_path, part):
    """Return the template workbook with a DOCTYPE (an external entity) put into one of its XML parts."""
    import zipfile

    from rummelig.imports.parsers import write_template

    template, hostile = tmp_path / "skabelon.xlsx", tmp_path / "medarbejdere.xlsx"
    write_template(template)
    doctype = b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
    with zipfile.ZipFile(template) as source, zipfile.ZipFile(hostile, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == part:
                data = data.replace(b"?>", b"?>" + doctype, 1) if data.startswith(b"<?xml") else doctype + data
            target.writestr(info, data)
    return hostile


@pytest.mark.parametrize("part", ["xl/worksheets/sheet1.xml", "xl/workbook.xml"])
def test_a_spreadsheet_with_a_doctype_is_refused_in_danish_without_a_server_path(world, login, imports_dir, tmp_path, part):
    client = login(world.hr)

    response = upload(client, _with_doctype(tmp_path, part), source=SourceKind.SPREADSHEET)

    page = client.get(response["Location"]).content.decode()
    assert f"Regnearket indeholder en DOCTYPE-erklæring (i delen {part}) og afvises af sikkerhedshensyn" in page
    assert "Unable to read" not in page and "invalid XML" not in page
    assert str(imports_dir) not in page and "/tmp" not in page and str(tmp_path) not in page
    assert ImportRun.objects.get().status == ImportRun.Status.FAILED


SD_ANSWERS = DATA / "sd_web"
SD_FILES = ("GetOrganization20111201.xml", "GetDepartment20111201.xml", "GetPerson20111201.xml",
            "GetEmployment20111201.xml", "GetEmploymentChanged20111201.xml")  # fmt: skip


def test_several_sd_answers_are_uploaded_together(
    world, login, sd_codes, imports_dir, django_capture_on_commit_callbacks
):
    client = login(world.hr)
    files = [SimpleUploadedFile(name, (SD_ANSWERS / name).read_bytes()) for name in SD_FILES]

    response = client.post(reverse("imports:upload"), {"source": SourceKind.SD, "file": files})

    run = ImportRun.objects.get()
    assert response.status_code == 302
    assert run.status == ImportRun.Status.PREVIEWED and run.may_run, run.problems
    assert run.file_name.startswith("GetOrganization20111201.xml, GetDepartment20111201.xml")
    page = client.get(response["Location"]).content.decode()
    assert "Åse Møller" in page and "Børnehuset Æblegården" in page
    assert len(list(imports_dir.iterdir())) == 1  # kept as one bundle until the run

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("imports:run", args=[run.pk]))

    run.refresh_from_db()
    assert run.status == ImportRun.Status.DONE, run.problems or run.error
    assert Employment.objects.get(payroll_number="40003").start == date(2024, 3, 1)  # re-hired, not since 2020
    assert list(imports_dir.iterdir()) == []


def test_several_files_are_refused_for_a_format_that_takes_one(world, login, opus_codes):
    files = [SimpleUploadedFile("a.xml", b"<kmd/>"), SimpleUploadedFile("b.xml", b"<kmd/>")]

    response = login(world.hr).post(reverse("imports:upload"), {"source": SourceKind.OPUS, "file": files})

    assert "Kun SD Løn kan indlæse flere filer på én gang; vælg én fil." in response.content.decode()
    assert not ImportRun.objects.exists()
