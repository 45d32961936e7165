"""Pages are Danish whatever the browser asks for, and English when the user chooses it."""


def test_an_english_browser_still_gets_danish_pages(client, db):
    response = client.get("/log-ind/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert "Adgangskode" in response.content.decode()


def test_choosing_english_in_the_switcher_gives_english_pages(client, db):
    client.post("/i18n/setlang/", {"language": "en", "next": "/log-ind/"})
    response = client.get("/log-ind/")
    assert "Password" in response.content.decode()
    assert 'lang="en"' in response.content.decode()
