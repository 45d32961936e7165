"""Importing KMD OPUS dumps: the first full dump, the same dump again, and the next day's delta."""

from datetime import date
from decimal import Decimal

import pytest

from rummelig.audit.models import AuditEntry
from rummelig.imports.models import ImportedPlacementLink, ImportRun, SourceKind
from rummelig.imports.service import import_file
from rummelig.organisation.models import Unit
from rummelig.people.models import Employment, Person
from rummelig.placements.models import Placement

from .conftest import OPUS_DAY_1, OPUS_DAY_2, opus_xml, register_counts

pytestmark = pytest.mark.django_db

EMPLOYEE = """ <employee id="{id}" client="813">
  <entryDate>{entry}</entryDate><leaveDate>{leave}</leaveDate><cpr suppId="0">{cpr}</cpr>
  <firstName>{first}</firstName><lastName>{last}</lastName>
  <workContract>{code}</workContract><workContractText>{text}</workContractText>
  <position>Pædagog</position><isManager>false</isManager><orgUnit>{unit}</orgUnit>
  <numerator>37 </numerator><denominator>37 </denominator>
 </employee>
"""


def employee(id, unit="111", entry="2024-01-01", leave="", cpr="0101901234", first="Søren", last="Ærø-Østergård",
             code="08", text="Ansat"):  # fmt: skip
    return EMPLOYEE.format(**locals())


def opus(path):
    return import_file(SourceKind.OPUS, path).run


def test_the_first_dump_builds_the_unit_tree_with_parents_before_children(opus_codes):
    run = opus(OPUS_DAY_1)

    assert run.status == ImportRun.Status.DONE
    units = {unit.payroll_id: unit for unit in Unit.objects.all()}
    assert set(units) == {"100", "110", "111", "120", "121"}
    assert units["111"].parent == units["110"] and units["110"].parent == units["100"]
    assert units["111"].path == f"/{units['100'].pk}/{units['110'].pk}/{units['111'].pk}/"
    assert units["111"].depth == 2
    assert list(units["100"].subtree().order_by("payroll_id").values_list("payroll_id", flat=True)) == [
        "100", "110", "111", "120", "121",
    ]  # fmt: skip
    assert units["111"].name == "Børnehuset Æblegården"
    assert units["111"].p_number == "1012345678" and units["111"].cost_centre == "4711"
    assert units["111"].valid_from == date(2012, 8, 1) and units["111"].valid_to is None
    assert units["100"].kind == Unit.Kind.MUNICIPALITY
    assert units["110"].kind == Unit.Kind.AREA
    assert units["111"].kind == Unit.Kind.WORKPLACE


def test_people_are_keyed_by_cpr_and_employments_by_payroll_number(opus_codes):
    opus(OPUS_DAY_1)

    soeren = Person.objects.get(cpr="0101901234")
    assert soeren.full_name == "Søren Ærø-Østergård"
    assert soeren.birth_date == date(1990, 1, 1)
    assert sorted(soeren.employments.values_list("payroll_number", flat=True)) == ["5001", "5005"]
    paedagog = Employment.objects.get(payroll_number="5001")
    assert paedagog.unit.payroll_id == "111"
    assert paedagog.job_title == "Pædagog"
    assert paedagog.fte == Decimal("1") and paedagog.weekly_hours == Decimal("37")
    assert paedagog.start == date(2019, 8, 1) and paedagog.end is None
    assert paedagog.is_manager is True and paedagog.contract_code == "08"
    assert Employment.objects.get(payroll_number="5003").end == date(2025, 4, 30)
    assert Person.objects.count() == 3


def test_an_empty_entry_date_starts_the_employment_on_the_dump_date(opus_codes):
    opus(OPUS_DAY_1)

    assert Employment.objects.get(payroll_number="5005").start == date(2025, 1, 1)


