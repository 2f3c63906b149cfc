"""Fixtures of the retention tests: records of each purged kind, closed long ago (aged past
their term) or recently (within it), made through the services where the services allow a past
date (time travel), else aged with a plain update of the date field the term starts from."""

import datetime as dt

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.utils import timezone

from baken.core.confidentiality import Confidentiality

LONG_AGO = dt.timedelta(days=16 * 366)  # past every term in the catalogue (the longest: 15 years)


@pytest.fixture
def coordinator(make_user, voorbeeld):
    return make_user("zorgcoordinator", voorbeeld, clearance=Confidentiality.CONFIDENTIEEL, username="zoe")


@pytest.fixture
def inspector(make_user, voorbeeld):
    return make_user("toezichthouder", voorbeeld, username="tom", clearance=Confidentiality.VERTROUWELIJK)


@pytest.fixture
def care_partner(voorbeeld):
    from baken.partners.models import Partner

    return Partner.objects.create(organisation=voorbeeld, name="Zorgcoördinatie regio", partner_type="zorgcoordinator")


def at(moment: dt.datetime):
    return time_machine.travel(moment, tick=False)


@pytest.fixture
def close_signal(triager):
    from baken.coordination.services import signal_transition

    def close(signal):
        if signal.status == "nieuw":
            signal = signal_transition(actor=triager, signal=signal, target="in_behandeling")
        return signal_transition(
            actor=triager, signal=signal, target="afgesloten", reason="Afgehandeld", outcome="geen_aanwijzing"
        )

    return close


@pytest.fixture
def handover(triager, care_partner):
    from baken.coordination.services import escalation_create

    def make(signal):
        return escalation_create(
            actor=triager,
            signal=signal,
            partner=care_partner,
            channel="beveiligde_mail",
            purpose="Opvang en begeleiding",
            legal_ground="wettelijke_taak",
            shared_fields=["reference", "description"],
            shared_on=timezone.localdate(),
            status="verzonden",
        )

    return make


@pytest.fixture
def closed_signal(triager, close_signal):
    """A signal with an attachment, closed without follow-up `ago` before now."""
    from baken.testing.signals import make_signal

    def make(ago: dt.timedelta, description="Testsignaal Mira Jansen"):
        with at(timezone.now() - ago):
            signal = make_signal(
                triager, with_attachment=True, description=description, observed_on=timezone.localdate()
            )
            return close_signal(signal)

    return make


@pytest.fixture
def handed_signal(triager, close_signal, handover):
    from baken.coordination.services import signal_transition
    from baken.testing.signals import make_signal

    def make(ago: dt.timedelta):
        with at(timezone.now() - ago):
            signal = make_signal(triager, description="Doorgezet signaal Mira Jansen", observed_on=timezone.localdate())
            signal = signal_transition(actor=triager, signal=signal, target="in_behandeling")
            handover(signal)
            return close_signal(signal)

    return make


@pytest.fixture
def care_case(coordinator, triager, handover):
    from baken.care.models import CareCase
    from baken.care.services import care_case_from_handover
    from baken.testing.signals import make_signal

    def make(closed_ago: dt.timedelta | None):
        signal = make_signal(triager, description="Zorgsignaal")
        case = care_case_from_handover(actor=coordinator, handover=handover(signal), accept=True, pseudonym="Linde 14")
        if closed_ago is not None:
            CareCase.objects.filter(pk=case.pk).update(status="afgesloten", closed_on=timezone.localdate() - closed_ago)
        return CareCase.objects.get(pk=case.pk)

    return make


@pytest.fixture
def enforcement_case(inspector):
    from baken.enforcement.services import LocationInput, case_open, case_transition, location_save

    numbers = iter(range(1, 100))

    def make(closed_ago: dt.timedelta | None):
        with at(timezone.now() - (closed_ago or dt.timedelta(0))):
            location = location_save(
                actor=inspector,
                location=None,
                data=LocationInput(
                    street="Havenweg",
                    house_number=str(next(numbers)),
                    postcode="9901 AB",
                    city="Voorbeeld",
                    object_type="logies",
                    name="Logies De Kade",
                    kvk_number="12345678",
                    registered_residents=4,
                ),
            )
            case = case_open(
                actor=inspector, location=location, theme="huisvesting_arbeidsmigranten", reason="eigen_onderzoek"
            )
            if closed_ago is not None:
                case = case_transition(actor=inspector, case=case, target="afgesloten", closure="geen_overtreding")
            return case

    return make


@pytest.fixture
def meeting(coordinator, voorbeeld):
    from baken.meetings.services import dispatch_record
    from baken.testing.meetings import make_attendee, make_meeting

    def make(ago: dt.timedelta):
        with at(timezone.now() - ago):
            held = make_meeting(coordinator, voorbeeld, starts_at=timezone.now() + dt.timedelta(hours=1))
            attendee = make_attendee(coordinator, held)
            dispatch_record(actor=coordinator, meeting=held, attendee=attendee, document="agenda")
            return held

    return make


@pytest.fixture
def case_referral(coordinator, voorbeeld):
    from baken.meetings.models import CaseReferral
    from baken.testing.meetings import make_referral

    def make(closed_ago: dt.timedelta):
        referral = make_referral(coordinator, voorbeeld)
        CaseReferral.objects.filter(pk=referral.pk).update(
            status="afgesloten", closed_on=timezone.localdate() - closed_ago
        )
        return referral

    return make


@pytest.fixture
def intake_draft(voorbeeld, make_user):
    from baken.signalling.models import IntakeDraft, IntakeDraftUpload

    def make(ago: dt.timedelta, username: str):
        owner = make_user("signaleerder", voorbeeld, username=username)
        moment = timezone.now() - ago
        draft = IntakeDraft.objects.create(
            organisation=voorbeeld, owner=owner, data={"description": ["Concept Mira"]}, updated_at=moment
        )
        upload = IntakeDraftUpload(draft=draft, original_name="foto.png", content_type="image/png", size=3, sha256="0")
        upload.file.save("bijlage.png", ContentFile(b"png"), save=False)
        upload.save()
        return draft

    return make


@pytest.fixture
def inspection_draft(inspector, enforcement_case):
    from baken.enforcement.models import InspectionDraft
    from baken.enforcement.services import inspection_plan

    def make(ago: dt.timedelta):
        case = enforcement_case(None)
        inspection = inspection_plan(
            actor=inspector, case=case, planned_for=timezone.now() + dt.timedelta(days=2), team="Tom"
        )
        return InspectionDraft.objects.create(
            organisation_id=case.organisation_id,
            owner=inspector,
            inspection=inspection,
            data={"notes": ["Concept"]},
            updated_at=timezone.now() - ago,
        )

    return make
