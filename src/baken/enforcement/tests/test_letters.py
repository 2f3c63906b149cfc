"""Letters (voornemen, besluit, hercontrole): the standard text or the municipality's own
version, filled from the case, as a PDF in the huisstijl; generating one is logged as an export.
The texts are the functioneel beheerder's and versioned; unknown fields are refused."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from baken.core.confidentiality import Confidentiality
from baken.core.exceptions import NotPermitted
from baken.core.models import AuditEvent
from baken.enforcement import letters, selectors, services
from baken.enforcement.models import LetterTemplate, LetterTemplateRevision
from baken.enforcement.services import MeasureStep

TODAY = timezone.localdate()


@pytest.fixture
def beheerder(make_user, voorbeeld):
    return make_user("functioneel_beheerder", voorbeeld, username="bea")


@pytest.fixture
def measure(jurist, case):
    return services.measure_start(
        actor=jurist, case=case, intent_type="voornemen_lod", addressees="Flexhuis B.V.", sent_on=dt.date(2026, 11, 2)
    )


def _decide(jurist, measure):
    step = MeasureStep(
        target="besluit",
        decision_type="lod",
        decided_on=dt.date(2026, 11, 20),
        compliance_due_on=dt.date(2026, 12, 18),
        amount_per_unit=Decimal("1500"),
        amount_unit="per week",
        amount_maximum=Decimal("15000"),
    )
    return services.measure_step(actor=jurist, measure=measure, data=step)


def test_the_standard_texts_use_only_known_fields():
    for text in letters.standard_letters().values():
        assert letters.unknown_fields(text.title + text.body) == []
    assert set(letters.standard_letters()) == {"voornemen", "besluit", "hercontrole"}


def test_the_fields_are_filled_from_the_case(jurist, measure):
    measure = _decide(jurist, measure)
    measure = selectors.measure_for(user=jurist, case_pk=measure.case_id, pk=measure.pk)
    values = letters.letter_values(measure, organisation_name="Gemeente Voorbeeld", today=dt.date(2026, 11, 21))
    assert values["gemeente"] == "Voorbeeld"
    assert values["zienswijze_uiterlijk"] == "16 november 2026"
    assert values["begunstigingstermijn"] == "18 december 2026"
    assert values["besluit"] == "Last onder dwangsom"
    assert "€ 1.500,00 per week" in values["dwangsom"] and "€ 15.000,00" in values["dwangsom"]
    text = letters.fill("{{ zaaknummer }} aan {{geadresseerden}}; {{ onbekend }}", values)
    assert text == f"{measure.case.reference} aan Flexhuis B.V.; {{{{ onbekend }}}}"


def test_which_letters_fit_the_measure_so_far(jurist, measure):
    assert letters.available_kinds(measure) == ["voornemen"]
    assert letters.available_kinds(_decide(jurist, measure)) == ["voornemen", "besluit", "hercontrole"]


def test_the_beheerder_saves_versions_and_unknown_fields_are_refused(beheerder):
    first = services.letter_template_save(
        actor=beheerder, kind="voornemen", title="Voornemen", body="Aan {{ geadresseerden }}", base_revision=0
    )
    second = services.letter_template_save(
        actor=beheerder, kind="voornemen", title="Voornemen", body="Beste {{ geadresseerden }}", base_revision=1
    )
    assert second.pk == first.pk and second.revision == 2
    assert list(LetterTemplateRevision.objects.order_by("revision").values_list("content__body", flat=True)) == [
        "Aan {{ geadresseerden }}",
        "Beste {{ geadresseerden }}",
    ]
    with pytest.raises(ValidationError, match=r"\{\{ wachtwoord \}\}"):
        services.letter_template_save(
            actor=beheerder, kind="voornemen", title="V", body="{{ wachtwoord }}", base_revision=2
        )
    with pytest.raises(ValidationError, match="intussen gewijzigd"):
        services.letter_template_save(actor=beheerder, kind="voornemen", title="V", body="x", base_revision=1)
    with pytest.raises(ValidationError) as excinfo:
        services.letter_template_save(actor=beheerder, kind="voornemen", title=" ", body=" ", base_revision=2)
    assert set(excinfo.value.message_dict) == {"title", "body"}
    assert LetterTemplate.objects.get().revision == 2


def test_only_the_functioneel_beheerder_edits_the_texts(jurist):
    with pytest.raises(NotPermitted):
        services.letter_template_save(actor=jurist, kind="voornemen", title="V", body="x", base_revision=0)
    assert not LetterTemplate.objects.exists()


def test_a_letter_is_a_pdf_from_the_own_text_and_logged_as_an_export(client_for, jurist, beheerder, measure):
    client = client_for(jurist)
    url = reverse("enforcement:letter_pdf", args=[measure.case_id, measure.pk, "voornemen"])
    standard = client.get(url)
    assert standard.status_code == 200 and standard["Content-Type"] == "application/pdf"
    assert standard.content.startswith(b"%PDF")
    assert AuditEvent.objects.filter(actor=jurist, action="export", reason="brief voornemen (standaardtekst)").exists()
    services.letter_template_save(
        actor=beheerder, kind="voornemen", title="Eigen voornemen", body="Aan {{ geadresseerden }}", base_revision=0
    )
    assert client.get(url).status_code == 200
    assert AuditEvent.objects.filter(actor=jurist, action="export", reason="brief voornemen (versie 1)").exists()
    assert selectors.letter_text(organisation_id=measure.organisation_id, kind="voornemen").title == "Eigen voornemen"
    # No decision yet: no besluit letter, and no unknown kind.
    for kind in ("besluit", "onzin"):
        assert (
            client.get(reverse("enforcement:letter_pdf", args=[measure.case_id, measure.pk, kind])).status_code == 404
        )
    assert (
        "Brief: voornemen (PDF)"
        in client.get(reverse("enforcement:measure", args=[measure.case_id, measure.pk])).content.decode()
    )


def test_the_letter_of_a_vertrouwelijk_case_is_404_without_clearance(client_for, make_user, measure, signal, triager):
    services.case_link_signal(actor=triager, case=measure.case, signal=signal)
    low = make_user("handhavingsjurist", measure.organisation, clearance=Confidentiality.ZAAKVERTROUWELIJK)
    url = reverse("enforcement:letter_pdf", args=[measure.case_id, measure.pk, "voornemen"])
    assert client_for(low).get(url).status_code == 404
    assert not AuditEvent.objects.filter(actor=low, action="export").exists()


def test_the_editing_pages(client_for, beheerder):
    client = client_for(beheerder)
    index = client.get(reverse("enforcement:letter_templates")).content.decode()
    assert "standaardtekst" in index
    url = reverse("enforcement:letter_template_edit", args=["besluit"])
    page = client.get(url).content.decode()
    assert "begunstigingstermijn" in page and "Nu geldt de standaardtekst" in page
    bad = client.post(url, {"title": "Besluit", "body": "{{ bsn }}", "base_revision": "0"})
    assert bad.status_code == 400 and "Onbekend veld" in bad.content.decode()
    assert not LetterTemplate.objects.exists()
    ok = client.post(url, {"title": "Besluit", "body": "Op {{ besluit_datum }}", "base_revision": "0", "note": "kort"})
    assert ok.status_code == 302
    page = client.get(url).content.decode()
    assert "Versie 1" in page and "kort" in page
    assert client.get(reverse("enforcement:letter_template_edit", args=["onzin"])).status_code == 404


def test_an_earlier_version_is_restored_as_a_new_one(client_for, beheerder, make_user, zuiderhaven):
    services.letter_template_save(actor=beheerder, kind="hercontrole", title="Eerst", body="A", base_revision=0)
    template = services.letter_template_save(
        actor=beheerder, kind="hercontrole", title="Later", body="B", base_revision=1
    )
    first = template.revisions.get(revision=1)
    client = client_for(beheerder)
    url = reverse("enforcement:letter_template_restore", args=["hercontrole", first.pk])
    stale = client.post(url, {"base_revision": "1"})
    assert stale.status_code == 302
    template.refresh_from_db()
    assert (template.revision, template.body) == (2, "B")  # a stale page changes nothing
    assert client.post(url, {"base_revision": "2"}).status_code == 302
    template.refresh_from_db()
    assert (template.revision, template.title, template.body) == (3, "Eerst", "A")
    assert template.revisions.get(revision=3).restored_from == 1
    other = make_user("functioneel_beheerder", zuiderhaven)
    with pytest.raises(NotPermitted):
        services.letter_template_restore(actor=other, kind="hercontrole", revision_pk=first.pk, base_revision=3)
    assert client_for(other).post(url, {"base_revision": "3"}).status_code == 404


def test_an_unknown_kind_a_too_long_text_and_an_unknown_version_are_refused(beheerder):
    with pytest.raises(NotPermitted):
        services.letter_template_save(actor=beheerder, kind="aanmaning", title="A", body="x", base_revision=0)
    with pytest.raises(ValidationError, match="te lang"):
        services.letter_template_save(
            actor=beheerder, kind="besluit", title="B", body="x" * (services.MAX_LETTER + 1), base_revision=0
        )
    assert not LetterTemplate.objects.exists()
    template = services.letter_template_save(actor=beheerder, kind="besluit", title="B", body="x", base_revision=0)
    missing = LetterTemplateRevision.objects.order_by("-pk").first().pk + 1
    with pytest.raises(NotPermitted):
        services.letter_template_restore(actor=beheerder, kind="besluit", revision_pk=missing, base_revision=1)
    template.refresh_from_db()
    assert template.revision == 1
