"""The product speaks of the municipality that uses it: a scheme's rules cite the law, not another municipality."""

import re

import pytest
from django.urls import reverse

from rummelig.schemes.models import SchemeVersion
from rummelig.testing import make_placement

MUNICIPAL_SITES = re.compile(r"(aarhus|kk|sonderborgkommune|ballerup)\.dk", re.IGNORECASE)


@pytest.mark.django_db
def test_no_scheme_cites_a_municipality_website():
    assert [v.source for v in SchemeVersion.objects.all() if MUNICIPAL_SITES.search(v.source)] == []


@pytest.mark.django_db
def test_the_loentilskud_page_cites_the_law(world, login):
    placement = make_placement(world.skovbrynet, "loentilskud")
    html = login(world.hr).get(reverse("placements:detail", args=[placement.pk])).content.decode()
    assert "aarhus.dk" not in html
    assert "lov-om-en-aktiv-beskaeftigelsesindsats/kapitel/12" in html and "LAB §§ 66-69" in html
