"""An oversized request body is refused from its Content-Length, before anything reads it."""

from django.test import override_settings
from django.urls import reverse

from baken.signalling.models import Signal


@override_settings(BAKEN_MAX_REQUEST_MB=1, BAKEN_MAX_REQUEST_BYTES=1024 * 1024)
def test_oversized_body_is_refused_before_it_is_read(client_for, reporter, intake_data, monkeypatch):
    from django.http import HttpRequest

    def never(*args, **kwargs):
        raise AssertionError("the body was read")

    monkeypatch.setattr(HttpRequest, "read", never)
    monkeypatch.setattr(HttpRequest, "_load_post_and_files", never)
    response = client_for(reporter).generic(
        "POST",
        reverse("signalling:intake"),
        data=b"x",
        content_type="multipart/form-data; boundary=abc",
        CONTENT_LENGTH=str(2 * 1024 * 1024),
    )
    assert response.status_code == 413
    assert "niet ontvangen" in response.content.decode()
    assert not Signal.objects.exists()


def test_a_request_within_the_limit_passes(client_for, reporter):
    assert client_for(reporter).get(reverse("signalling:intake")).status_code == 200


@override_settings(BAKEN_MAX_QUERY_BYTES=1024)
def test_an_overlong_query_string_is_refused_before_it_is_parsed(client_for, reporter, monkeypatch):
    from django.http import QueryDict

    def never(*args, **kwargs):
        raise AssertionError("the query string was parsed")

    client = client_for(reporter)
    monkeypatch.setattr(QueryDict, "__init__", never)
    response = client.get(reverse("signalling:mine"), QUERY_STRING="q=" + "x" * 1100)
    assert response.status_code == 414
    assert "niet verwerkt" in response.content.decode()
    monkeypatch.undo()
    assert client.get(reverse("signalling:mine"), {"q": "x" * 1000}).status_code == 200
