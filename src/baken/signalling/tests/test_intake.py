"""Intake: a staff member reports a signal; bad input changes nothing."""

import re
import threading
import uuid

import pytest
from django.core import mail
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse

from baken.core.models import AuditAction, AuditEvent, Notification
from baken.partners.models import Partner
from baken.signalling.models import Signal, SignalAttachment, SignalIndicator, SignalStatusChange
from baken.signalling.tests.conftest import pdf_upload, png_upload

INTAKE = reverse("signalling:intake")


def stored_files(path: str = "attachments") -> int:
    """Number of files (not folders) under `path` in the private storage."""
    try:
        folders, files = default_storage.listdir(path)
    except FileNotFoundError:
        return 0
    return len(files) + sum(stored_files(f"{path}/{folder}") for folder in folders)


def row_counts() -> tuple:
    return (
        Signal.objects.count(),
        SignalIndicator.objects.count(),
        SignalAttachment.objects.count(),
        SignalStatusChange.objects.count(),
        # A refused submit keeps the input as the reporter's draft (signalling/drafts.py); no signal is made.
        AuditEvent.objects.filter(action=AuditAction.CREATE, object_type="signalling.signal").count(),
        stored_files(),
    )


def test_catalogue_is_loaded_with_all_forms_and_critical_indicators(db):
    from baken.signalling.models import ExploitationForm, Indicator, IndicatorGroup

    assert set(ExploitationForm.objects.values_list("code", flat=True)) == {"seksueel", "arbeid", "crimineel", "orgaan"}
    assert set(IndicatorGroup.objects.values_list("catalogue_list", flat=True)) == {
        "arbeid",
        "seksueel",
        "crimineel",
        "balie",
        "locatie",
    }
    assert Indicator.objects.filter(critical=True).count() >= 5
    assert Indicator.objects.count() >= 50


def test_intake_page_shows_grouped_indicators(client_for, reporter):
    response = client_for(reporter).get(INTAKE)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Melding doen van mensenhandel" in body
    assert body.count('name="indicators"') >= 50
    assert "kritiek" in body


def test_submit_creates_signal_with_reference_snapshot_history_and_audit(
    client_for, reporter, intake_data, plain_indicator, voorbeeld
):
    client = client_for(reporter)
    response = client.post(INTAKE, intake_data(attachments=[png_upload(), pdf_upload()]))
    signal = Signal.objects.get()
    assert response.status_code == 302 and response.url == reverse("signalling:submitted", args=[signal.pk])
    assert signal.organisation == voorbeeld and signal.reporter == reporter
    assert signal.postcode == "9901 AB"
    # Unambiguous beyond the municipality: its CBS code is part of the reference.
    assert signal.reference == f"SIG-GM9901-{signal.year}-0001"
    assert signal.confidentiality == 5  # vertrouwelijk
    assert not signal.is_urgent
    assert list(signal.indicators.values_list("code", flat=True)) == [plain_indicator.code]
    assert signal.attachments.count() == 2
    assert {a.content_type for a in signal.attachments.all()} == {"image/png", "application/pdf"}
    assert signal.status_changes.get().to_status == "nieuw"
    assert AuditEvent.objects.filter(action=AuditAction.CREATE, object_type="signalling.signal").count() == 1
    page = client.get(response.url).content.decode()
    assert signal.reference in page and "Wat gebeurt er nu?" in page


def test_references_are_sequential_per_organisation(client_for, reporter, intake_data, make_user, zuiderhaven):
    client_for(reporter).post(INTAKE, intake_data())
    client_for(reporter).post(INTAKE, intake_data())
    other = make_user("signaleerder", zuiderhaven)
    client_for(other).post(INTAKE, intake_data())
    references = sorted(Signal.objects.values_list("organisation__slug", "sequence"))
    assert references == [("voorbeeld", 1), ("voorbeeld", 2), ("zuiderhaven", 1)]


def test_double_submit_creates_one_signal(client_for, reporter, intake_data):
    client = client_for(reporter)
    data = intake_data()
    first = client.post(INTAKE, data)
    second = client.post(INTAKE, data)
    assert Signal.objects.count() == 1
    assert first.url == second.url


