"""The inspection form in the field: its draft on the server (per user, at the case's level,
deleted when sent or after BAKEN_DRAFT_DAYS) and photos with the content checks of a signal's
attachment, served with no-store and audited."""

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from baken.core.access import policy_for
from baken.core.confidentiality import Confidentiality
from baken.core.drafts import MAX_VALUE_LENGTH
from baken.core.exceptions import NotPermitted
from baken.core.models import AuditEvent
from baken.enforcement import drafts, services
from baken.enforcement.models import Inspection, InspectionDraft, InspectionPhoto

BACKGROUND = {"HTTP_X_BAKEN_BACKGROUND": "1"}


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def png(name="foto.png", size=(40, 40)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, "#336699").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def _urls(inspection):
    args = [inspection.case_id, inspection.pk]
    return {
        "page": reverse("enforcement:inspection", args=args),
        "draft": reverse("enforcement:inspection_draft", args=args),
        "record": reverse("enforcement:inspection_record", args=args),
        "photo": reverse("enforcement:inspection_photo_add", args=args),
    }


def _record_data(**overrides):
    data = {
        "performed_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "situation": "toegang_verleend",
        "observed_residents": "9",
        "notes": "Zes matrassen in de schuur",
        "outcome": "overtreding",
    }
    return data | overrides


# --- the draft ------------------------------------------------------------------------------------


def test_autosave_keeps_the_draft_and_the_page_restores_it(client_for, inspector, inspection):
    client = client_for(inspector)
    urls = _urls(inspection)
    response = client.post(urls["draft"], {"notes": "Zes matrassen", "observed_residents": "9", "x": "y"}, **BACKGROUND)
    assert response.status_code == 200
    assert "Concept opgeslagen om" in response.json()["text"]
    draft = InspectionDraft.objects.get()
    assert draft.data == {"notes": ["Zes matrassen"], "observed_residents": ["9"]}  # unknown names dropped
    assert draft.confidentiality == inspection.case.confidentiality
    assert draft.owner == inspector
    assert AuditEvent.objects.filter(object_type="enforcement.inspectiondraft", action="create").count() == 1

    page = client.get(urls["page"]).content.decode()
    assert "Zes matrassen" in page
    assert "is teruggezet" in page
    assert AuditEvent.objects.filter(object_type="enforcement.inspectiondraft", action="view").count() == 1

    # A second autosave replaces it and is not logged line by line.
    client.post(urls["draft"], {"notes": "Acht matrassen"}, **BACKGROUND)
    assert InspectionDraft.objects.get().data == {"notes": ["Acht matrassen"]}
    assert not AuditEvent.objects.filter(object_type="enforcement.inspectiondraft", action="update").exists()
    InspectionDraft.objects.update(audited_at=timezone.now() - dt.timedelta(hours=1))
    client.post(urls["draft"], {"notes": "Negen matrassen"}, **BACKGROUND)
    assert AuditEvent.objects.filter(object_type="enforcement.inspectiondraft", action="update").count() == 1

    # Without JavaScript the same endpoint answers with the page.
    response = client.post(urls["draft"], {"notes": "Tien"}, follow=True)
    assert "Uw concept is bewaard." in response.content.decode()


def test_sending_the_form_deletes_the_draft(client_for, inspector, inspection):
    client = client_for(inspector)
    urls = _urls(inspection)
    client.post(urls["draft"], {"notes": "Half getypt"}, **BACKGROUND)
    response = client.post(urls["record"], _record_data())
    assert response.status_code == 302
    assert not InspectionDraft.objects.exists()
    assert AuditEvent.objects.filter(object_type="enforcement.inspectiondraft", action="delete").exists()
    page = client.get(urls["page"]).content.decode()
    assert "Verstuurd: dit is de vastgelegde controle." in page
    assert Inspection.objects.get().notes == "Zes matrassen in de schuur"


def test_the_owner_deletes_the_draft_and_the_form_is_empty_again(client_for, inspector, inspection):
    client = client_for(inspector)
    urls = _urls(inspection)
    delete = reverse("enforcement:inspection_draft_delete", args=[inspection.case_id, inspection.pk])
    assert "Concept verwijderen" not in client.get(urls["page"]).content.decode()  # nothing to delete
    client.post(urls["draft"], {"notes": "Weggooien"}, **BACKGROUND)
    assert "Concept verwijderen" in client.get(urls["page"]).content.decode()

    response = client.post(delete, follow=True)
    page = response.content.decode()
    assert "Het concept is verwijderd." in page
    assert "Weggooien" not in page
    assert not InspectionDraft.objects.exists()
    deleted = AuditEvent.objects.get(object_type="enforcement.inspectiondraft", action="delete")
    assert deleted.reason == "concept verwijderd door de gebruiker"
    # Nothing left: a second delete changes nothing and says nothing.
    response = client.post(delete, follow=True)
    assert "Het concept is verwijderd." not in response.content.decode()
    assert AuditEvent.objects.filter(object_type="enforcement.inspectiondraft", action="delete").count() == 1
    assert Inspection.objects.get().status == "gepland"


