"""axe-core (WCAG 2.1 A and AA) on every main page, as the role that works there, with demo data."""

import io

import pytest
from django.core.management import call_command

from baken.accounts.models import User
from baken.coordination.models import Escalation
from baken.policy.models import KaderAssessment
from baken.signalling.models import Signal

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def pages_per_user() -> dict[str, list[str]]:
    signal = Signal.objects.filter(organisation__slug="voorbeeld", reporter__username="signaleerder-voorbeeld").first()
    escalation = Escalation.objects.filter(signal__organisation__slug="voorbeeld").first()
    colleague = User.objects.get(username="signaleerder-voorbeeld")
    region_assessment = KaderAssessment.objects.get(region__slug="voorbeeld")
    return {
        "signaleerder-voorbeeld": ["/", "/signalen/nieuw/", "/signalen/mijn/", f"/signalen/{signal.pk}/"],
        "aandachtsfunctionaris-voorbeeld": [
            "/triage/",
            "/triage/?urgent=true&sort=deadline",
            f"/triage/{signal.pk}/",
            f"/triage/{signal.pk}/escalaties/nieuw/",
            f"/triage/{escalation.signal_id}/escalaties/{escalation.pk}/",
            "/triage/escalaties/",
            "/triage/escalaties/?overdue=on",
            "/berichten/",
            f"/triage/{signal.pk}/afdrukken/",
            "/partners/",
        ],
        "functioneel_beheerder-voorbeeld": [
            "/",
            "/beleid/kader/",
            "/beleid/kader/nieuw/",
            "/account/gebruikers/",
            "/account/gebruikers/nieuw/",
            f"/account/gebruikers/{colleague.pk}/",
            "/beheer/huisstijl/",
            "/partners/nieuw/",
            "/signalen/catalogus/",
            "/signalen/catalogus/nieuw/",
        ],
        "privacy_officer-voorbeeld": ["/", "/audit/", "/audit/?action=view"],
        "beleidsmaker-voorbeeld": ["/rapportage/jaarrapportage/"],
        "zorgcoordinator-voorbeeld": ["/rapportage/zorg/ctdc/"],
        "zorgcoordinator-regio": ["/", "/partners/"],
        "privacy-regio": ["/audit/"],
        "beleid-regio": ["/beleid/", f"/beleid/zelfevaluatie/{region_assessment.pk}/"],
    }


def test_main_pages_have_no_axe_violations(page, login_as, assert_accessible):
    call_command("load_demo_data", stdout=io.StringIO())
    checked = 0
    for username, paths in pages_per_user().items():
        login_as(User.objects.get(username=username))
        for path in paths:
            response = page.goto(path)
            assert response.status == 200, (username, path, response.status)
            assert_accessible(page)
            checked += 1
    assert checked == 34
