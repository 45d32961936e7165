"""The TR's statement form and its PDF tell nothing about the person's target group (issue 9).

The merbeskæftigelse rule does not apply to persons with reduced work capacity; a form that asked
about it only for the others would tell the TR the target group, which is health information.
For every target group, the form the TR fills in, the statement they sign and the PDF kept for
the case file are the same, apart from the placement's own non-health facts (here only its id).
"""

import io
import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from pypdf import PdfReader

from rummelig.alerts.models import Statement
from rummelig.schemes.models import REDUCED_WORK_CAPACITY_TARGET_GROUPS, TargetGroup
from rummelig.testing import make_person, make_placement

from .conftest import hire, sign


def normalised(html, placement):
    """The page's main content with the CSRF token, the placement's id and the clock time of signing taken out."""
    html = html[html.index("<main"):html.index("</main>")]
    html = re.sub(r"\b\d{1,2}:\d{2}\b", "HH:MM", html)
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', 'name="csrfmiddlewaretoken" value="CSRF"', html)
    # Only in addresses: a date such as 1/1/2024 in the legal basis holds the same digits.
    return re.sub(rf'(href|action|hx-[a-z]+)="([^"]*)/{placement.pk}/', r'\1="\2/PK/', html)


def pdf_text(response):
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    # The footer says when and by whom it was printed; it is about the printing, not the statement.
    text = re.sub(r"Udskrevet fra Rummelig.*", "", text, flags=re.DOTALL)
    return re.sub(r"\b\d{1,2}:\d{2}\b", "HH:MM", text)


@pytest.mark.django_db
@pytest.mark.parametrize("scheme", ["loentilskud", "virksomhedspraktik"])
def test_form_statement_and_pdf_are_the_same_for_every_target_group(world, login, today, scheme):
    hire(world.solsikken, 12)
    forms, statements, pdfs = {}, {}, {}  # forms: the form to fill in, then the signed statement's page
    for group in TargetGroup.values:
        # One placement at a time, removed afterwards, so every form sees the same workplace figures.
        placement = make_placement(
            world.solsikken, scheme, person=make_person("Ådne", "Ørsted"), start=today + timedelta(days=14),
            planned_end=today + timedelta(days=14 + 27), target_group=group, hours_per_week=Decimal("30"),
            purpose="Afprøve arbejdet som pædagogmedhjælper.",
        )
        client = login(world.tr_a)
        form = client.get(reverse("alerts:statement", args=[placement.pk]))
        assert form.status_code == 200
        forms[group] = normalised(form.content.decode(), placement)
        # The same answers are accepted whatever the group: net expansion "Yes" where the scheme has the rule.
        answer = "ja" if scheme == "loentilskud" else "ikke_relevant"
        assert sign(client, placement, merbeskaeftigelse_ok=answer).status_code == 302, group
        signed_page = client.get(reverse("alerts:statement", args=[placement.pk]))
        forms[group] += normalised(signed_page.content.decode(), placement)
        given = Statement.objects.get(placement=placement)
        statements[group] = (given.ratio_ok, given.merbeskaeftigelse_ok, given.colleagues_positive, given.comment, given.figures)
        pdfs[group] = pdf_text(client.get(reverse("alerts:statement_pdf", args=[placement.pk])))
        placement.delete()

    reference = TargetGroup.DAGPENGE
    for group in TargetGroup.values:
        assert forms[group] == forms[reference], f"the form differs for {group}"
        assert statements[group] == statements[reference], f"the signed statement differs for {group}"
        assert pdfs[group] == pdfs[reference], f"the PDF differs for {group}"
    if scheme == "loentilskud":
        # The question and its figures are there for everyone, the persons with reduced work capacity included.
        for group in REDUCED_WORK_CAPACITY_TARGET_GROUPS:
            assert "Er ansættelsen en nettoudvidelse af personalet (merbeskæftigelse)?" in forms[group]
            assert "Nettoudvidelse (merbeskæftigelse)" in forms[group]
            assert statements[group][4]["merbeskaeftigelse"] is not None


@pytest.mark.django_db
def test_hr_still_sees_that_the_rule_does_not_apply_to_reduced_work_capacity(world, login, today):
    """HR's record of whether the rule applies stays with HR: the placement form's check for HR."""
    from rummelig.alerts.ratios import merbeskaeftigelse_applies

    placement = make_placement(world.solsikken, "loentilskud", start=today + timedelta(days=14), target_group="ledighedsydelse")
    assert merbeskaeftigelse_applies(placement.scheme_version, placement.target_group) is False
    placement.target_group = "dagpenge"
    assert merbeskaeftigelse_applies(placement.scheme_version, placement.target_group) is True
