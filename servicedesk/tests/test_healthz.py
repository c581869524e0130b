from unittest import mock

from django.db import OperationalError


def test_healthz_answers_200_without_sign_in(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"


def test_healthz_answers_503_when_the_database_does_not(client, db):
    with mock.patch("servicedesk.views.connection.cursor", side_effect=OperationalError("down")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert b"down" not in response.content


def test_healthz_is_not_cached_and_only_answers_get(client, db):
    assert "no-cache" in client.get("/healthz")["Cache-Control"]
    assert client.post("/healthz").status_code == 405


def test_healthz_needs_no_session_or_user_look_up(desk_client, django_assert_num_queries):
    """A signed-in browser's cookie is not read: the probe's one query is `SELECT 1`."""
    with django_assert_num_queries(1) as captured:
        response = desk_client.get("/healthz")
    assert response.status_code == 200
    assert captured.captured_queries[0]["sql"] == "SELECT 1"
