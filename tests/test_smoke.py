"""Every demo account can open its start page and every page its navigation offers."""

import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse

from baken.accounts.models import User
from baken.demo.catalogue import demo_usernames
from baken.home.navigation import navigation_for

pytestmark = pytest.mark.embedded_db


@pytest.fixture(scope="module")
def demo_world(django_db_setup, django_db_blocker):
    """The demo data, loaded once for the module (it takes ~20 s) inside a transaction that is
    rolled back afterwards; each test runs in a savepoint inside it, as TestCase does."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer._from_testcase = True  # the services' durable blocks may nest in it, as in a TestCase
        outer.__enter__()
        call_command("load_demo_data", stdout=io.StringIO())
    yield
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


@pytest.mark.parametrize("username", demo_usernames())
def test_every_navigation_destination_opens(demo_world, db, client_for, username):
    user = User.objects.get(username=username)
    client = client_for(user)
    home = client.get(reverse("home:index"))
    assert home.status_code == 200
    for item in navigation_for(user, "/"):
        # A menu entry may lead on to the right page for the role ("Cijfers").
        assert client.get(item["url"], follow=True).status_code == 200, item["url"]
