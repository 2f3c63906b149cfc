"""Drafts of the intake: kept on the server for their owner only, restored, deleted on submit, by
the owner or after 7 days, and attachments that survive a failed submit."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from baken.core.access import policy_for
from baken.core.background import BACKGROUND_HEADER
from baken.core.confidentiality import Confidentiality
from baken.core.exceptions import NotPermitted
from baken.core.models import AuditAction, AuditEvent
from baken.signalling import drafts
from baken.signalling.models import IntakeDraft, IntakeDraftUpload, Signal
from baken.signalling.tests.conftest import pdf_upload, png_upload

INTAKE = reverse("signalling:intake")
DRAFT = reverse("signalling:intake_draft")
DRAFT_DELETE = reverse("signalling:intake_draft_delete")
BACKGROUND = {"headers": {BACKGROUND_HEADER: "1"}}


def draft_files() -> int:
    def count(path):
        try:
            folders, files = default_storage.listdir(path)
        except FileNotFoundError:
            return 0
        return len(files) + sum(count(f"{path}/{folder}") for folder in folders)

    return count("drafts")


def draft_audit(action) -> list[str]:
    return list(
        AuditEvent.objects.filter(object_type="signalling.intakedraft", action=action)
        .order_by("id")
        .values_list("reason", flat=True)
    )


def exe_upload(name="factuur.pdf"):
    return SimpleUploadedFile(name, b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 500, content_type="application/pdf")


# --- the access policy: the owner only -------------------------------------------------------


def test_a_draft_is_visible_to_its_owner_only(reporter, make_user, voorbeeld, zuiderhaven):
    draft, created = drafts.draft_save(actor=reporter, data={"description": ["Half getypt"]})
    assert created and draft.confidentiality == Signal._meta.get_field("confidentiality").default
    policy = policy_for(IntakeDraft)
    assert list(policy.visible(reporter)) == [draft]
    others = [
        make_user("signaleerder", voorbeeld),
        make_user("aandachtsfunctionaris", voorbeeld, clearance=Confidentiality.ZEER_GEHEIM),
        make_user(["functioneel_beheerder", "privacy_officer"], voorbeeld, clearance=Confidentiality.ZEER_GEHEIM),
        make_user("signaleerder", zuiderhaven),
    ]
    for other in others:
        assert not policy.visible(other).exists()
        assert drafts.draft_for(user=other) is None
    assert list(policy.users_for(draft, "view")) == [reporter]


def test_the_owner_moved_to_another_municipality_no_longer_sees_the_draft(reporter, zuiderhaven, client_for):
    drafts.draft_save(actor=reporter, data={"description": ["Over Voorbeeld"]})
    reporter.organisation = zuiderhaven
    reporter.save()
    assert drafts.draft_for(user=reporter) is None
    assert "Over Voorbeeld" not in client_for(reporter).get(INTAKE).content.decode()


def test_without_the_report_permission_there_is_no_draft(reporter, make_user, voorbeeld):
    drafts.draft_save(actor=reporter, data={"description": ["x"]})
    reporter.groups.clear()
    assert drafts.draft_for(user=type(reporter).objects.get(pk=reporter.pk)) is None
    beheerder = make_user("functioneel_beheerder", voorbeeld)
    for write in (
        lambda: drafts.draft_save(actor=beheerder, data={}),
        lambda: drafts.draft_delete(actor=beheerder, reason="x"),
        lambda: drafts.draft_remove_uploads(actor=beheerder, pks=[1]),
        lambda: drafts.draft_keep_uploads(actor=beheerder, draft=IntakeDraft.objects.get(), uploads=[]),
    ):
        with pytest.raises(NotPermitted):
            write()
    assert IntakeDraft.objects.count() == 1


def test_draft_endpoints_answer_404_to_who_may_not_report(client_for, make_user, voorbeeld, reporter):
    drafts.draft_save(actor=reporter, data={"description": ["van de melder"]})
    client = client_for(make_user("privacy_officer", voorbeeld))
    assert client.post(DRAFT, {"description": "x"}, **BACKGROUND).status_code == 404
    assert client.post(DRAFT_DELETE).status_code == 404
    assert IntakeDraft.objects.get().data == {"description": ["van de melder"]}


# --- autosave ------------------------------------------------------------------------------------


def test_autosave_keeps_the_form_and_logs_the_creation_once(client_for, reporter, plain_indicator):
    client = client_for(reporter)
    response = client.post(
        DRAFT,
        {"description": "Zes mensen", "indicators": [plain_indicator.pk], "attachments": "x", "onbekend": "y"},
        **BACKGROUND,
    )
    assert response.status_code == 200 and "Concept bewaard om" in response.json()["text"]
    draft = IntakeDraft.objects.get()
    assert draft.owner == reporter and draft.organisation == reporter.organisation
    assert draft.data == {"description": ["Zes mensen"], "indicators": [str(plain_indicator.pk)]}
    for text in ("Zes mensen in de loods", "Zes mensen in de loods, ’s nachts"):
        assert client.post(DRAFT, {"description": text}, **BACKGROUND).status_code == 200
    assert IntakeDraft.objects.get().data == {"description": ["Zes mensen in de loods, ’s nachts"]}
    assert draft_audit(AuditAction.CREATE) == ["concept van een melding bewaard"]
    assert draft_audit(AuditAction.UPDATE) == []
    # A quarter of an hour later, one line says that the draft was worked on.
    IntakeDraft.objects.update(audited_at=timezone.now() - drafts.AUDIT_SAVE_EVERY)
    client.post(DRAFT, {"description": "later"}, **BACKGROUND)
    client.post(DRAFT, {"description": "nog later"}, **BACKGROUND)
    assert draft_audit(AuditAction.UPDATE) == ["concept automatisch bijgewerkt"]


def test_autosave_without_javascript_redirects_to_the_intake(client_for, reporter):
    response = client_for(reporter).post(DRAFT, {"description": "Zonder script"})
    assert response.status_code == 302 and response.url == INTAKE
    assert IntakeDraft.objects.get().data == {"description": ["Zonder script"]}


@pytest.mark.parametrize("background", [True, False])
def test_an_overlong_value_is_refused_and_changes_nothing(client_for, reporter, background):
    client = client_for(reporter)
    client.post(DRAFT, {"description": "Eerst dit"}, **BACKGROUND)
    extra = BACKGROUND if background else {}
    response = client.post(DRAFT, {"description": "x" * (drafts.MAX_VALUE_LENGTH + 1)}, follow=not background, **extra)
    assert "niet bewaard" in response.content.decode()
    assert response.status_code == (400 if background else 200)
    assert IntakeDraft.objects.get().data == {"description": ["Eerst dit"]}
    with pytest.raises(ValidationError):
        drafts.clean_draft_data({"indicators": ["1"] * (drafts.MAX_VALUES_PER_FIELD + 1)}, {"indicators"})


def test_an_expired_draft_is_not_restored_and_starts_anew_when_saved(client_for, reporter):
    draft, _created = drafts.draft_save(actor=reporter, data={"description": ["Oud"]})
    old = timezone.now() - dt.timedelta(days=8)
    IntakeDraft.objects.filter(pk=draft.pk).update(updated_at=old, created_at=old)
    assert drafts.draft_for(user=reporter) is None
    assert "Oud" not in client_for(reporter).get(INTAKE).content.decode()
    drafts.draft_save(actor=reporter, data={"description": ["Nieuw"]})
    draft.refresh_from_db()
    assert draft.created_at > old + dt.timedelta(days=7) and draft.data == {"description": ["Nieuw"]}


# --- restore ------------------------------------------------------------------------------------


def test_the_intake_restores_the_draft_and_logs_it(client_for, reporter, make_user, voorbeeld, plain_indicator):
    client = client_for(reporter)
    client.post(
        DRAFT,
        {
            "submission_key": "5b0c1a6e-8d1e-4f3b-9a43-0000000000aa",
            "description": "Matrassen in de loods",
            "exploitation_forms": ["arbeid"],
            "indicators": [plain_indicator.pk],
            "acute_danger": "on",
            "postcode": "9901 AB",
            "channel": "controle",
        },
        **BACKGROUND,
    )
    body = client.get(INTAKE).content.decode()
    assert "is teruggezet" in body and "Concept verwijderen" in body
    assert "Matrassen in de loods</textarea>" in body
    assert 'value="9901 AB"' in body
    assert 'value="5b0c1a6e-8d1e-4f3b-9a43-0000000000aa"' in body
    assert f'value="{plain_indicator.pk}"' in body and "checked" in body
    assert 'id="id_acute_danger" checked' in body
    assert draft_audit(AuditAction.VIEW) == ["concept teruggezet in het meldformulier"]
    # A colleague opens an empty intake.
    other = client_for(make_user("signaleerder", voorbeeld)).get(INTAKE).content.decode()
    assert "Matrassen" not in other and "is teruggezet" not in other


# --- submit and delete ---------------------------------------------------------------------------


def test_submitting_deletes_the_draft_and_a_late_autosave_does_not_bring_it_back(client_for, reporter, intake_data):
    client = client_for(reporter)
    data = intake_data()
    client.post(DRAFT, {**data, "description": "Nog bezig"}, **BACKGROUND)
    response = client.post(INTAKE, data)
    signal = Signal.objects.get()
    assert response.status_code == 302 and not IntakeDraft.objects.exists()
    assert draft_audit(AuditAction.DELETE) == [f"concept verwijderd: melding {signal.reference} verstuurd"]
    # The autosave that was still on its way when the signal was sent.
    assert client.post(DRAFT, data, **BACKGROUND).status_code == 204
    assert not IntakeDraft.objects.exists()
    assert drafts.draft_save(actor=reporter, data={"submission_key": ["geen-uuid"]})[0] is not None


def test_concept_verwijderen_deletes_the_draft_and_its_files(client_for, reporter, make_user, voorbeeld, intake_data):
    colleague = make_user("signaleerder", voorbeeld)
    drafts.draft_save(actor=colleague, data={"description": ["van een collega"]})
    before = draft_files()
    client = client_for(reporter)
    client.post(INTAKE, intake_data(description="", attachments=[png_upload()]))
    assert IntakeDraftUpload.objects.count() == 1 and draft_files() == before + 1
    response = client.post(DRAFT_DELETE, follow=True)
    assert "Het concept is verwijderd." in response.content.decode()
    assert list(IntakeDraft.objects.values_list("owner", flat=True)) == [colleague.pk]
    assert IntakeDraftUpload.objects.count() == 0 and draft_files() == before
    assert draft_audit(AuditAction.DELETE) == ["concept verwijderd door de melder"]
    # Nothing left to delete: no message, nothing logged.
    again = client.post(DRAFT_DELETE, follow=True).content.decode()
    assert "Het concept is verwijderd." not in again and len(draft_audit(AuditAction.DELETE)) == 1


# --- attachments survive a failed submit ----------------------------------------------------


def test_a_validation_error_keeps_the_photo_and_the_next_submit_sends_it(client_for, reporter, intake_data):
    before = draft_files()
    client = client_for(reporter)
    data = intake_data(description="")
    response = client.post(INTAKE, {**data, "attachments": [png_upload("loods.png"), pdf_upload("brief.pdf")]})
    body = response.content.decode()
    assert response.status_code == 200 and "Dit veld is verplicht" in body
    assert "Al toegevoegd" in body and "loods.png" in body and "brief.pdf" in body
    assert Signal.objects.count() == 0 and draft_files() == before + 2
    assert IntakeDraft.objects.get().data["description"] == [""]
    # Reopened later (another tab, a new session): the files are still there.
    assert "loods.png" in client.get(INTAKE).content.decode()

    response = client.post(INTAKE, {**data, "description": "Nu met tekst"})
    signal = Signal.objects.get()
    assert response.status_code == 302
    assert sorted(signal.attachments.values_list("original_name", flat=True)) == ["brief.pdf", "loods.png"]
    assert {a.content_type for a in signal.attachments.all()} == {"image/png", "application/pdf"}
    assert not IntakeDraft.objects.exists() and IntakeDraftUpload.objects.count() == 0 and draft_files() == before


def test_a_ticked_pending_upload_is_removed_and_not_sent(client_for, reporter, intake_data, make_user, voorbeeld):
    colleague = make_user("signaleerder", voorbeeld)
    colleague_draft, _created = drafts.draft_save(actor=colleague, data={})
    (theirs,) = drafts.draft_keep_uploads(actor=colleague, draft=colleague_draft, uploads=[png_upload()]).kept
    client = client_for(reporter)
    data = intake_data(description="")
    client.post(INTAKE, {**data, "attachments": [png_upload("weg.png"), png_upload("blijft.png")]})
    gone = IntakeDraftUpload.objects.get(original_name="weg.png")
    body = client.post(INTAKE, {**data, "remove_upload": [gone.pk, theirs.pk, "x"]}).content.decode()
    assert "weg.png" not in body and "blijft.png" in body
    assert set(IntakeDraftUpload.objects.values_list("original_name", flat=True)) == {"blijft.png", "foto.png"}
    client.post(INTAKE, {**data, "description": "Klaar"})
    assert list(Signal.objects.get().attachments.values_list("original_name", flat=True)) == ["blijft.png"]
    assert IntakeDraftUpload.objects.get() == theirs
    assert "bijlage uit concept verwijderd" in draft_audit(AuditAction.UPDATE)


def test_a_refused_file_is_named_and_not_kept(client_for, reporter, intake_data):
    before = draft_files()
    response = client_for(reporter).post(INTAKE, intake_data(description="", attachments=[exe_upload()]))
    body = response.content.decode()
    # Once in the error summary, once at the field: the form's check and the draft's are not both shown.
    assert body.count("factuur.pdf is geen foto") == 2
    assert 'id="id_attachments_error"><p>factuur.pdf is geen foto' in body
    assert IntakeDraftUpload.objects.count() == 0 and draft_files() == before


def test_files_beyond_the_maximum_are_named_to_add_again(client_for, reporter, intake_data):
    client = client_for(reporter)
    uploads = [png_upload(f"foto{number}.png") for number in range(1, 7)]
    body = client.post(INTAKE, intake_data(description="", attachments=uploads)).content.decode()
    assert IntakeDraftUpload.objects.count() == 5
    assert "niet bewaard" in body and "<strong>foto6.png</strong>" in body


def test_a_failed_storage_write_leaves_no_pending_file(reporter, monkeypatch):
    before = draft_files()
    draft, _created = drafts.draft_save(actor=reporter, data={})

    def broken(self, *args, **kwargs):
        raise RuntimeError("schijf vol")

    monkeypatch.setattr(IntakeDraftUpload, "save", broken)
    with pytest.raises(RuntimeError):
        drafts.draft_keep_uploads(actor=reporter, draft=draft, uploads=[png_upload()])
    assert draft_files() == before


# --- the purge after 7 days ------------------------------------------------------------------------


def _aged(user, days: int, with_file: bool = False) -> IntakeDraft:
    draft, _created = drafts.draft_save(actor=user, data={"description": [f"{days} dagen"]})
    if with_file:
        drafts.draft_keep_uploads(actor=user, draft=draft, uploads=[png_upload()])
    IntakeDraft.objects.filter(pk=draft.pk).update(updated_at=timezone.now() - dt.timedelta(days=days))
    return draft


def test_the_purge_deletes_drafts_unchanged_for_seven_days(reporter, make_user, voorbeeld):
    before = draft_files()
    fresh = _aged(reporter, 6)
    _aged(make_user("signaleerder", voorbeeld), 8, with_file=True)
    assert draft_files() == before + 1
    assert drafts.drafts_purge() == 1
    assert list(IntakeDraft.objects.all()) == [fresh] and draft_files() == before
    purged = AuditEvent.objects.get(object_type="signalling.intakedraft", action=AuditAction.DELETE)
    assert purged.actor is None and purged.organisation == voorbeeld
    assert purged.reason == "concept na 7 dagen verwijderd"


def test_the_purge_runs_as_a_task_queued_by_the_command(reporter, settings):
    from baken.signalling.tasks import purge_intake_drafts

    settings.BAKEN_DRAFT_DAYS = 3
    _aged(reporter, 4)
    assert purge_intake_drafts.call() == 1
    _aged(reporter, 4)
    call_command("purge_intake_drafts", stdout=__import__("io").StringIO())  # immediate backend in tests
    assert not IntakeDraft.objects.exists()


# --- the start page leads back to the draft --------------------------------------------------------


def test_the_start_page_leads_back_to_the_draft_without_showing_it(client_for, reporter, make_user, voorbeeld):
    home = reverse("home:index")
    assert "Verder met uw melding" not in client_for(reporter).get(home).content.decode()
    drafts.draft_save(actor=reporter, data={"description": ["Geheim half verhaal"]})
    body = client_for(reporter).get(home).content.decode()
    assert "Uw melding is nog niet verstuurd" in body and f'href="{INTAKE}">Verder met uw melding</a>' in body
    assert "Geheim half verhaal" not in body
    colleague = make_user("signaleerder", voorbeeld)
    assert "Verder met uw melding" not in client_for(colleague).get(home).content.decode()
    IntakeDraft.objects.update(updated_at=timezone.now() - dt.timedelta(days=8))
    assert "Verder met uw melding" not in client_for(reporter).get(home).content.decode()
