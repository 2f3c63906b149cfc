"""Malformed input gets a clear answer and changes nothing; it never makes a 500."""

from django.urls import reverse


def test_nul_in_the_login_username_is_refused_without_a_500(client, db):
    response = client.post(reverse("accounts:login"), {"username": "be\x00heer", "password": "x"})
    assert response.status_code == 400
    assert "NUL" in response.content.decode()


def test_nul_in_the_user_search_is_refused(client_for, beheerder):
    response = client_for(beheerder).get(reverse("accounts:user_list"), {"zoek": "a\x00b"})
    assert response.status_code == 400