def test_a_cancelled_employment_is_never_created(opus_codes):
    opus(OPUS_DAY_1)

    assert not Employment.objects.filter(payroll_number="5004").exists()
    assert not Person.objects.filter(cpr="0303034567").exists()


def test_codes_mapped_to_a_scheme_make_subsidised_employments_with_a_placement_from_payroll(opus_codes):
    opus(OPUS_DAY_1)

    flex = Employment.objects.get(payroll_number="5002")
    assert flex.subsidised is True
    placement = flex.payroll_placement_link.placement
    assert placement.scheme.code == "fleksjob"
    assert placement.person == flex.person and placement.workplace == flex.unit
    assert placement.start == date(2024, 3, 1) and placement.planned_end is None
    assert placement.hours_per_week == Decimal("15.00")
    loentilskud = Employment.objects.get(payroll_number="5003").payroll_placement_link.placement
    assert loentilskud.scheme.code == "loentilskud"
    assert loentilskud.planned_end == loentilskud.ends_on == date(2025, 4, 30)
    assert Employment.objects.get(payroll_number="5001").subsidised is False
    assert Placement.objects.count() == 2


def test_every_import_is_logged_once_with_file_name_hash_and_counts(opus_codes):
    run = opus(OPUS_DAY_1)

    assert run.file_name == "ZLPE20250101000000_delta.xml"
    assert len(run.sha256) == 64 and run.size == OPUS_DAY_1.stat().st_size
    assert (run.units_added, run.employments_added, run.people_added, run.placements_added) == (5, 4, 3, 2)
    entries = AuditEntry.objects.filter(action=AuditEntry.Action.IMPORT)
    assert entries.count() == 1
    entry = entries.get()
    assert entry.object_id == str(run.pk)
    assert "ZLPE20250101000000_delta.xml" in entry.detail and run.sha256 in entry.detail
    assert entry.changes["employments_added"] == [None, 4]
    # one entry for the import, not one per row; rights are the exception: the manager's login and
    # leder role from payroll are logged on their own, so a user's history shows where rights came from
    assert sorted(AuditEntry.objects.values_list("object_type", flat=True)) == ["importrun", "roleassignment", "user"]
    assert "0101901234" not in entry.detail


def test_a_dry_run_writes_nothing_but_shows_what_would_change(opus_codes):
    before = register_counts()

    run = import_file(SourceKind.OPUS, OPUS_DAY_1, dry_run=True).run

    assert register_counts() == before
    assert run.status == ImportRun.Status.PREVIEWED and run.dry_run
    assert (run.units_added, run.employments_added, run.placements_added) == (5, 4, 2)
    added = [change for change in run.changes if change["entity"] == "employment"]
    assert {change["key"] for change in added} == {"5001", "5002", "5003", "5005"}
    assert not AuditEntry.objects.exists()


def test_importing_the_same_file_again_is_recognised_and_changes_nothing(opus_codes):
    first = opus(OPUS_DAY_1)
    before = register_counts()

    again = opus(OPUS_DAY_1)

    assert again.status == ImportRun.Status.DONE
    assert again.same_as == first
    assert not again.changed_anything
    assert "blev indlæst" in again.notices[0]["message"]
    assert register_counts() == {**before, "done": before["done"] + 1}


def test_comparing_the_same_file_again_finds_every_record_unchanged(opus_codes):
    opus(OPUS_DAY_1)
    stamps = dict(Person.objects.values_list("pk", "updated_at"))
    placements = dict(Placement.objects.values_list("pk", "updated_at"))

    again = import_file(SourceKind.OPUS, OPUS_DAY_1, force=True).run

    assert again.same_as is None
    assert not again.changed_anything
    assert (again.units_unchanged, again.employments_unchanged) == (5, 4)
    assert dict(Person.objects.values_list("pk", "updated_at")) == stamps
    assert dict(Placement.objects.values_list("pk", "updated_at")) == placements


