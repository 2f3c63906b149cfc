"""The annual report (jaarrapportage): the beleidsmaker asks for a year with a narrative, a
background task makes the PDF as a new version with the dashboards' own figures (suppressed),
the Kader's status and the action plan's progress; only the own municipality's beleidsmaker
sees or downloads a version, and each download is audited."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from baken.core.exceptions import NotPermitted
from baken.core.models import AuditAction, AuditEvent
from baken.reporting import annual_report
from baken.reporting.figures import Period
from baken.reporting.models import AnnualReport, ReportStatus
from baken.reporting.services import MAX_NARRATIVE, annual_report_request
from baken.signalling.models import Signal
from baken.testing.signals import make_signal

URL = reverse("reporting:annual_reports")
NOW = dt.datetime(2026, 11, 30, 12, tzinfo=dt.UTC)
NARRATIVE = "In 2025 zijn de baliemedewerkers getraind.\nDe meldingen namen toe."

pytestmark = pytest.mark.usefixtures("frozen")


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def beleidsmaker(make_user, voorbeeld):
    return make_user("beleidsmaker", voorbeeld, username="bm")


@pytest.fixture
def as_text(monkeypatch):
    """The PDF's HTML instead of the PDF, to read what it holds."""
    monkeypatch.setattr(
        annual_report,
        "render_pdf",
        lambda template, context, organisation=None: render_to_string(
            template, {**context, "organisation": organisation}
        ).encode(),
    )


@pytest.fixture
def made(django_capture_on_commit_callbacks):
    """Ask for a version and run what is enqueued after commit (the test settings' tasks run at
    once); the version as the task left it."""

    def ask(actor, year=2025, narrative=NARRATIVE):
        with django_capture_on_commit_callbacks(execute=True):
            report = _request(actor, year=year, narrative=narrative)
        report.refresh_from_db()
        return report

    return ask


def _at(signal, day: dt.date) -> None:
    moment = timezone.make_aware(dt.datetime.combine(day, dt.time(10, 0)))
    Signal.objects.filter(pk=signal.pk).update(submitted_at=moment)


@pytest.fixture
def history(reporter):
    """12 signals in March 2025, 3 in June 2024, 2 in 2026 (outside the report)."""
    for day, n in ((dt.date(2025, 3, 10), 12), (dt.date(2024, 6, 3), 3), (dt.date(2026, 2, 1), 2)):
        for _ in range(n):
            _at(make_signal(reporter), day)


def _request(actor, year=2025, narrative=NARRATIVE):
    return annual_report_request(actor=actor, year=year, narrative=narrative)


# --- the service ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("year", "narrative", "field", "message"),
    [
        (2014, "", "year", "Kies een jaar van 2015 tot en met 2026."),
        (2027, "", "year", "Kies een jaar van 2015 tot en met 2026."),
        (None, "", "year", "Kies een jaar van 2015 tot en met 2026."),
        (2025, "x" * (MAX_NARRATIVE + 1), "narrative", "De toelichting is 10001 tekens; het mogen er hoogstens"),
    ],
)
def test_bad_input_is_refused_in_dutch_and_nothing_is_saved(beleidsmaker, year, narrative, field, message):
    with pytest.raises(ValidationError) as refused:
        _request(beleidsmaker, year=year, narrative=narrative)
    assert message in refused.value.message_dict[field][0]
    assert not AnnualReport.objects.exists()
    assert not AuditEvent.objects.filter(object_type="reporting.annualreport").exists()


def test_a_narrative_of_the_maximum_length_is_kept(beleidsmaker):
    report = _request(beleidsmaker, narrative="a\r\n" + "x" * (MAX_NARRATIVE - 2))
    assert len(report.narrative) == MAX_NARRATIVE and "\r" not in report.narrative


def test_only_the_beleidsmaker_may_ask(signaleerder, triager):
    for actor in (signaleerder, triager):
        with pytest.raises(NotPermitted):
            _request(actor)
    assert not AnnualReport.objects.exists()


def test_versions_are_numbered_per_municipality_and_year(beleidsmaker, make_user, zuiderhaven, as_text):
    first, second, other_year = _request(beleidsmaker), _request(beleidsmaker), _request(beleidsmaker, year=2024)
    elsewhere = _request(make_user("beleidsmaker", zuiderhaven))
    assert (first.version, second.version, other_year.version, elsewhere.version) == (1, 2, 1, 1)
    audit = AuditEvent.objects.get(object_type="reporting.annualreport", object_id=str(second.pk))
    assert audit.action == AuditAction.CREATE and "versie 2" in audit.reason


