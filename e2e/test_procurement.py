"""Issue 18 in a real browser: a procurement officer creates a services tender that needs a training clause, is
stopped from publishing without it, adds it, publishes, and later records a follow-up and a sanction."""

from rummelig.accounts.models import Role
from rummelig.procurement.models import Clause, ClauseKind, ClauseVersion, DocumentationRequest, Sanction, Tender
from rummelig.testing import make_user


def test_an_officer_is_stopped_without_the_training_clause_then_publishes_and_follows_up(world, page, log_in):
    officer = make_user("indkoeb", "Ida", "Lykke", Role.PROCUREMENT, world.kommune)
    for kind, title in [(ClauseKind.TRAINING, "Uddannelsesklausul, standard"), (ClauseKind.SOCIAL, "Social klausul, standard"),
                        (ClauseKind.LABOUR, "Arbejdsklausul ILO 94"), (ClauseKind.CHAIN, "Kædeansvar, standard")]:
        ClauseVersion.objects.create(clause=Clause.objects.create(kind=kind, title=title), number=1, text="Leverandøren skal …")
    log_in(officer)

    page.get_by_role("link", name="Indkøb", exact=True).click()
    page.get_by_role("link", name="Nyt udbud").click()
    page.get_by_label("Titel").fill("Rengøring af rådhuset")
    page.get_by_label("Kontrakttype").select_option(label="Tjenesteydelse")
    page.get_by_label("Anslået værdi (kr.)").fill("6000000")
    page.get_by_label("Varighed i måneder").fill("24")
    page.get_by_label("Leverandørens CVR-nummer").fill("29188386")
    page.get_by_role("button", name="Gem").click()
    page.wait_for_url("**/indkoeb/*/")
    assert page.get_by_text("Krævet efter udbudslovens § 176, stk. 2.").is_visible()

    for label in ("Social klausul (ansatte på særlige vilkår)", "Arbejdsklausul (ILO 94)", "Kædeansvar for underleverandører"):
        page.get_by_role("link", name=f"Registrér {label}").click()
        page.get_by_label("Klausulen kommer med").check()
        page.get_by_label("Anvendt klausultekst").select_option(index=1)
        page.get_by_role("button", name="Registrér overvejelsen").click()
        page.wait_for_url("**/indkoeb/*/")

    page.get_by_role("button", name="Offentliggør").click()
    page.wait_for_url("**/indkoeb/*/")
    assert page.get_by_text("Registrér overvejelsen af hver klausul først. Mangler: Uddannelsesklausul").first.is_visible()
    tender = Tender.objects.get(title="Rengøring af rådhuset")
    assert tender.status == Tender.Status.PLANNED

    page.get_by_role("link", name="Registrér Uddannelsesklausul (lærlinge, elever)").click()
    assert page.get_by_text("Krævet efter udbudslovens § 176, stk. 2").first.is_visible()
    page.get_by_label("Klausulen kommer med").check()
    page.get_by_label("Anvendt klausultekst").select_option(index=1)
    page.get_by_label("Mindste antal").fill("2")
    page.get_by_label("Opgjort i").select_option(label="stillinger")
    page.get_by_role("button", name="Registrér overvejelsen").click()
    page.wait_for_url("**/indkoeb/*/")
    page.get_by_role("button", name="Offentliggør").click()
    page.wait_for_url("**/indkoeb/*/")
    assert page.get_by_text("Udbuddet er offentliggjort.").is_visible()
    tender.refresh_from_db()
    assert tender.status == Tender.Status.PUBLISHED

    # Later: documentation is requested (deadline in working days) and a fine is recorded.
    page.get_by_role("link", name="Anmod om dokumentation").click()
    page.get_by_label("Dokumentation").select_option(label="Lønsedler")
    page.get_by_role("button", name="Gem").click()
    page.wait_for_url("**/indkoeb/*/")
    request = DocumentationRequest.objects.get(tender=tender)
    assert request.deadline > request.requested_on
    page.get_by_role("link", name="Lønsedler").click()
    page.get_by_label("Modtaget den").fill(request.requested_on.isoformat())
    page.get_by_label("Kontrolresultat").select_option(label="Afvigelse fundet")
    page.get_by_label("Hvad kontrollen viste").fill("To ansatte under overenskomstens løn")
    page.get_by_role("button", name="Gem").click()
    page.wait_for_url("**/indkoeb/*/")
    assert page.get_by_text("Afvigelse fundet: To ansatte under overenskomstens løn").is_visible()
    page.get_by_role("link", name="Registrér en sanktion").click()
    page.get_by_label("Sanktion").select_option(label="Bod")
    page.get_by_label("Beløb (kr.)").fill("25000")
    page.get_by_label("Begrundelse").fill("Løn under overenskomsten")
    page.get_by_role("button", name="Gem").click()
    page.wait_for_url("**/indkoeb/*/")
    assert page.get_by_role("cell", name="Løn under overenskomsten").is_visible()
    assert Sanction.objects.get(tender=tender).amount == 25000