def test_the_next_dump_adds_updates_and_ends_and_keeps_history(opus_codes):
    opus(OPUS_DAY_1)

    run = opus(OPUS_DAY_2)

    assert run.status == ImportRun.Status.DONE
    assert (run.units_added, run.units_unchanged) == (1, 5)
    assert (run.employments_added, run.employments_updated, run.employments_ended) == (1, 1, 1)
    genbrug = Unit.objects.get(payroll_id="122")
    assert genbrug.parent.payroll_id == "120" and genbrug.valid_from == date(2025, 1, 2)
    # action="leave" ends the employment on the dump date
    assert Employment.objects.get(payroll_number="5005").end == date(2025, 1, 2)
    # a changed leaveDate moves the end, and the placement follows
    jorgen = Employment.objects.get(payroll_number="5003")
    assert jorgen.end == date(2025, 1, 31)
    assert jorgen.payroll_placement_link.placement.planned_end == date(2025, 1, 31)
    # a new seniorjob
    mette = Employment.objects.get(payroll_number="5006")
    assert mette.person.full_name == "Mette Frølund" and mette.unit == genbrug
    assert mette.payroll_placement_link.placement.scheme.code == "seniorjob"
    ended = next(change for change in run.changes if change["key"] == "5005")
    assert ended["action"] == "ended" and ended["fields"] == [["Slutdato", "", "02.01.2025"]]


def test_an_employee_missing_from_the_next_dump_has_not_left(opus_codes, copy_as, write_file):
    opus(OPUS_DAY_1)
    delta = write_file("ZLPE20250103000000_delta.xml", opus_xml(employee("5001", entry="2019-08-01")))

    run = opus(delta)

    assert run.status == ImportRun.Status.DONE
    assert Employment.objects.get(payroll_number="5002").end is None
    assert Employment.objects.filter(end__isnull=True).count() == 3


def test_a_later_empty_entry_date_keeps_the_start_already_known(opus_codes, write_file):
    opus(OPUS_DAY_1)  # 5005 known since 2025-01-01
    delta = write_file(
        "ZLPE20250110000000_delta.xml", opus_xml(employee("5005", unit="121", entry="", code="09", text="Timelønnet"))
    )

    run = opus(delta)

    assert Employment.objects.get(payroll_number="5005").start == date(2025, 1, 1)
    assert not any(name == "Startdato" for change in run.changes for name, *_ in change["fields"])


def test_a_repeated_leave_changes_nothing_and_unknown_ids_are_noted(opus_codes):
    opus(OPUS_DAY_1)
    opus(OPUS_DAY_2)

    again = import_file(SourceKind.OPUS, OPUS_DAY_2, force=True).run

    assert not again.changed_anything
    assert Employment.objects.get(payroll_number="5005").end == date(2025, 1, 2)
    assert any("Rummelig ikke kender" in notice["message"] for notice in again.notices)


def test_a_cancelled_employment_already_imported_is_removed_with_its_placement(opus_codes, write_file):
    opus(OPUS_DAY_1)
    flex = Employment.objects.get(payroll_number="5002")
    placement_pk = flex.payroll_placement_link.placement.pk
    delta = write_file(
        "ZLPE20250105000000_delta.xml",
        opus_xml(employee("5002", cpr="1502854321", first="Åse", last="Møller", code="61", text="Annulleret")),
    )

    run = opus(delta)

    assert run.status == ImportRun.Status.DONE
    assert (run.employments_removed, run.placements_removed) == (1, 1)
    assert not Employment.objects.filter(payroll_number="5002").exists()
    assert not Placement.objects.filter(pk=placement_pk).exists()
    assert Person.objects.filter(cpr="1502854321").exists()  # the person stays (history elsewhere)


