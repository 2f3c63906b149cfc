"""Page shell: health check, security headers, error pages, huisstijl, language, demo data."""

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings
from django.urls import reverse
from PIL import Image

from baken.core.models import AuditAction, AuditEvent, Organisation

ROOT = Path(__file__).resolve().parents[4]


def png_bytes(colour="#00536b") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (20, 20), colour).save(buffer, format="PNG")
    return buffer.getvalue()


def test_health_answers_without_login(client, db):
    response = client.get(reverse("core:health"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_every_response_has_csp_without_unsafe_inline_and_frame_deny(client, db):
    response = client.get(reverse("accounts:login"))
    policy = response["Content-Security-Policy"]
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"


def test_page_shows_organisation_name_and_colour_tokens_with_nonce(client_for, make_user, voorbeeld):
    voorbeeld.primary_colour = "#00536b"
    voorbeeld.save()
    response = client_for(make_user("signaleerder", voorbeeld)).get(reverse("home:index"))
    body = response.content.decode()
    assert "Gemeente Voorbeeld" in body
    assert "--baken-brand-color: #00536b" in body
    nonce = response["Content-Security-Policy"].split("'nonce-")[1].split("'")[0]
    assert f'<style nonce="{nonce}">' in body


def test_404_page_is_dutch_and_leaks_nothing(client_for, make_user, voorbeeld):
    response = client_for(make_user("signaleerder", voorbeeld)).get("/bestaat-niet/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "Pagina niet gevonden" in body and "Traceback" not in body and "urlpatterns" not in body


def test_500_page_is_dutch(rf, db):
    from baken.core.views import error_500

    response = error_500(rf.get("/"))
    assert response.status_code == 500 and "Er ging iets mis" in response.content.decode()


def test_start_page_describes_the_users_role(client_for, make_user, voorbeeld):
    body = client_for(make_user("privacy_officer", voorbeeld)).get(reverse("home:index")).content.decode()
    assert "Privacy officer" in body and reverse("core:audit_log") in body
    assert f'href="{reverse("accounts:user_list")}"' not in body


def test_navigation_shows_only_permitted_items(client_for, make_user, voorbeeld):
    body = client_for(make_user("functioneel_beheerder", voorbeeld)).get(reverse("home:index")).content.decode()
    assert reverse("accounts:user_list") in body and reverse("core:huisstijl") in body
    assert reverse("core:audit_log") not in body


def test_language_switch_to_english(client_for, make_user, voorbeeld):
    client = client_for(make_user("signaleerder", voorbeeld))
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    body = client.get(reverse("home:index")).content.decode()
    assert 'lang="en"' in body and "Skip to content" in body


def test_huisstijl_update_with_logo(client_for, make_user, voorbeeld):
    client = client_for(make_user("functioneel_beheerder", voorbeeld))
    logo = SimpleUploadedFile("logo.png", png_bytes(), content_type="image/png")
    response = client.post(
        reverse("core:huisstijl"),
        {"logo": logo, "primary_colour": "#003366", "primary_text_colour": "#ffffff", "link_colour": "#003366"},
    )
    assert response.status_code == 302
    voorbeeld.refresh_from_db()
    assert voorbeeld.primary_colour == "#003366" and voorbeeld.logo
    served = client.get(reverse("core:organisation_logo", args=["voorbeeld"]))
    assert served.status_code == 200 and served["Content-Type"] == "image/png"
    assert AuditEvent.objects.filter(action=AuditAction.UPDATE, object_type="core.organisation").exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"primary_colour": "#ffff00", "primary_text_colour": "#ffffff", "link_colour": "#003366"}, "contrast"),
        ({"primary_colour": "rood", "primary_text_colour": "#ffffff", "link_colour": "#003366"}, "hexadecimale"),
    ],
)
def test_huisstijl_refuses_bad_colours_and_changes_nothing(client_for, make_user, voorbeeld, data, message):
    client = client_for(make_user("functioneel_beheerder", voorbeeld))
    before = Organisation.objects.values().get(pk=voorbeeld.pk)
    response = client.post(reverse("core:huisstijl"), data)
    assert response.status_code == 200 and message in response.content.decode()
    assert Organisation.objects.values().get(pk=voorbeeld.pk) == before


