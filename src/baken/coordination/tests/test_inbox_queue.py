"""The inbox as a work queue: columns, open signals by default, filters and sort in the URL,
counts that stay cheap, paging without a count, bulk actions (all or nothing), the CSV export,
and linking through a lookup."""

import csv
import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from baken.coordination import services
from baken.coordination.export import safe_cell
from baken.coordination.forms import BULK_MAX
from baken.coordination.models import SignalLink
from baken.core.confidentiality import Confidentiality
from baken.core.models import AuditAction, AuditEvent
from baken.signalling.models import Signal, SignalStatusChange
from baken.testing.signals import make_signal

INBOX = reverse("coordination:inbox")
BULK = reverse("coordination:bulk")


def rows_of(response) -> list:
    return list(response.context["page"].object_list)


def test_row_shows_the_columns_of_a_work_queue(client_for, triager, reporter):
    signal = make_signal(
        reporter,
        form_unknown=False,
        form_codes=["arbeid"],
        acute_danger=True,
        minor_involved="ja",
        street="Havenstraat",
        house_number="4",
        postcode="9901 AB",
        city="Voorbeeld",
        business_name="Café De Zwaan",
        location_description="",
        description="Personeel slaapt boven het café,\nin kamers zonder ramen. " + "Meer tekst. " * 20,
    )
    services.signal_assign(actor=triager, signal=signal, assignee=triager)
    body = client_for(triager).get(INBOX).content.decode()
    for text in (
        signal.reference,
        "Arbeidsuitbuiting",
        "Havenstraat 4, Voorbeeld",
        "Café De Zwaan",
        ">acuut<",
        ">minderjarige<",
        triager.get_full_name(),
        "Personeel slaapt boven het café, in kamers zonder ramen.",
    ):
        assert text in body
    assert "Meer tekst. " * 20 not in body  # one line, not the whole narrative


def test_closed_signals_are_hidden_unless_asked_for(client_for, triager, reporter):
    open_signal = make_signal(reporter)
    closed = make_signal(reporter)
    services.signal_transition(
        actor=triager, signal=closed, target="afgesloten", reason="Dubbel", outcome="geen_aanwijzing"
    )
    client = client_for(triager)
    assert rows_of(client.get(INBOX)) == [open_signal]
    assert set(rows_of(client.get(INBOX, {"status": "alle"}))) == {open_signal, closed}
    assert rows_of(client.get(INBOX, {"status": "afgesloten"})) == [closed]


def test_quick_filters_are_links_that_can_be_bookmarked(client_for, triager, reporter):
    late = make_signal(reporter)
    Signal.objects.filter(pk=late.pk).update(triage_due_on=timezone.localdate() - dt.timedelta(days=1))
    mine = make_signal(reporter)
    services.signal_assign(actor=triager, signal=mine, assignee=triager)
    client = client_for(triager)
    body = client.get(INBOX).content.decode()
    assert 'href="?overdue=true"' in body and 'href="?assigned=mij"' in body
    assert "Te laat opgepakt: <strong>1</strong>" in body and "Aan mij: <strong>1</strong>" in body
    assert "Nieuw: <strong>2</strong>" in body
    assert rows_of(client.get(INBOX, {"overdue": "true"})) == [late]
    assert rows_of(client.get(INBOX, {"assigned": "mij"})) == [mine]


