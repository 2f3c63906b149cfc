"""A user of Voorbeeld gets 404 for every organisation-owned object of Zuiderhaven, through
every view that takes an id, and a denied request changes nothing."""

import pytest
from django.urls import reverse

from baken.accounts.roles import ROLES
from baken.core.confidentiality import Confidentiality
from tests.security.urls import all_routes, sample_path


# For each route that takes an argument: how to make the Zuiderhaven object it points to.
# A new route with an argument must be added here, or test_every_route_with_an_id_is_covered fails.
def _foreign_signal(ctx):
    from baken.testing.signals import make_signal

    signal = make_signal(ctx["make_user"]("signaleerder", ctx["zuiderhaven"]), with_attachment=True)
    return signal


FOREIGN_OBJECT = {
    "signalling:detail": lambda ctx: {"pk": _foreign_signal(ctx).pk},
    "signalling:submitted": lambda ctx: {"pk": _foreign_signal(ctx).pk},
    "signalling:attachment": lambda ctx: (
        lambda signal: {"pk": signal.pk, "attachment_pk": signal.attachments.get().pk}
    )(_foreign_signal(ctx)),
    "accounts:user_edit": lambda ctx: {"pk": ctx["make_user"]("signaleerder", ctx["zuiderhaven"]).pk},
    "core:organisation_logo": lambda ctx: {"slug": ctx["zuiderhaven"].slug},
}
NOT_TENANT_OBJECTS = {"accounts:password_reset_confirm"}  # token links, no organisation data

ROUTES_WITH_ID = [r for r in all_routes() if r.converters and r.name not in NOT_TENANT_OBJECTS]


def test_every_route_with_an_id_is_covered():
    assert {r.name for r in ROUTES_WITH_ID} == set(FOREIGN_OBJECT)


@pytest.mark.parametrize("route", ROUTES_WITH_ID, ids=lambda r: r.name)
@pytest.mark.parametrize("method", ["get", "post"])
def test_other_municipality_gets_404(client_for, make_user, voorbeeld, zuiderhaven, route, method):
    from baken.accounts.models import User
    from baken.core.models import Organisation

    zuiderhaven.logo = "logos/zuiderhaven.png"
    zuiderhaven.save()
    kwargs = FOREIGN_OBJECT[route.name]({"make_user": make_user, "zuiderhaven": zuiderhaven})
    everything = [role.code for role in ROLES]
    intruder = make_user(everything, voorbeeld, clearance=Confidentiality.ZEER_GEHEIM)
    client = client_for(intruder)
    organisations_before = list(Organisation.objects.values())
    users_before = list(User.objects.values())
    response = getattr(client, method)(sample_path(route, **kwargs), {"email": "x@x.nl", "roles": ["beleidsmaker"]})
    # 405 only where the view takes no POST at all: decided before any row is looked up.
    assert response.status_code == 404 if method == "get" else response.status_code in {404, 405}
    assert list(Organisation.objects.values()) == organisations_before
    assert list(User.objects.values()) == users_before


def test_other_municipality_user_is_unchanged_after_denied_post(client_for, make_user, voorbeeld, zuiderhaven):
    target = make_user("signaleerder", zuiderhaven)
    client = client_for(make_user("functioneel_beheerder", voorbeeld))
    response = client.post(
        reverse("accounts:user_edit", args=[target.pk]),
        {"email": "overgenomen@x.nl", "roles": ["aandachtsfunctionaris"], "clearance": 8},
    )
    assert response.status_code == 404
    target.refresh_from_db()
    assert target.email != "overgenomen@x.nl" and target.is_active
    assert list(target.groups.values_list("name", flat=True)) == ["signaleerder"]
