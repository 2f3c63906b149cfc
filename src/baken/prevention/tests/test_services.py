"""Preventie's services: rules with Dutch errors, nothing half-saved, audit, and the policy."""

import datetime as dt
import itertools
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from baken.core.exceptions import NotPermitted
from baken.core.models import AuditEvent
from baken.prevention import services
from baken.prevention.catalogue.loader import catalogue
from baken.prevention.models import ActivityStatus, ActivityStatusChange, PreventionActivity
from baken.prevention.workflow import ACTIVITY_WORKFLOW
from baken.signalling.models import ExploitationForm
from baken.testing.prevention import activity_values, make_activity

pytestmark = pytest.mark.django_db


@pytest.fixture
def beleid(make_user, voorbeeld):
    return make_user("beleidsmaker", voorbeeld)


def test_create_records_the_activity_its_history_and_audit(beleid, police):
    form = ExploitationForm.objects.get(code="seksueel")
    activity = make_activity(beleid, provider=police, exploitation_forms=[form], cost=Decimal("250.00"))
    assert activity.status == ActivityStatus.PLANNED
    assert activity.organisation_id == beleid.organisation_id
    assert activity.catalogue_version == catalogue().version
    assert list(activity.forms.all()) == [form]
    assert list(activity.status_changes.values_list("from_status", "to_status")) == [("", "gepland")]
    assert AuditEvent.objects.filter(object_id=str(activity.pk), action="create").exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"title": "  "}, "title"),
        ({"activity_type": "onbekend"}, "activity_type"),
        ({"target_groups": []}, "target_groups"),
        ({"target_groups": ["leerlingen"]}, "target_groups"),
        ({"languages": ["xx"]}, "languages"),
        ({"kader_theme": "thema9"}, "kader_theme"),
        ({"location_kind": "thuis"}, "location_kind"),
        ({"location_kind": "wijk", "location_name": ""}, "location_name"),
        ({"starts_on": None}, "starts_on"),
        ({"ends_on": dt.date(2026, 10, 1)}, "ends_on"),
        ({"reach": -1}, "reach"),
        ({"cost": Decimal("-5")}, "cost"),
    ],
)
def test_bad_values_are_refused_with_a_dutch_message_and_nothing_saved(beleid, overrides, field):
    with pytest.raises(ValidationError) as error:
        make_activity(beleid, **overrides)
    assert field in error.value.message_dict
    assert not PreventionActivity.objects.exists()


def test_a_provider_from_another_municipality_is_refused(beleid, zuiderhaven):
    from baken.partners.models import Partner

    foreign = Partner.objects.create(organisation=zuiderhaven, name="Buiten", partner_type="anders")
    with pytest.raises(ValidationError) as error:
        make_activity(beleid, provider=foreign)
    assert "provider" in error.value.message_dict


@pytest.mark.parametrize("role", ["signaleerder", "aandachtsfunctionaris", "functioneel_beheerder"])
def test_only_prevention_staff_create(make_user, voorbeeld, role):
    with pytest.raises(NotPermitted):
        make_activity(make_user(role, voorbeeld))
    assert not PreventionActivity.objects.exists()


def test_update_changes_fields_and_logs_them(beleid):
    activity = make_activity(beleid)
    services.activity_update(
        actor=beleid, activity=activity, values=activity_values(title="Gastles groep 7", exploitation_forms=[])
    )
    activity.refresh_from_db()
    assert activity.title == "Gastles groep 7"
    assert AuditEvent.objects.filter(object_id=str(activity.pk), action="update", reason__contains="title").exists()


def test_another_municipality_cannot_update_or_move(beleid, make_user, zuiderhaven):
    activity = make_activity(beleid)
    other = make_user("beleidsmaker", zuiderhaven)
    with pytest.raises(NotPermitted):
        services.activity_update(actor=other, activity=activity, values=activity_values(title="Weg"))
    with pytest.raises(NotPermitted):
        services.activity_transition(actor=other, activity=activity, target="bevestigd")
    activity.refresh_from_db()
    assert (activity.title, activity.status) == ("Gastles loverboys groep 8", "gepland")


def test_lifecycle_to_evaluated(beleid):
    activity = make_activity(beleid)
    services.activity_transition(actor=beleid, activity=activity, target="bevestigd")
    services.activity_transition(actor=beleid, activity=activity, target="uitgevoerd", reach=54)
    services.activity_transition(
        actor=beleid, activity=activity, target="geevalueerd", evaluation_score=4, evaluation_notes="Goed ontvangen"
    )
    activity.refresh_from_db()
    assert (activity.status, activity.reach, activity.evaluation_score) == ("geevalueerd", 54, 4)
    assert list(activity.status_changes.values_list("to_status", flat=True)) == [
        "gepland",
        "bevestigd",
        "uitgevoerd",
        "geevalueerd",
    ]


def test_held_needs_the_reach_and_evaluated_needs_score_and_notes(beleid):
    activity = make_activity(beleid)
    with pytest.raises(ValidationError) as error:
        services.activity_transition(actor=beleid, activity=activity, target="uitgevoerd")
    assert "reach" in error.value.message_dict
    services.activity_transition(actor=beleid, activity=activity, target="uitgevoerd", reach=0)
    with pytest.raises(ValidationError) as error:
        services.activity_transition(
            actor=beleid, activity=activity, target="geevalueerd", evaluation_score=9, evaluation_notes=" "
        )
    assert {"evaluation_score", "evaluation_notes"} <= set(error.value.message_dict)
    activity.refresh_from_db()
    assert activity.status == "uitgevoerd"


def test_cancel_needs_a_reason(beleid):
    activity = make_activity(beleid)
    with pytest.raises(ValidationError) as error:
        services.activity_transition(actor=beleid, activity=activity, target="geannuleerd")
    assert "reason" in error.value.message_dict
    services.activity_transition(actor=beleid, activity=activity, target="geannuleerd", reason="School dicht")
    activity.refresh_from_db()
    assert activity.status == "geannuleerd"


ALL_EDGES = list(itertools.product(ActivityStatus.values, ActivityStatus.values))
ALLOWED = {(t.source, t.target) for t in ACTIVITY_WORKFLOW.transitions}


@pytest.mark.parametrize(("source", "target"), ALL_EDGES)
def test_every_edge(beleid, source, target):
    activity = make_activity(beleid)
    PreventionActivity.objects.filter(pk=activity.pk).update(status=source)
    activity.refresh_from_db()
    before = ActivityStatusChange.objects.count()
    kwargs = {"reason": "Omdat", "reach": 10, "evaluation_score": 3, "evaluation_notes": "Prima"}
    if (source, target) in ALLOWED:
        services.activity_transition(actor=beleid, activity=activity, target=target, **kwargs)
        activity.refresh_from_db()
        assert activity.status == target
        assert ActivityStatusChange.objects.count() == before + 1
    else:
        with pytest.raises(ValidationError):
            services.activity_transition(actor=beleid, activity=activity, target=target, **kwargs)
        activity.refresh_from_db()
        assert activity.status == source
        assert ActivityStatusChange.objects.count() == before


def test_workflow_starts_planned_and_reaches_every_state():
    assert ACTIVITY_WORKFLOW.initial_states() == ["gepland"]
    assert {"gepland"} | {target for _s, target in ALLOWED} == set(ActivityStatus.values)