def test_a_unit_with_an_end_date_is_ended_not_deleted(opus_codes, write_file):
    opus(OPUS_DAY_1)
    delta = write_file(
        "ZLPE20250201000000_delta.xml",
        opus_xml(
            '<orgUnit id="121" client="813"><startDate>2015-01-01</startDate><endDate>2025-01-31</endDate>'
            "<parentOrgUnit>120</parentOrgUnit><shortName>MATERIEL</shortName><longName>Materielgården Østervang</longName>"
            "<pNr>1023456789</pNr><costCenter>5210</costCenter></orgUnit>\n"
        ),
    )

    run = opus(delta)

    assert run.units_ended == 1
    assert Unit.objects.get(payroll_id="121").valid_to == date(2025, 1, 31)
    assert Unit.objects.count() == 5


def test_a_unit_moved_to_another_parent_takes_its_sub_units_along(opus_codes, write_file):
    opus(OPUS_DAY_1)
    delta = write_file(
        "ZLPE20250201000000_delta.xml",
        opus_xml(
            '<orgUnit id="110" client="813"><startDate>2007-01-01</startDate><endDate>9999-12-31</endDate>'
            "<parentOrgUnit>120</parentOrgUnit><longName>Børne- og Ungeforvaltningen</longName>"
            "<pNr>0000000000</pNr><costCenter>4700</costCenter></orgUnit>\n"
        ),
    )

    run = opus(delta)

    assert run.units_updated == 1
    units = {unit.payroll_id: unit for unit in Unit.objects.all()}
    assert units["110"].parent == units["120"]
    assert units["111"].path == f"/{units['100'].pk}/{units['120'].pk}/{units['110'].pk}/{units['111'].pk}/"
    assert units["111"].depth == 3
    change = next(change for change in run.changes if change["key"] == "110")
    assert change["fields"] == [["Overordnet enhed", "Rummelby Kommune", "Teknik og Miljø"]]


def test_units_and_people_already_in_rummelig_are_matched_not_duplicated(opus_codes, world, write_file):
    person = Person.objects.create(first_name="Søren", last_name="Ærø", cpr="0101901234")
    delta = write_file("ZLPE20250101000000_delta.xml", opus_xml(employee("7001", unit="W11", entry="2023-02-01")))

    run = opus(delta)

    assert run.status == ImportRun.Status.DONE
    employment = Employment.objects.get(payroll_number="7001")
    assert employment.unit == world.solsikken and employment.person == person
    person.refresh_from_db()
    assert person.last_name == "Ærø-Østergård"  # payroll's name wins
    assert (run.people_added, run.people_updated) == (0, 1)


def test_a_placement_registered_by_hand_is_linked_not_duplicated(world, opus_codes, write_file):
    from rummelig.testing import make_placement

    person = Person.objects.create(first_name="Åse", last_name="Møller", cpr="1502854321")
    placement = make_placement(world.solsikken, "fleksjob", person=person, start=date(2024, 3, 1))
    delta = write_file(
        "ZLPE20250101000000_delta.xml",
        opus_xml(employee("5002", unit="W11", entry="2024-03-01", cpr="1502854321", first="Åse", last="Møller",
                          code="61", text="Fleksjob")),  # fmt: skip
    )

    opus(delta)

    assert Placement.objects.count() == 1
    link = ImportedPlacementLink.objects.get()
    assert link.placement == placement and link.adopted


def test_the_preview_keeps_the_first_200_changes_and_counts_the_rest(opus_codes, write_file):
    body = "".join(employee(str(7000 + n), cpr=f"{1 + n % 28:02d}0{1 + n % 9}85{4000 + n:04d}") for n in range(250))
    path = write_file("ZLPE20250101000000_delta.xml", opus_xml(
        '<orgUnit id="111"><startDate>2012-08-01</startDate><longName>Børnehuset Æblegården</longName></orgUnit>\n' + body
    ))  # fmt: skip

    run = import_file(SourceKind.OPUS, path, dry_run=True).run

    assert len(run.changes) == 200
    assert run.changes_total == 251  # the unit and 250 employments