def test_critical_indicator_makes_signal_urgent_and_notifies_triage(
    client_for,
    reporter,
    triager,
    intake_data,
    critical_indicator,
    voorbeeld,
    make_user,
    zuiderhaven,
    django_capture_on_commit_callbacks,
):
    Partner.objects.create(
        organisation=voorbeeld, name="Alarmnummer", partner_type="noodnummer", phone="112", acute_route=True, order=1
    )
    other_af = make_user("aandachtsfunctionaris", zuiderhaven)
    client = client_for(reporter)
    data = intake_data(indicators=[str(critical_indicator.pk)])
    first = client.post(INTAKE, data)
    # First the "what to do now" panel, with numbers from the partner directory, and an explicit
    # choice asked; nothing is saved yet.
    assert first.status_code == 200
    body = first.content.decode()
    assert "Bel direct 112" in body and 'href="tel:112"' in body
    assert "Kies &#x27;Ik heb gebeld&#x27;" in body
    assert Signal.objects.count() == 0
    data["acute_call"] = "gebeld"
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        second = client.post(INTAKE, data)
    assert len(callbacks) == 1  # the e-mail is queued only once the signal is committed
    assert second.status_code == 302
    signal = Signal.objects.get()
    assert signal.is_urgent
    assert Notification.objects.filter(recipient=triager, url__contains=str(signal.pk)).count() == 1
    assert not Notification.objects.filter(recipient=other_af).exists()
    assert not Notification.objects.filter(recipient=reporter).exists()
    assert [m.to for m in mail.outbox] == [[triager.email]]
    assert signal.reference in mail.outbox[0].body and signal.description not in mail.outbox[0].body


@pytest.mark.parametrize(
    ("overrides", "field_message"),
    [
        ({"description": ""}, "Dit veld is verplicht"),
        ({"postcode": "12345"}, "geen geldige Nederlandse postcode"),
        ({"postcode": "", "house_number": "", "location_description": ""}, "Geef een adres"),
        ({"exploitation_forms": []}, "Kies een of meer vormen"),
        ({"observed_on": "2099-01-01"}, "in de toekomst"),
        ({"channel": "duif"}, "Selecteer een geldige keuze"),
        ({"indicators": ["999999"]}, "Selecteer een geldige keuze"),
        ({"people_count": "0"}, "minstens 1"),
    ],
)
def test_bad_input_shows_dutch_error_and_saves_nothing(client_for, reporter, intake_data, overrides, field_message):
    before = row_counts()
    response = client_for(reporter).post(INTAKE, intake_data(attachments=[png_upload()], **overrides))
    assert response.status_code == 200
    assert field_message in response.content.decode()
    assert row_counts() == before


def test_oversized_attachment_is_refused(client_for, reporter, intake_data):
    before = row_counts()
    big = SimpleUploadedFile("groot.pdf", b"%PDF-1.4\n" + b"0" * (20 * 1024 * 1024), content_type="application/pdf")
    response = client_for(reporter).post(INTAKE, intake_data(attachments=[png_upload(), big]))
    assert response.status_code == 200 and "te groot" in response.content.decode()
    assert row_counts() == before


def test_executable_renamed_to_pdf_is_refused(client_for, reporter, intake_data):
    before = row_counts()
    exe = SimpleUploadedFile(
        "factuur.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 500, content_type="application/pdf"
    )
    response = client_for(reporter).post(INTAKE, intake_data(attachments=[exe]))
    assert response.status_code == 200 and "geen foto" in response.content.decode()
    assert row_counts() == before


def test_html_and_script_are_stored_verbatim_and_rendered_escaped(client_for, reporter, triager, intake_data):
    payload = '<script>alert("x")</script><b onmouseover="x()">vet</b>'
    text_fields = [
        "description",
        "location_description",
        "business_name",
        "neighbourhood",
        "languages",
        "identifying_details",
        "street",
        "city",
    ]
    client_for(reporter).post(INTAKE, intake_data(**{field: payload for field in text_fields}))
    signal = Signal.objects.get()
    for field in text_fields:
        assert getattr(signal, field) == payload
    body = client_for(triager).get(reverse("signalling:detail", args=[signal.pk]), follow=True).content.decode()
    assert "<script>alert" not in body and "<b onmouseover" not in body
    assert "&lt;script&gt;alert" in body


def test_failure_after_files_are_stored_removes_them(client_for, reporter, intake_data, monkeypatch):
    from baken.signalling import services

    def broken(**kwargs):
        raise RuntimeError("database weg")

    monkeypatch.setattr(services, "audit_record", broken)
    before = row_counts()
    with pytest.raises(RuntimeError):
        client_for(reporter).post(INTAKE, intake_data(attachments=[png_upload()]))
    assert row_counts() == before


def test_users_without_report_permission_cannot_report(client_for, make_user, voorbeeld, intake_data):
    client = client_for(make_user("privacy_officer", voorbeeld))
    assert client.get(INTAKE).status_code == 404
    assert client.post(INTAKE, intake_data()).status_code == 404
    assert Signal.objects.count() == 0


