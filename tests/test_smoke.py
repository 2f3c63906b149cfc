"""Every demo account can open its start page and every page its navigation offers."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from baken.accounts.models import User
from baken.demo.catalogue import demo_usernames
from baken.home.navigation import navigation_for


@pytest.fixture
def demo_world(db):
    call_command("load_demo_data", stdout=io.StringIO())


@pytest.mark.parametrize("username", demo_usernames())
def test_every_navigation_destination_opens(demo_world, client_for, username):
    user = User.objects.get(username=username)
    client = client_for(user)
    home = client.get(reverse("home:index"))
    assert home.status_code == 200
    for item in navigation_for(user, "/"):
        # A menu entry may lead on to the right page for the role ("Cijfers").
        assert client.get(item["url"], follow=True).status_code == 200, item["url"]
