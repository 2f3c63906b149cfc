"""One source of truth: every indicator of the intake has its entry in the Kennisbank, and
every help link in the intake leads to it."""

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from baken.signalling.models import Indicator, IndicatorGroup


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[dict] = []
        self._link = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a":
            self._link = {**attrs, "text": ""}
            self.links.append(self._link)

    def handle_data(self, data):
        if self._link is not None:
            self._link["text"] += data

    def handle_endtag(self, tag):
        if tag == "a":
            self._link = None


def parse(response) -> _Collector:
    collector = _Collector()
    collector.feed(response.content.decode())
    return collector


def test_every_indicator_in_the_catalogue_has_a_knowledge_entry(client_for, signaleerder):
    client = client_for(signaleerder)
    indicators = list(Indicator.objects.filter(organisation__isnull=True).select_related("group", "ilo_indicator"))
    assert len(indicators) >= 50
    pages = {}
    for code in {i.group.catalogue_list for i in indicators}:
        response = client.get(reverse("knowledge:signals", args=[code]))
        assert response.status_code == 200
        pages[code] = (parse(response), response.content.decode())
    for indicator in indicators:
        collector, body = pages[indicator.group.catalogue_list]
        assert indicator.code in collector.ids, indicator.code
        article = body.split(f'id="{indicator.code}"', 1)[1].split("</article>", 1)[0]
        assert indicator.label.replace("'", "&#x27;").replace('"', "&quot;") in article
        assert indicator.explanation.split(".")[0].replace("'", "&#x27;").replace('"', "&quot;") in article
        if indicator.ilo_indicator:
            assert indicator.ilo_indicator.code in article
        assert ("kritiek: direct handelen" in article) == indicator.critical


def test_intake_help_links_resolve_to_the_indicator_entry(client_for, signaleerder):
    client = client_for(signaleerder)
    intake = client.get(reverse("signalling:intake"))
    assert intake.status_code == 200
    links = [link for link in parse(intake).links if link["text"].strip() == "Meer over dit signaal"]
    active = Indicator.objects.filter(active=True, organisation__isnull=True)
    assert len(links) == active.count()
    labels = set(active.values_list("label", flat=True))
    targets = {}
    for link in links:
        url = urlsplit(link["href"])
        assert url.fragment, link
        # the accessible name names the indicator, and the link opens next to the form
        label = re.match(r"Meer over dit signaal: (.*) \(opent in een nieuw tabblad\)$", link["aria-label"])[1]
        assert label in labels
        assert link["target"] == "_blank" and "noopener" in link["rel"]
        if url.path not in targets:
            response = client.get(url.path)
            assert response.status_code == 200, url.path
            targets[url.path] = parse(response).ids
        assert url.fragment in targets[url.path], link["href"]


def test_help_links_also_come_with_the_htmx_indicator_list(client_for, signaleerder):
    response = client_for(signaleerder).get(reverse("signalling:intake_indicators"), {"exploitation_forms": "arbeid"})
    body = response.content.decode()
    indicator = Indicator.objects.filter(forms__code="arbeid", group__catalogue_list="arbeid").first()
    assert f'href="/kennisbank/signalen/arbeid/#{indicator.code}"' in body


def test_local_indicator_is_shown_to_its_own_municipality_only(
    client_for, signaleerder, signaleerder_zuiderhaven, zuiderhaven
):
    group = IndicatorGroup.objects.get(code="balie-brp")
    Indicator.objects.create(
        organisation=zuiderhaven,
        code="ZH-HAVEN-01",
        label="Bemanning slaapt aan boord",
        explanation="Lokaal.",
        group=group,
    )
    url = reverse("knowledge:signals", args=["balie"])
    assert "ZH-HAVEN-01" in client_for(signaleerder_zuiderhaven).get(url).content.decode()
    assert "ZH-HAVEN-01" not in client_for(signaleerder).get(url).content.decode()


def test_form_page_lists_the_signals_of_that_form(client_for, signaleerder):
    body = client_for(signaleerder).get(reverse("knowledge:page", args=["criminele-uitbuiting"])).content.decode()
    for indicator in Indicator.objects.filter(forms__code="crimineel", active=True).select_related("group"):
        assert f"/kennisbank/signalen/{indicator.group.catalogue_list}/#{indicator.code}" in body
    assert reverse("knowledge:barrier_model", args=["criminele-uitbuiting"]) in body


@pytest.mark.parametrize("code", ["onbekend", "voorbeeld"])
def test_unknown_list_is_404(client_for, signaleerder, code):
    assert client_for(signaleerder).get(reverse("knowledge:signals", args=[code])).status_code == 404


def test_signals_index_counts_per_list(client_for, signaleerder):
    body = client_for(signaleerder).get(reverse("knowledge:signals_index")).content.decode()
    count = Indicator.objects.filter(group__catalogue_list="arbeid").count()
    assert f"{count} signalen" in body and reverse("knowledge:signals", args=["locatie"]) in body
