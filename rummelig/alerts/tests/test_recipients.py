"""Who gets a placement's reminders: the nearest leder up the tree, else HR; the TRs of the workplace."""

import pytest

from rummelig.accounts.models import Role, RoleAssignment
from rummelig.alerts.recipients import Recipients
from rummelig.organisation.models import Unit
from rummelig.testing import make_user


@pytest.mark.django_db
class TestRecipients:
    def test_the_leder_of_the_centre_is_responsible_for_its_workplaces(self, world):
        assert Recipients().managers_for(world.solsikken) == [world.leder_a]
        assert Recipients().managers_for(world.aabjerg) == [world.leder_b]

    def test_the_nearest_leder_wins(self, world):
        head = make_user("leder_sol", "Sol", "Ravn", Role.LEDER, world.solsikken)
        assert Recipients().managers_for(world.solsikken) == [head]
        assert Recipients().managers_for(world.skovbrynet) == [world.leder_a]

    def test_hr_is_responsible_where_there_is_no_leder(self, world):
        RoleAssignment.objects.filter(user=world.leder_b).delete()
        assert Recipients().managers_for(world.aabjerg) == [world.hr]

    def test_the_tr_of_the_workplace_and_of_units_above_it(self, world):
        centre_tr = make_user("tr_centre", "Cille", "Dæhn", Role.TR, world.centre_a)
        assert Recipients().representatives_for(world.solsikken) == [world.tr_a, centre_tr]
        assert Recipients().representatives_for(world.skovbrynet) == [centre_tr]
        assert Recipients().representatives_for(world.aabjerg) == []

    def test_inactive_users_are_left_out(self, world):
        world.leder_a.is_active = False
        world.leder_a.save()
        assert Recipients().managers_for(world.solsikken) == [world.hr]

    def test_a_new_workplace_deep_in_the_tree(self, world):
        room = Unit.objects.create(name="Solsikken, Myretuen", parent=world.solsikken, valid_from=world.solsikken.valid_from)
        assert Recipients().managers_for(room) == [world.leder_a]
        assert Recipients().representatives_for(room) == [world.tr_a]