def test_filters_form_pushes_its_url_and_bad_values_are_refused_plainly(client_for, triager, signal):
    client = client_for(triager)
    body = client.get(INBOX).content.decode()
    assert 'hx-push-url="true"' in body and 'method="get"' in body
    # The URL htmx pushes names only the filters that apply, so it can be bookmarked and shared.
    form = {"q": "", "status": "", "urgent": "unknown", "assigned": "niemand", "sort": "oud"}
    partial = client.get(INBOX, form, HTTP_HX_REQUEST="true")
    assert "<html" not in partial.content.decode() and signal in rows_of(partial)
    assert partial["HX-Push-Url"] == f"{INBOX}?assigned=niemand&sort=oud"
    assert client.get(INBOX, {"status": "", "urgent": "unknown"}, HTTP_HX_REQUEST="true")["HX-Push-Url"] == INBOX
    # Back to a pushed URL (htmx asks for the whole page when it keeps no copy): the page.
    restore = client.get(INBOX, {"assigned": "mij"}, HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true")
    assert "<html" in restore.content.decode() and "HX-Push-Url" not in restore
    response = client.get(INBOX, {"sort": "bogus", "date_from": "gisteren", "status": "x"})
    assert response.status_code == 200
    text = response.content.decode()
    assert "Selecteer een geldige keuze" in text or "geldige" in text
    assert signal in rows_of(response)  # an invalid filter is ignored, not half-applied


@pytest.mark.parametrize(("sort", "first"), [("nieuw", "b"), ("oud", "a"), ("deadline", "b"), ("urgent", "a")])
def test_sorts(client_for, triager, reporter, sort, first):
    made = {"a": make_signal(reporter, acute_danger=True), "b": make_signal(reporter)}
    Signal.objects.filter(pk=made["a"].pk).update(
        submitted_at=timezone.now() - dt.timedelta(days=3), triage_due_on=timezone.localdate()
    )
    Signal.objects.filter(pk=made["b"].pk).update(triage_due_on=timezone.localdate() - dt.timedelta(days=5))
    rows = rows_of(client_for(triager).get(INBOX, {"sort": sort}))
    assert rows[0] == made[first]


def test_pages_without_counting_every_row(client_for, triager, reporter, monkeypatch):
    monkeypatch.setattr("baken.coordination.views.INBOX_PAGE_SIZE", 2)
    made = [make_signal(reporter) for _ in range(5)]
    client = client_for(triager)
    first = client.get(INBOX, {"sort": "oud"})
    assert rows_of(first) == made[:2] and first.context["page"].has_next
    last = client.get(INBOX, {"sort": "oud", "pagina": 3})
    assert rows_of(last) == made[4:] and not last.context["page"].has_next
    assert "pagina=2" in last.content.decode()  # the previous page keeps the sort
    beyond = client.get(INBOX, {"sort": "oud", "pagina": 9})
    assert rows_of(beyond) == made[:2] and beyond.context["page"].number == 1
    assert "Pagina 9 bestaat niet (meer). Dit is de eerste pagina." in beyond.content.decode()


def test_query_count_does_not_grow_with_rows_forms_or_assignees(client_for, triager, reporter, make_user, voorbeeld):
    client = client_for(triager)
    colleague = make_user("aandachtsfunctionaris", voorbeeld, clearance=Confidentiality.GEHEIM)
    make_signal(reporter)
    with CaptureQueriesContext(connection) as few:
        assert client.get(INBOX).status_code == 200
    for number in range(30):
        signal = make_signal(reporter, form_unknown=False, form_codes=["arbeid", "seksueel"])
        services.signal_assign(actor=triager, signal=signal, assignee=colleague if number % 2 else triager)
    for params in ({}, {"q": "testsignaal"}, {"assigned": "mij", "sort": "deadline"}, {"status": "alle"}):
        with CaptureQueriesContext(connection) as many:
            response = client.get(INBOX, params)
        assert len(rows_of(response)) > 1
        # A search reads the matching ids first (search.matching_signals): one query more, always.
        extra = 1 if "q" in params else 0
        assert len(many.captured_queries) == len(few.captured_queries) + extra, params


def test_no_count_over_the_whole_history(client_for, triager, signal):
    """Only the quick counts (new, late, mine) are counted; never all signals of the municipality."""
    with CaptureQueriesContext(connection) as queries:
        client_for(triager).get(INBOX)
    counts = [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"] and "signalling_signal" in q["sql"]]
    assert len(counts) == 1
    assert "FILTER" in counts[0] or "CASE WHEN" in counts[0]
    assert "nieuw" in counts[0]  # limited to new signals and the user's own, not the history


# --- bulk actions --------------------------------------------------------------------------------


def test_bulk_assign_assigns_every_selected_signal_and_returns_to_the_same_view(
    client_for, triager, reporter, make_user, voorbeeld
):
    colleague = make_user("aandachtsfunctionaris", voorbeeld, clearance=Confidentiality.VERTROUWELIJK)
    selected = [make_signal(reporter) for _ in range(3)]
    untouched = make_signal(reporter)
    response = client_for(triager).post(
        BULK,
        {
            "action": "toewijzen",
            "signals": [s.pk for s in selected],
            "assignee": colleague.pk,
            "terug": "sort=oud&pagina=2&evil=https://x.invalid",
        },
    )
    assert response.status_code == 302 and response["Location"] == f"{INBOX}?sort=oud&pagina=2"
    assert {s.assigned_to_id for s in Signal.objects.filter(pk__in=[s.pk for s in selected])} == {colleague.pk}
    untouched.refresh_from_db()
    assert untouched.assigned_to is None
    assert AuditEvent.objects.filter(action=AuditAction.UPDATE, reason__contains="(selectie)").count() == 3


def test_bulk_assign_is_all_or_nothing(client_for, make_user, voorbeeld, reporter):
    boss = make_user("aandachtsfunctionaris", voorbeeld, clearance=Confidentiality.GEHEIM)
    colleague = make_user("aandachtsfunctionaris", voorbeeld, clearance=Confidentiality.VERTROUWELIJK)
    ordinary, secret = make_signal(reporter), make_signal(reporter)
    Signal.objects.filter(pk=secret.pk).update(confidentiality=Confidentiality.GEHEIM)
    response = client_for(boss).post(
        BULK, {"action": "toewijzen", "signals": [ordinary.pk, secret.pk], "assignee": colleague.pk}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Er is niets gewijzigd" in body and secret.reference in body
    assert not Signal.objects.filter(assigned_to__isnull=False).exists()
    checked = f'value="{ordinary.pk}" id="select-{ordinary.pk}" checked'
    assert checked in body  # the selection is kept


def test_bulk_status_moves_every_signal_through_the_workflow_with_one_reason(client_for, triager, reporter):
    selected = [make_signal(reporter) for _ in range(2)]
    response = client_for(triager).post(
        BULK,
        {"action": "status", "signals": [s.pk for s in selected], "target": "in_behandeling", "reason": "Opgepakt"},
    )
    assert response.status_code == 302
    for signal in selected:
        signal.refresh_from_db()
        assert signal.status == "in_behandeling"
        assert signal.status_changes.last().reason == "Opgepakt"


def test_bulk_status_changes_nothing_when_one_signal_may_not_make_the_step(client_for, triager, reporter):
    new, started = make_signal(reporter), make_signal(reporter)
    services.signal_transition(actor=triager, signal=started, target="in_behandeling")
    history = SignalStatusChange.objects.count()
    response = client_for(triager).post(
        BULK, {"action": "status", "signals": [new.pk, started.pk], "target": "monitoren", "reason": "x"}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert new.reference in body and "Er is niets gewijzigd" in body
    assert started.reference not in body.split("Er is niets gewijzigd")[1].split("</div>")[0]
    assert SignalStatusChange.objects.count() == history
    assert Signal.objects.get(pk=started.pk).status == "in_behandeling"


def test_bulk_closing_needs_reason_and_outcome_and_leaves_acute_signals_to_their_page(client_for, triager, reporter):
    plain, acute = make_signal(reporter), make_signal(reporter, acute_danger=True)
    client = client_for(triager)
    response = client.post(BULK, {"action": "status", "signals": [plain.pk], "target": "afgesloten"})
    assert response.status_code == 400
    assert "Geef een reden" in response.content.decode() and "Kies de uitkomst" in response.content.decode()
    response = client.post(
        BULK,
        {
            "action": "status",
            "signals": [plain.pk, acute.pk],
            "target": "afgesloten",
            "reason": "Geen aanwijzing",
            "outcome": "geen_aanwijzing",
        },
    )
    assert response.status_code == 400 and acute.reference in response.content.decode()
    assert set(Signal.objects.values_list("status", flat=True)) == {"nieuw"}
    response = client.post(
        BULK,
        {
            "action": "status",
            "signals": [plain.pk],
            "target": "afgesloten",
            "reason": "Geen aanwijzing",
            "outcome": "geen_aanwijzing",
        },
    )
    plain.refresh_from_db()
    assert response.status_code == 302 and (plain.status, plain.outcome) == ("afgesloten", "geen_aanwijzing")


@pytest.mark.parametrize(
    "data",
    [
        {"action": "toewijzen"},
        {"action": "status", "signals": ["1"]},
        {"action": "wissen", "signals": ["1"]},
        {"action": "toewijzen", "signals": ["x"]},
        {"action": "toewijzen", "signals": ["9" * 30]},
    ],
)
def test_bulk_refuses_bad_input_plainly(client_for, triager, signal, data):
    data = {k: ([str(signal.pk)] if v == ["1"] else v) for k, v in data.items()}
    response = client_for(triager).post(BULK, data)
    assert response.status_code == 400
    assert "Er is niets gewijzigd" in response.content.decode()
    signal.refresh_from_db()
    assert signal.assigned_to is None and signal.status == "nieuw"


def test_bulk_takes_at_most_bulk_max(client_for, triager, reporter, monkeypatch):
    monkeypatch.setattr("baken.coordination.forms.BULK_MAX", 2)
    selected = [make_signal(reporter) for _ in range(3)]
    response = client_for(triager).post(BULK, {"action": "exporteren", "signals": [s.pk for s in selected]})
    assert response.status_code == 400 and "hoogstens 2 meldingen" in response.content.decode()
    assert not AuditEvent.objects.filter(action=AuditAction.EXPORT).exists()
    assert BULK_MAX == 100


def test_bulk_never_touches_another_municipalitys_signal(client_for, triager, signal, signaleerder_zuiderhaven):
    foreign = make_signal(signaleerder_zuiderhaven)
    for action in ("toewijzen", "exporteren"):
        response = client_for(triager).post(
            BULK, {"action": action, "signals": [signal.pk, foreign.pk], "assignee": triager.pk}
        )
        assert response.status_code == 400 and foreign.reference not in response.content.decode()
    assert not Signal.objects.filter(assigned_to__isnull=False).exists()
    assert not AuditEvent.objects.filter(action=AuditAction.EXPORT).exists()


def test_bulk_is_post_only_and_needs_triage_rights(client_for, signaleerder, signal):
    assert client_for(signaleerder).post(BULK, {"action": "exporteren", "signals": [signal.pk]}).status_code == 404


# --- CSV export ----------------------------------------------------------------------------------


def test_export_writes_the_selection_as_safe_csv_and_audits_each_row(client_for, triager, reporter):
    evil = make_signal(reporter, business_name='=HYPERLINK("https://x.invalid")', description="+31 6 12345678")
    other = make_signal(reporter, street="Molenkade", house_number="1", postcode="9902 CD")
    not_selected = make_signal(reporter)
    response = client_for(triager).post(BULK, {"action": "exporteren", "signals": [evil.pk, other.pk]})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith('attachment; filename="meldingen-')
    text = response.content.decode("utf-8-sig")
    table = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert table[0][0] == "Kenmerk" and len(table) == 3
    references = {row[0] for row in table[1:]}
    assert references == {evil.reference, other.reference} and not_selected.reference not in text
    evil_row = next(row for row in table if row[0] == evil.reference)
    assert "'=HYPERLINK" in ";".join(evil_row) and "'+31 6" in ";".join(evil_row)
    assert "Molenkade 1" in text
    exported = AuditEvent.objects.filter(action=AuditAction.EXPORT)
    assert {int(e.object_id) for e in exported} == {evil.pk, other.pk}


def test_export_of_the_whole_list_streams_every_filtered_signal_and_audits_once(
    client_for, triager, reporter, signaleerder_zuiderhaven, monkeypatch
):
    from baken.coordination import export

    monkeypatch.setattr(export, "CHUNK_ROWS", 2)  # several chunks from four rows
    waiting = [make_signal(reporter, business_name="=cmd") for _ in range(4)]
    started = make_signal(reporter)
    services.signal_transition(actor=triager, signal=started, target="in_behandeling")
    foreign = make_signal(signaleerder_zuiderhaven)
    page = client_for(triager).get(INBOX, {"status": "nieuw"})
    assert reverse("coordination:inbox_export") + "?status=nieuw" in page.content.decode()

    response = client_for(triager).get(reverse("coordination:inbox_export"), {"status": "nieuw"})
    assert response.status_code == 200 and response.streaming
    assert response["Content-Type"].startswith("text/csv") and response["Cache-Control"] == "private, no-store"
    chunks = list(response.streaming_content)
    assert len(chunks) == 3
    text = b"".join(chunks).decode("utf-8-sig")
    table = list(csv.reader(io.StringIO(text), delimiter=";"))
    # Every signal the filter selects (more than a page would hold is the same code path), only
    # those, never another municipality's; cells a spreadsheet would run are neutralised.
    assert {row[0] for row in table[1:]} == {s.reference for s in waiting}
    assert all("'=cmd" in row for row in table[1:]) and not any(cell.startswith("=") for row in table for cell in row)
    assert started.reference not in text and foreign.reference not in text
    [event] = AuditEvent.objects.filter(action=AuditAction.EXPORT)
    assert event.object_type == "signalling.signal" and "4 meldingen" in event.reason and "nieuw" in event.reason


def test_export_of_the_whole_list_needs_triage_rights(client_for, signaleerder, signal):
    response = client_for(signaleerder).get(reverse("coordination:inbox_export"))
    assert response.status_code == 404
    assert not AuditEvent.objects.filter(action=AuditAction.EXPORT).exists()


def test_export_reads_a_constant_number_of_queries(client_for, triager, reporter):
    def queries() -> int:
        client = client_for(triager)
        with CaptureQueriesContext(connection) as captured:
            b"".join(client.get(reverse("coordination:inbox_export")).streaming_content)
        return len(captured.captured_queries)

    make_signal(reporter)
    few = queries()
    for _ in range(6):
        make_signal(reporter)
    assert queries() == few


@pytest.mark.parametrize(
    ("value", "safe"),
    [("=1+1", "'=1+1"), ("+31", "'+31"), ("-2", "'-2"), ("@SUM", "'@SUM"), ("\tx", "'\tx"), ("a=b", "a=b"), (None, "")],
)
def test_safe_cell(value, safe):
    assert safe_cell(value) == safe


# --- linking through a lookup --------------------------------------------------------------------


def test_lookup_finds_by_reference_address_or_business_within_the_municipality(
    client_for, triager, reporter, signal, signaleerder_zuiderhaven
):
    cafe = make_signal(reporter, business_name="Café De Zwaan", description="Boven het café")
    street = make_signal(reporter, street="Molenkade", house_number="1", postcode="9902 CD")
    make_signal(signaleerder_zuiderhaven, business_name="Café De Zwaan")
    lookup = reverse("coordination:link_lookup", args=[signal.pk])
    client = client_for(triager)

    def found(query, **headers):
        return client.get(lookup, {"link-reference": query}, **headers).context["candidates"]

    assert found("cafe zwaan") == [cafe]
    assert found("molenkade") == [street]
    assert found(street.reference) == [street]
    assert found(signal.reference) == []  # never the signal itself
    assert found("") == []
    fragment = client.get(lookup, {"link-reference": "zwaan"}, HTTP_HX_REQUEST="true")
    assert (
        "<html" not in fragment.content.decode() and f'name="link-other" value="{cafe.pk}"' in fragment.content.decode()
    )
    page = client.get(lookup, {"link-reference": "zwaan"})
    assert "<html" in page.content.decode() and 'action="/triage/' in page.content.decode()
    assert AuditEvent.objects.filter(action=AuditAction.VIEW, reason__startswith="koppelen-zoeken").exists()


def test_link_by_choice_shows_the_explanation_on_both_signals(client_for, triager, reporter, signal):
    other = make_signal(reporter, business_name="Café De Zwaan")
    client = client_for(triager)
    response = client.post(
        reverse("coordination:link", args=[signal.pk]), {"link-other": other.pk, "link-reason": "Zelfde eigenaar"}
    )
    assert response.status_code == 302
    assert SignalLink.objects.get().reason == "Zelfde eigenaar"
    for page, partner in ((signal, other), (other, signal)):
        body = client.get(reverse("coordination:signal", args=[page.pk])).content.decode()
        assert "Zelfde eigenaar" in body and partner.reference in body
        assert f"gekoppeld door {triager.get_full_name()}" in body


def test_link_by_old_form_reference_and_refusals(client_for, triager, reporter, signal, signaleerder_zuiderhaven):
    other = make_signal(reporter)
    foreign = make_signal(signaleerder_zuiderhaven)
    client = client_for(triager)
    url = reverse("coordination:link", args=[signal.pk])
    assert client.post(url, {"link-reference": ""}).status_code == 400
    response = client.post(url, {"link-other": foreign.pk})
    assert response.status_code == 400 and "Geen melding met dit kenmerk" in response.content.decode()
    response = client.post(url, {"link-other": "9" * 30})
    assert response.status_code == 400
    assert not SignalLink.objects.exists()
    response = client.post(url, {"link-reference": f"sig-{other.year}-{other.sequence:04d}"})
    assert response.status_code == 302 and SignalLink.objects.count() == 1


def test_lookup_is_404_for_a_foreign_signal_and_without_triage_rights(
    client_for, triager, signaleerder, signal, signaleerder_zuiderhaven
):
    foreign = make_signal(signaleerder_zuiderhaven)
    assert client_for(triager).get(reverse("coordination:link_lookup", args=[foreign.pk])).status_code == 404
    assert client_for(signaleerder).get(reverse("coordination:link_lookup", args=[signal.pk])).status_code == 404