# --- the task -------------------------------------------------------------------------------------


def test_the_task_makes_a_pdf(made, beleidsmaker, history):
    report = made(beleidsmaker)
    assert report.status == ReportStatus.DONE and report.progress == 100 and report.finished_at
    assert bytes(report.pdf).startswith(b"%PDF")


def test_the_pdf_holds_the_years_figures_the_kader_and_the_narrative(made, beleidsmaker, history, as_text):
    from baken.policy.services import assessment_item_update
    from baken.testing.policy import make_assessment, make_plan

    for year, status, count in ((2024, "niet", 2), (2025, "volledig", 3), (2026, "gedeeltelijk", 5)):
        assessment = make_assessment(beleidsmaker, year=year)
        for item in assessment.items.order_by("order", "id")[:count]:
            assessment_item_update(actor=beleidsmaker, item=item, values={"status": status, "evidence": "Besluit"})
    make_plan(beleidsmaker)

    report = made(beleidsmaker)
    html = bytes(report.pdf).decode()
    period = Period(dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    assert "Jaarrapportage mensenhandel 2025" in html
    assert period.label in html and period.year_earlier().label in html  # this year beside last year
    assert "In 2025 zijn de baliemedewerkers getraind." in html
    # Meldingen: 12 in 2025, shown; 3 in 2024, suppressed exactly as on the dashboard.
    assert '<th scope="row">Meldingen</th><td class="figure">12</td><td class="figure">&lt; 11</td>' in html
    assert "3</td>" not in html.split("Kerncijfers")[1].split("</table>")[0]
    # The Kader: the self-assessment of the year beside the one before; not the later one.
    assert "Zelfevaluatie 2025" in html and "Zelfevaluatie 2024" in html
    assert "Zelfevaluatie 2026" not in html
    assert '<th scope="row">Volledig</th><td class="figure">3</td><td class="figure">0</td>' in html
    assert "Acties van het actieplan per status" in html
    assert "Zorg" in html and "Handhaving" in html
    # Lead times over fewer signals than the threshold are withheld, as on the dashboard.
    assert "Doorlooptijden" in html and "te weinig meldingen" in html


def test_the_current_year_is_reported_up_to_today(made, beleidsmaker, history, as_text):
    report = made(beleidsmaker, year=2026)
    assert Period(dt.date(2026, 1, 1), dt.date(2026, 11, 30)).label in bytes(report.pdf).decode()


def test_a_failure_marks_the_version_failed_with_a_message(made, beleidsmaker, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("WeasyPrint")

    monkeypatch.setattr(annual_report, "render_pdf", broken)
    report = made(beleidsmaker)
    assert report.status == ReportStatus.FAILED and report.pdf is None and report.finished_at
    assert report.error == "De rapportage kon niet worden gemaakt (RuntimeError). Vraag haar opnieuw aan."


def test_a_requester_who_lost_the_role_gets_no_figures(beleidsmaker, as_text):
    report = _request(beleidsmaker)  # not run: the task waits
    beleidsmaker.groups.clear()
    assert annual_report.generate(report.pk) == ReportStatus.FAILED
    report.refresh_from_db()
    assert report.status == ReportStatus.FAILED and "niet meer zien" in report.error
    # A version that was started already is left alone.
    assert annual_report.generate(report.pk) == ReportStatus.FAILED


# --- the pages ------------------------------------------------------------------------------------


def test_the_page_asks_lists_and_shows_progress(client_for, beleidsmaker):
    client = client_for(beleidsmaker)
    page = client.get(URL)
    assert page.status_code == 200 and page.context["year"] == 2025
    response = client.post(URL, {"year": "2025", "narrative": NARRATIVE})  # the task waits for the commit
    assert response.status_code == 302 and response["Location"].endswith("?jaar=2025")
    page = client.get(URL, {"jaar": "2025"})
    assert [v.version for v in page.context["versions"]] == [1]
    assert page.context["running"]
    html = page.content.decode()
    assert '<meta http-equiv="refresh" content="5">' in html and "In de wachtrij" in html
    assert client.get(URL, {"jaar": "1999"}).context["year"] == 2025  # an impossible year: last year
    AnnualReport.objects.update(status=ReportStatus.RUNNING, progress=60, step="PDF opmaken")
    html = client.get(URL, {"jaar": "2025"}).content.decode()
    assert '<progress max="100" value="60">' in html and "(PDF opmaken)" in html and "Nu verversen" in html
    AnnualReport.objects.update(status=ReportStatus.FAILED, error="De rapportage kon niet worden gemaakt.")
    html = client.get(URL, {"jaar": "2025"}).content.decode()
    assert "refresh" not in html and "Mislukt: De rapportage kon niet worden gemaakt." in html


def test_a_version_left_running_by_a_stopped_worker_shows_as_broken_off(client_for, beleidsmaker):
    client = client_for(beleidsmaker)
    report = _request(beleidsmaker)
    AnnualReport.objects.filter(pk=report.pk).update(status=ReportStatus.RUNNING, progress=10)
    assert client.get(URL, {"jaar": "2025"}).context["running"]  # just started: wait for it
    AnnualReport.objects.filter(pk=report.pk).update(created_at=timezone.now() - dt.timedelta(minutes=31))
    page = client.get(URL, {"jaar": "2025"})
    html = page.content.decode()
    assert not page.context["running"] and "refresh" not in html
    assert "onderbroken (de achtergrondtaak stopte tijdens het maken)" in html
    # A new version may be asked for; it is queued as version 2.
    assert client.post(URL, {"year": "2025", "narrative": "Opnieuw"}).status_code == 302
    assert list(AnnualReport.objects.filter(year=2025).values_list("version", "status")) == [
        (2, ReportStatus.QUEUED),
        (1, ReportStatus.RUNNING),
    ]


def test_bad_input_on_the_page_saves_nothing(client_for, beleidsmaker):
    client = client_for(beleidsmaker)
    response = client.post(URL, {"year": "2030", "narrative": "x"})
    assert response.status_code == 400 and "Kies een jaar van 2015 tot en met 2026." in response.content.decode()
    response = client.post(URL, {"year": "2025", "narrative": "x" * (MAX_NARRATIVE + 1)})
    assert response.status_code == 400 and "hoogstens 10000" in response.content.decode()
    assert client.post(URL, {"year": "twee"}).status_code == 400
    assert not AnnualReport.objects.exists()


def test_the_download_is_audited(made, client_for, beleidsmaker, as_text):
    report = made(beleidsmaker)
    response = client_for(beleidsmaker).get(reverse("reporting:annual_report_pdf", args=[report.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    assert 'filename="jaarrapportage-2025-versie-1.pdf"' in response["Content-Disposition"]
    audit = AuditEvent.objects.get(object_type="reporting.annualreport", action=AuditAction.EXPORT)
    assert audit.object_id == str(report.pk) and audit.actor == beleidsmaker and "(pdf)" in audit.reason


def test_a_version_not_made_yet_cannot_be_downloaded(client_for, beleidsmaker):
    report = _request(beleidsmaker)  # queued
    assert client_for(beleidsmaker).get(reverse("reporting:annual_report_pdf", args=[report.pk])).status_code == 404


def test_another_municipality_and_other_roles_get_404(
    made, client_for, beleidsmaker, make_user, zuiderhaven, signaleerder, triager, region, as_text
):
    own = made(beleidsmaker)
    foreign = made(make_user("beleidsmaker", zuiderhaven))
    client = client_for(beleidsmaker)
    assert client.get(reverse("reporting:annual_report_pdf", args=[foreign.pk])).status_code == 404
    assert [v.pk for v in client.get(URL).context["versions"]] == [own.pk]
    regional = make_user("beleidsmaker", None, region=region, username="bm-regio")
    for outsider in (signaleerder, triager, regional):
        other = client_for(outsider)
        assert other.get(URL).status_code == 404
        assert other.post(URL, {"year": "2025", "narrative": "x"}).status_code == 404
        assert other.get(reverse("reporting:annual_report_pdf", args=[own.pk])).status_code == 404
    assert AnnualReport.objects.count() == 2
    assert not AuditEvent.objects.filter(action=AuditAction.EXPORT).exists()