def test_another_users_draft_is_not_deleted(client_for, make_user, inspector, inspection):
    colleague = make_user("toezichthouder", inspection.case.organisation, clearance=inspector.clearance)
    client_for(inspector).post(_urls(inspection)["draft"], {"notes": "Van Tom"}, **BACKGROUND)
    delete = reverse("enforcement:inspection_draft_delete", args=[inspection.case_id, inspection.pk])
    assert client_for(colleague).post(delete).status_code == 302
    assert InspectionDraft.objects.get().data == {"notes": ["Van Tom"]}


def test_a_refused_submit_keeps_what_was_typed_as_the_draft(client_for, inspector, inspection):
    client = client_for(inspector)
    response = client.post(_urls(inspection)["record"], _record_data(outcome="", notes="Niet verloren"))
    assert response.status_code == 400
    assert "Niet verloren" in response.content.decode()
    assert InspectionDraft.objects.get().data["notes"] == ["Niet verloren"]
    assert Inspection.objects.get().status == "gepland"


def test_an_overlong_value_is_refused_whole(client_for, inspector, inspection):
    client = client_for(inspector)
    urls = _urls(inspection)
    client.post(urls["draft"], {"notes": "Goed"}, **BACKGROUND)
    too_long = "x" * (MAX_VALUE_LENGTH + 1)
    response = client.post(urls["draft"], {"notes": too_long}, **BACKGROUND)
    assert response.status_code == 400
    assert "langer dan een controle toestaat" in response.content.decode()
    response = client.post(urls["draft"], {"notes": too_long}, follow=True)
    assert "langer dan een controle toestaat" in response.content.decode()
    # A refused submit with an overlong value keeps the last good draft.
    assert client.post(urls["record"], _record_data(notes=too_long)).status_code == 400
    assert InspectionDraft.objects.get().data == {"notes": ["Goed"]}


def test_a_draft_is_its_owners_only(client_for, make_user, inspector, jurist, inspection):
    client_for(inspector).post(_urls(inspection)["draft"], {"notes": "Alleen van Tom"}, **BACKGROUND)
    colleague = make_user("toezichthouder", inspection.organisation, clearance=Confidentiality.VERTROUWELIJK)
    page = client_for(colleague).get(_urls(inspection)["page"]).content.decode()
    assert "Alleen van Tom" not in page
    assert not policy_for(InspectionDraft).visible(colleague).exists()
    # The jurist may not record inspections: no autosave either.
    assert client_for(jurist).post(_urls(inspection)["draft"], {"notes": "x"}).status_code == 404
    with pytest.raises(NotPermitted):
        drafts.draft_save(actor=jurist, inspection=inspection, data={})
    assert not drafts.draft_delete(actor=colleague, inspection=inspection, reason="x")
    assert InspectionDraft.objects.count() == 1


def test_a_draft_follows_the_cases_confidentiality(client_for, make_user, inspector, inspection, signal, triager):
    low = make_user("toezichthouder", inspection.organisation, clearance=Confidentiality.ZAAKVERTROUWELIJK)
    drafts.draft_save(actor=low, inspection=inspection, data={"notes": ["Van laag"]})
    services.case_link_signal(actor=triager, case=inspection.case, signal=signal)  # raised to vertrouwelijk
    assert drafts.draft_for(user=low, inspection=inspection) is None
    assert client_for(low).post(_urls(inspection)["draft"], {"notes": "x"}).status_code == 404
    draft, created = drafts.draft_save(actor=inspector, inspection=inspection, data={"notes": ["Van Tom"]})
    assert created and draft.confidentiality == Confidentiality.VERTROUWELIJK


def test_drafts_are_purged_after_the_set_days(client_for, inspector, inspection, settings):
    draft, _created = drafts.draft_save(actor=inspector, inspection=inspection, data={"notes": ["Oud"]})
    InspectionDraft.objects.update(updated_at=timezone.now() - dt.timedelta(days=settings.BAKEN_DRAFT_DAYS, hours=1))
    assert drafts.draft_for(user=inspector, inspection=inspection) is None
    # An autosave before the purge starts the draft anew.
    again, created = drafts.draft_save(actor=inspector, inspection=inspection, data={"notes": ["Nieuw"]})
    assert not created and again.pk == draft.pk
    assert drafts.drafts_purge() == 0
    assert drafts.drafts_purge(now=timezone.now() + dt.timedelta(days=settings.BAKEN_DRAFT_DAYS, hours=1)) == 1
    assert not InspectionDraft.objects.exists()
    assert AuditEvent.objects.filter(object_type="enforcement.inspectiondraft", action="delete", actor=None).exists()


