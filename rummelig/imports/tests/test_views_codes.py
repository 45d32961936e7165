"""HR maps payroll codes on a page that lists the codes imports stopped at."""

import pytest
from django.urls import reverse

from rummelig.audit.models import AuditEntry
from rummelig.imports.models import PayrollCodeMapping, SourceKind
from rummelig.imports.service import import_file
from rummelig.schemes.models import Scheme

from .conftest import OPUS_DAY_1

pytestmark = pytest.mark.django_db


def test_codes_an_import_stopped_at_are_listed_to_be_mapped(world, login):
    import_file(SourceKind.OPUS, OPUS_DAY_1)

    content = login(world.hr).get(reverse("imports:codes")).content.decode()

    assert "Koder, der venter på at blive knyttet" in content
    for code, text in (("61", "Fleksjob"), ("71", "Løntilskud"), ("08", "Ansat")):
        assert f'id="opus-{code}"' in content and text in content


def test_hr_maps_a_code_to_a_scheme_and_it_is_audited(world, login):
    import_file(SourceKind.OPUS, OPUS_DAY_1)
    fleksjob = Scheme.objects.get(code="fleksjob")

    response = login(world.hr).post(
        reverse("imports:codes"), {"source": "opus", "code": "61", "text": "Fleksjob", "target": str(fleksjob.pk)}, follow=True
    )

    mapping = PayrollCodeMapping.objects.get(source="opus", code="61")
    assert mapping.scheme == fleksjob and mapping.text == "Fleksjob" and mapping.updated_by == world.hr
    content = response.content.decode()
    assert "Koden 61 fra KMD OPUS betyder nu: Fleksjob." in content
    assert 'id="opus-61"' in content
    assert AuditEntry.objects.filter(action=AuditEntry.Action.CREATE, object_type="payrollcodemapping").exists()


def test_hr_changes_a_mapping_to_ordinary_employment(world, login):
    mapping = PayrollCodeMapping.objects.create(source="sd", code="5190", scheme=Scheme.objects.get(code="fleksjob"))

    login(world.hr).post(reverse("imports:codes"), {"source": "sd", "code": "5190", "target": "ordinary"})

    mapping.refresh_from_db()
    assert mapping.scheme is None
    entry = AuditEntry.objects.get(action=AuditEntry.Action.UPDATE)
    fleksjob = Scheme.objects.get(code="fleksjob")
    assert entry.changes["scheme"] == [f"Fleksjob (#{fleksjob.pk})", None]


def test_a_mapping_needs_a_meaning(world, login):
    response = login(world.hr).post(reverse("imports:codes"), {"source": "opus", "code": "61", "target": ""})

    assert response.status_code == 400
    assert "Vælg almindelig ansættelse eller en ordning." in response.content.decode()
    assert not PayrollCodeMapping.objects.exists()


def test_mapped_codes_leave_the_waiting_list(world, login):
    import_file(SourceKind.OPUS, OPUS_DAY_1)
    for code in ("08", "09", "61", "71"):
        PayrollCodeMapping.objects.create(source="opus", code=code)

    content = login(world.hr).get(reverse("imports:codes")).content.decode()

    assert "Koder, der venter på at blive knyttet" not in content
