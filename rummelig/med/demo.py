"""MED committees for the demo municipality: the Hovedudvalg, a centre committee and a local one, with seats and a meeting."""

from datetime import date

from .models import AgendaItem, Committee, Meeting, Membership
from .roles import sync_roles
from .wheel import build_agenda


def build_med(builder, users):
    """Create the demo's committees with seats for the demo logins, and one held meeting of the Hovedudvalg."""
    today = builder.today
    term = (date(today.year - 1, 1, 1), date(today.year + 2, 12, 31))
    solsikken = next(s.unit for s in builder.sites if s.unit.name == "Solsikken Børnehus")
    hoved = Committee.objects.create(name="Hovedudvalget", kind=Committee.Kind.HOVEDUDVALG)
    hoved.units.add(builder.kommune)
    boern = Committee.objects.create(name="Center-MED Børn og Unge", kind=Committee.Kind.AREA, parent=hoved)
    boern.units.add(builder.centres["boern"])
    lokal = Committee.objects.create(name="LokalMED Solsikken Børnehus", kind=Committee.Kind.LOCAL, parent=boern)
    lokal.units.add(solsikken)
    seats = [
        (hoved, "hr", Membership.Seat.CHAIR, ""), (hoved, "med-hoved", Membership.Seat.VICE_CHAIR, "FOA"),
        (boern, "leder-boern", Membership.Seat.CHAIR, ""), (boern, "med-boern", Membership.Seat.VICE_CHAIR, "BUPL"),
        (lokal, "leder-boern", Membership.Seat.CHAIR, ""), (lokal, "amr-solsikken", Membership.Seat.AMR, "BUPL"),
    ]
    for committee, username, seat, union in seats:
        Membership.objects.create(committee=committee, user=users[username], seat=seat, union=union,
                                  term_from=term[0], term_until=term[1])
    for username in {username for _c, username, _s, _u in seats}:
        sync_roles(users[username])
    meeting = Meeting.objects.create(committee=hoved, date=date(today.year, 3, 12) if today.month > 3 else date(today.year - 1, 3, 12),
                                     created_by=users["hr"])
    build_agenda(meeting)
    meeting.items.filter(title="Opfølgning på det sociale ansvar").update(
        record="Hovedudvalget drøftede årsrapporten og målene for næste år. Princip: nye ansættelser på særlige vilkår "
               "spredes over flere arbejdspladser, så de faste kolleger ikke belastes ensidigt.",
        attachment=AgendaItem.Attachment.ANNUAL_REPORT)
    return [hoved, boern, lokal]
