from django.urls import reverse

LOGIN = reverse("login")


def test_signing_in_goes_to_the_start_page(client, desk):
    response = client.post(LOGIN, {"username": "desk", "password": "demo"})
    assert response.status_code == 302 and response["Location"] == reverse("home")


def test_a_wrong_password_says_so_and_keeps_the_username(client, desk):
    html = client.post(LOGIN, {"username": "desk", "password": "wrong"}).content.decode()
    assert "Please enter a correct username and password" in html
    assert 'value="desk"' in html


def test_every_page_but_sign_in_needs_sign_in(client, db):
    assert client.get(LOGIN).status_code == 200
    for path in ["/", "/desk/", "/patrons/", "/patrons/new/", "/interactions/1/"]:
        response = client.get(path)
        assert response.status_code == 302 and response["Location"].startswith(LOGIN), path


def test_signing_out_ends_the_session_and_needs_a_post(desk_client):
    assert desk_client.get(reverse("logout")).status_code == 405
    assert desk_client.post(reverse("logout")).status_code == 302
    assert desk_client.get("/desk/")["Location"].startswith(LOGIN)