def test_huisstijl_refuses_executable_named_png(client_for, make_user, voorbeeld):
    client = client_for(make_user("functioneel_beheerder", voorbeeld))
    fake = SimpleUploadedFile("logo.png", b"MZ\x90\x00" + b"\x00" * 200, content_type="image/png")
    response = client.post(
        reverse("core:huisstijl"),
        {"logo": fake, "primary_colour": "#003366", "primary_text_colour": "#ffffff", "link_colour": "#003366"},
    )
    assert response.status_code == 200 and "geen geldige afbeelding" in response.content.decode()
    voorbeeld.refresh_from_db()
    assert not voorbeeld.logo and voorbeeld.primary_colour != "#003366"


def test_cbs_code_is_validated(db, region):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        Organisation(name="X", slug="x", cbs_code="GM12", region=region).full_clean()


@pytest.mark.embedded_db
def test_demo_data_is_idempotent(db):
    from baken.testing.snapshots import row_counts

    call_command("load_demo_data", stdout=io.StringIO())
    first = row_counts()
    call_command("load_demo_data", stdout=io.StringIO())
    # Every table (all installed models), not only the ones this test thought of.
    assert row_counts() == first
    from baken.accounts.models import User

    # One account per municipal role (the handhavingsjurist included) and a second beheerder.
    assert User.objects.filter(username__endswith="-voorbeeld").count() == 9
    assert User.objects.get(username="zorgcoordinator-regio").region.name == "Regio Voorbeeld"
    regional_officer = User.objects.get(username="privacy-regio")
    assert (regional_officer.organisation, regional_officer.region.name) == (None, "Regio Voorbeeld")
    assert regional_officer.groups.filter(name="privacy_officer").exists()
    assert Organisation.objects.get(slug="zuiderhaven").cbs_code == "GM9902"


@override_settings(BAKEN_ENVIRONMENT="production")
def test_demo_data_refuses_production(db):
    with pytest.raises(CommandError):
        call_command("load_demo_data", stdout=io.StringIO())
    from baken.accounts.models import User

    assert not User.objects.exists()


def test_check_deploy_is_clean_with_production_settings():
    # The browser tests allow sync ORM calls next to Playwright's loop; a deployment never does.
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env |= {
        "DJANGO_SETTINGS_MODULE": "baken.conf.production",
        "SECRET_KEY": "x" * 20 + "-production-like-secret-key-for-the-deploy-check-" + "y" * 20,
        "ALLOWED_HOSTS": "baken.example.nl",
        "DATABASE_URL": "postgres://baken:baken@localhost:5432/baken",
        "BAKEN_ENCRYPTION_KEYS": "qWLUmnZRp0vd8Lb9Yqzn1X0d6dbsCB1P4vfAqHcaG6E=",
    }
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_install_commands_create_organisation_and_first_beheerder(db):
    out = io.StringIO()
    call_command(
        "create_organisation", name="Gemeente Test", slug="test", cbs_code="GM0123", region_slug="r", stdout=out
    )
    call_command(
        "create_account",
        organisation="test",
        username="beheer",
        email="b@x.nl",
        role=["functioneel_beheerder"],
        stdout=out,
    )
    from baken.accounts.models import User

    user = User.objects.get(username="beheer")
    assert user.organisation.slug == "test" and not user.has_usable_password()
    from django.conf import settings

    assert f"{settings.BAKEN_BASE_URL.rstrip('/')}/account/wachtwoord/nieuw/" in out.getvalue()  # absolute
    # The new municipality has the national partners at once.
    assert user.organisation.partners.filter(national_code="alarmnummer-112").exists()
    with pytest.raises(CommandError):
        call_command("create_organisation", name="Fout", slug="fout", cbs_code="12345", stdout=out)
    assert not Organisation.objects.filter(slug="fout").exists()


def test_dutch_by_default_even_for_an_english_browser(client_for, make_user, voorbeeld):
    client = client_for(make_user("signaleerder", voorbeeld))
    body = client.get(reverse("home:index"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert 'lang="nl"' in body and "Naar de inhoud" in body
