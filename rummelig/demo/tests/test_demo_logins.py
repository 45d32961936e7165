"""`manage.py demo_logins`: the table `make run` prints so people know how to log in."""

from io import StringIO

from django.core.management import call_command

from rummelig.demo.data import DEMO_USERS


def logins(*args):
    out = StringIO()
    call_command("demo_logins", *args, stdout=out)
    return out.getvalue()


def test_it_prints_every_demo_user_with_role_unit_and_password(db):
    call_command("seed_demo", "--employees", "200", "--today", "2026-03-02", stdout=StringIO())
    out = logins()
    lines = out.splitlines()
    for demo_user in DEMO_USERS:
        row = next(line for line in lines if line.split()[:1] == [demo_user.username])
        assert " demo " in row
    assert "Brugernavn" in out and "Adgangskode" in out and "Rolle" in out and "Enhed" in out
    row = {line.split()[0]: line for line in lines if line.strip()}
    assert "HR-konsulent" in row["hr"] and "Hele kommunen" in row["hr"]
    assert "Leder" in row["leder-boern"] and "Center for Børn og Unge" in row["leder-boern"]
    assert "Tillidsrepræsentant" in row["tr-solsikken"] and "Solsikken Børnehus" in row["tr-solsikken"]
    assert "MED-udvalg" in row["med-hoved"] and "Rummelig Kommune" in row["med-hoved"]
    assert "Revisor" in row["revisor"]
    assert "(ingen rolle)" in row["ingen"]
    assert "http://127.0.0.1:8000/" in out


def test_it_shows_another_address_when_asked(db):
    call_command("seed_demo", "--employees", "200", "--today", "2026-03-02", stdout=StringIO())
    assert "http://127.0.0.1:8080/" in logins("--url", "http://127.0.0.1:8080/")


def test_without_demo_data_it_says_how_to_load_it(db):
    assert "python manage.py seed_demo" in logins()