def test_indicator_partial_filters_by_form(client_for, reporter):
    from baken.signalling.models import Indicator

    client = client_for(reporter)
    body = client.get(reverse("signalling:intake_indicators"), {"exploitation_forms": "crimineel"}).content.decode()
    labour_only = Indicator.objects.filter(forms__code="arbeid").exclude(forms__code="crimineel").first()
    criminal = Indicator.objects.filter(forms__code="crimineel").first()
    # The chosen form's indicators first; another form's follow, folded away, never left out.
    others = body.index("Signalen bij andere vormen")
    assert body.index(f'value="{criminal.pk}"') < others < body.index(f'value="{labour_only.pk}"')
    assert '<details class="baken-indicator-group baken-indicator-group--others">' in body  # closed


def test_acute_partial(client_for, reporter, critical_indicator, plain_indicator):
    client = client_for(reporter)
    url = reverse("signalling:intake_acute")
    assert "Bel direct 112" in client.get(url, {"indicators": critical_indicator.pk}).content.decode()
    assert "Bel dan ook Veilig Thuis" in client.get(url, {"minor_involved": "ja"}).content.decode()
    assert client.get(url, {"indicators": plain_indicator.pk}).content.decode().strip() == ""


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks under real concurrency need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_concurrent_submits_get_unique_gap_free_references(make_user, voorbeeld, plain_indicator):
    from django.db import connections

    from baken.signalling.services import SignalInput, signal_submit

    reporters = [make_user("signaleerder", voorbeeld, username=f"parallel{i}") for i in range(8)]
    errors = []
    barrier = threading.Barrier(len(reporters))

    def submit(user):
        try:
            barrier.wait()
            for _ in range(5):
                signal_submit(
                    reporter=user,
                    data=SignalInput(
                        observed_on=__import__("datetime").date(2026, 11, 1),
                        channel="balie",
                        description="gelijktijdig",
                        form_unknown=True,
                        location_description="balie",
                    ),
                    submission_key=uuid.uuid4(),
                )
        except Exception as error:  # collected and asserted below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit, args=(user,)) for user in reporters]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    sequences = sorted(Signal.objects.values_list("sequence", flat=True))
    assert sequences == list(range(1, 41))


def test_indicator_groups_open_only_when_useful(client_for, reporter, plain_indicator):
    client = client_for(reporter)
    url = reverse("signalling:intake_indicators")
    everything = client.get(url).content.decode()
    assert everything.count("<details") >= 15 and " open>" not in everything
    ticked = client.get(url, {"indicators": plain_indicator.pk}).content.decode()
    assert ticked.count(" open>") == 1
    criminal = client.get(url, {"exploitation_forms": "crimineel"}).content.decode()
    # Every group of the chosen form is open; only the other forms' indicators are folded away.
    assert criminal.count("<details") == criminal.count(" open>") + 1 and criminal.count(" open>") >= 1


def test_acute_step_keeps_the_files_for_the_acknowledging_submit(client_for, reporter, intake_data, critical_indicator):
    """Browsers never refill a file input: a submit refused because the acute panel still waits
    for a choice keeps the files in the draft, and they go with the signal on the next submit."""
    client = client_for(reporter)
    data = intake_data(indicators=[str(critical_indicator.pk)], attachments=[png_upload("loods.png")])
    body = client.post(INTAKE, data).content.decode()
    assert "Voeg uw bijlagen opnieuw toe" not in body
    assert "Al toegevoegd" in body and "loods.png" in body
    assert Signal.objects.count() == 0
    del data["attachments"]
    response = client.post(INTAKE, {**data, "acute_call": "gebeld"})
    signal = Signal.objects.get()
    assert response.status_code == 302
    assert signal.acute_call == "gebeld"
    assert list(signal.attachments.values_list("original_name", flat=True)) == ["loods.png"]


def test_an_indicator_ticked_for_another_form_stays_shown_and_ticked(client_for, reporter):
    from baken.signalling.models import Indicator

    labour_only = Indicator.objects.filter(forms__code="arbeid").exclude(forms__code="crimineel").first()
    body = (
        client_for(reporter)
        .get(reverse("signalling:intake_indicators"), {"exploitation_forms": "crimineel", "indicators": labour_only.pk})
        .content.decode()
    )
    section = body[body.index("Al aangevinkt bij een andere vorm") :]
    section = section[: section.index("</details>")]
    assert re.search(rf'value="{labour_only.pk}"[^>]*checked', section)
    # ... and only there: not a second time among the folded-away indicators.
    assert body.count(f'value="{labour_only.pk}"') == 1