def test_the_purge_command_queues_the_task(inspector, inspection, capsys):
    drafts.draft_save(actor=inspector, inspection=inspection, data={"notes": ["Oud"]})
    InspectionDraft.objects.update(updated_at=timezone.now() - dt.timedelta(days=30))
    call_command("purge_inspection_drafts")
    assert "Purge of expired inspection drafts queued" in capsys.readouterr().out
    assert not InspectionDraft.objects.exists()  # the test task backend runs it at once


# --- photos ---------------------------------------------------------------------------------------


def test_a_photo_is_added_and_served_with_no_store_and_audited(client_for, inspector, inspection):
    client = client_for(inspector)
    response = client.post(_urls(inspection)["photo"], {"foto-photo": png("schuur.png")}, follow=True)
    assert "De foto is toegevoegd." in response.content.decode()
    photo = InspectionPhoto.objects.get()
    assert photo.content_type == "image/png" and photo.file.name.endswith(".png")
    assert "schuur" not in photo.file.name  # never the uploaded name
    assert "schuur.png" in response.content.decode()
    url = reverse("enforcement:inspection_photo", args=[inspection.case_id, inspection.pk, photo.pk])
    download = client.get(url)
    assert download.status_code == 200
    assert download["Cache-Control"] == "private, no-store"
    assert download["X-Content-Type-Options"] == "nosniff"
    assert download["Content-Type"] == "image/png"
    assert AuditEvent.objects.filter(
        actor=inspector, action="view", object_type="enforcement.inspectionphoto", object_id=str(photo.pk)
    ).exists()


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("foto.jpg", b"niet echt een foto" * 10, content_type="image/jpeg"), "is geen foto"),
        (
            SimpleUploadedFile("verslag.pdf", b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\n%%EOF\n"),
            "is geen foto (JPEG, PNG, WebP, HEIC).",
        ),
        (SimpleUploadedFile("leeg.png", b""), "Het verstuurde bestand is leeg."),
    ],
)
def test_a_file_that_is_no_photo_is_refused_and_nothing_saved(client_for, inspector, inspection, upload, message):
    response = client_for(inspector).post(_urls(inspection)["photo"], {"foto-photo": upload})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not InspectionPhoto.objects.exists()


def test_photo_size_and_count_limits(inspector, inspection, monkeypatch):
    monkeypatch.setattr("baken.signalling.uploads.MAX_ATTACHMENT_BYTES", 10)
    with pytest.raises(ValidationError, match="te groot"):
        services.inspection_photo_add(actor=inspector, inspection=inspection, upload=png())
    monkeypatch.undo()
    monkeypatch.setattr(services, "MAX_PHOTOS", 1)
    services.inspection_photo_add(actor=inspector, inspection=inspection, upload=png())
    with pytest.raises(ValidationError, match="hoogstens 1 foto"):
        services.inspection_photo_add(actor=inspector, inspection=inspection, upload=png())
    assert InspectionPhoto.objects.count() == 1


def test_a_photo_whose_row_cannot_be_saved_leaves_no_file(inspector, inspection, monkeypatch, tmp_path):
    def fail(*args, **kwargs):
        raise RuntimeError("database weg")

    monkeypatch.setattr(services, "audit_record", fail)
    with pytest.raises(RuntimeError):
        services.inspection_photo_add(actor=inspector, inspection=inspection, upload=png())
    assert not InspectionPhoto.objects.exists()
    assert not any(path.is_file() for path in tmp_path.rglob("*"))


def test_photos_follow_the_inspections_policy(client_for, make_user, zuiderhaven, jurist, inspector, inspection):
    photo = services.inspection_photo_add(actor=inspector, inspection=inspection, upload=png())
    url = reverse("enforcement:inspection_photo", args=[inspection.case_id, inspection.pk, photo.pk])
    assert client_for(jurist).get(url).status_code == 200  # sees the inspection
    assert client_for(jurist).post(_urls(inspection)["photo"], {"foto-photo": png()}).status_code == 404
    with pytest.raises(NotPermitted):
        services.inspection_photo_add(actor=jurist, inspection=inspection, upload=png())
    stranger = make_user("toezichthouder", zuiderhaven, clearance=Confidentiality.VERTROUWELIJK)
    assert client_for(stranger).get(url).status_code == 404
    assert not policy_for(InspectionPhoto).visible(stranger).exists()
    assert list(policy_for(InspectionPhoto).users_for(photo, "change")) == [inspector]


def test_the_policies_of_drafts_and_photos(inspector, jurist, inspection):
    from baken.enforcement.models import LetterTemplate

    photo = services.inspection_photo_add(actor=inspector, inspection=inspection, upload=png())
    assert list(policy_for(InspectionPhoto).rows_for(jurist, "view")) == [photo]
    assert not policy_for(InspectionPhoto).rows_for(jurist, "change").exists()
    assert policy_for(InspectionDraft).user_may(inspector, "view")
    assert not policy_for(InspectionDraft).user_may(jurist, "view")
    assert not policy_for(LetterTemplate).visible(inspector).exists()
