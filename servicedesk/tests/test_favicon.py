"""Browsers ask for /favicon.ico on every page, the admin's too: it leads to the library's icon,
and the admin's pages link the icon as the app's do."""

from pathlib import Path

from django.contrib.staticfiles import finders
from django.templatetags.static import static


def test_favicon_ico_leads_to_the_icon_without_sign_in(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == 302 and response["Location"] == static("favicon.svg")
    # A real file among the static files (WhiteNoise serves them; the tests do not run collectstatic).
    assert Path(finders.find("favicon.svg")).read_text().lstrip().startswith("<svg")


def test_a_head_request_is_answered_as_a_get(client, db):
    assert client.head("/favicon.ico").status_code == 302


def test_the_admins_pages_link_the_icon(itadmin_client):
    html = itadmin_client.get("/admin/").content.decode()
    assert f'<link rel="icon" href="{static("favicon.svg")}" type="image/svg+xml">' in html
