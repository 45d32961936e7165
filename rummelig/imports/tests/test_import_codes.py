"""Payroll codes: an unknown code stops the import and is listed for HR to map; a mapped code decides
whether the employment is ordinary or subsidised with a placement."""

import pytest

from rummelig.imports.models import ImportRun, PayrollCodeMapping, SourceKind
from rummelig.imports.service import import_file
from rummelig.people.models import Employment
from rummelig.placements.models import Placement
from rummelig.schemes.models import Scheme

from .conftest import OPUS_DAY_1, register_counts

pytestmark = pytest.mark.django_db


def map_code(code, scheme_code=None, source=SourceKind.OPUS):
    scheme = Scheme.objects.get(code=scheme_code) if scheme_code else None
    PayrollCodeMapping.objects.update_or_create(source=source, code=code, defaults={"scheme": scheme})


def test_unknown_codes_are_listed_for_hr_and_nothing_is_written():
    map_code("08")
    before = register_counts()

    run = import_file(SourceKind.OPUS, OPUS_DAY_1).run

    assert run.status == ImportRun.Status.FAILED
    assert register_counts() == before
    assert [(code["code"], code["text"], code["count"]) for code in run.unknown_codes] == [
        ("61", "Fleksjob", 1), ("71", "Løntilskud", 1), ("09", "Timelønnet", 1),
    ]  # fmt: skip
    assert run.problems[0] == {
        "file": "ZLPE20250101000000_delta.xml",
        "location": '<employee id="5002"> linje 107',
        "message": "Lønkoden '61' (Fleksjob) er ikke knyttet til almindelig ansættelse eller en ordning "
        "(1 ansættelse i filen). Knyt den til på siden Lønkoder (linket nedenfor), og indlæs filen igen.",
    }


def test_a_code_is_never_guessed_from_its_text():
    map_code("08")
    map_code("09")
    map_code("71", "loentilskud")

    run = import_file(SourceKind.OPUS, OPUS_DAY_1).run

    assert run.status == ImportRun.Status.FAILED  # "61 Fleksjob" is not taken to mean the fleksjob scheme
    assert [code["code"] for code in run.unknown_codes] == ["61"]


def test_the_cancelled_employments_code_need_not_be_mapped(opus_codes):
    PayrollCodeMapping.objects.filter(code="08").delete()
    map_code("08")  # 5004 (Annulleret) has code 08 too; delete it and the file still imports

    assert import_file(SourceKind.OPUS, OPUS_DAY_1).run.status == ImportRun.Status.DONE


def test_after_mapping_the_codes_the_same_file_imports():
    map_code("08")
    import_file(SourceKind.OPUS, OPUS_DAY_1)
    map_code("09")
    map_code("61", "fleksjob")
    map_code("71", "loentilskud")

    run = import_file(SourceKind.OPUS, OPUS_DAY_1).run

    assert run.status == ImportRun.Status.DONE
    assert Placement.objects.filter(scheme__code="fleksjob").count() == 1


def test_a_code_mapped_to_ordinary_employment_makes_no_placement(opus_codes):
    map_code("61")  # HR decides code 61 is ordinary here

    import_file(SourceKind.OPUS, OPUS_DAY_1)

    employment = Employment.objects.get(payroll_number="5002")
    assert employment.subsidised is False
    assert not Placement.objects.filter(person=employment.person).exists()


def test_a_code_mapped_to_another_scheme_moves_the_placement_from_payroll(opus_codes):
    import_file(SourceKind.OPUS, OPUS_DAY_1)
    map_code("61", "skaanejob")

    run = import_file(SourceKind.OPUS, OPUS_DAY_1, force=True).run

    placement = Employment.objects.get(payroll_number="5002").payroll_placement_link.placement
    assert placement.scheme.code == "skaanejob"
    assert run.placements_updated == 1
    assert Placement.objects.count() == 2


def test_the_import_page_links_the_payroll_codes_page_instead_of_a_raw_path(world, login):
    from django.urls import reverse

    run = import_file(SourceKind.OPUS, OPUS_DAY_1).run
    html = login(world.hr).get(reverse("imports:detail", args=[run.pk])).content.decode()
    assert f'<a href="{reverse("imports:codes")}"' in html
    assert f'({reverse("imports:codes")})' not in html and "Lønkoder (linket nedenfor)" in html
