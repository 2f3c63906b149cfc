"""The national content shipped with the app is complete and consistent with the catalogue."""

import pytest

from baken.accounts.roles import ROLES_BY_CODE
from baken.knowledge.content import SECTIONS, ContentError, barrier_models, national_pages, parse_page
from baken.knowledge.services import RESERVED_SLUGS
from baken.signalling.models import ExploitationForm, Indicator

GENERIC_STEPS = ["Entree / werving", "Huisvesting", "Identiteit", "Werk / exploitatie", "Financiën"]
FACTSHEET_SOURCES = {
    "https://www.rijksoverheid.nl/documenten/rapporten/2018/11/13/tk-bijlage-3-samen-tegen-mensenhandel",
    "https://kompas.vng.nl/aanpakmensenhandel",
    "https://vng.nl/nieuws/kader-aanpak-mensenhandel-biedt-gemeenten-houvast",
    "http://www.rivob.nl/",
    "https://www.barrieremodellen.nl/",
    "https://www.rijksoverheid.nl/actueel/nieuws/2020/10/30/tweede-advies-aanjaagteam-bescherming-arbeidsmigranten",
    "https://kompas.vng.nl/deel/hoe/#kaart-b6-1",
    "https://www.youtube.com/watch?v=5h3Z7Tta6y4",
}


def test_all_national_pages_load_with_valid_metadata():
    pages = national_pages()
    assert len(pages) >= 21
    for page in pages.values():
        assert page.title and page.summary and page.body.strip()
        assert page.section in SECTIONS
        assert set(page.roles) <= set(ROLES_BY_CODE), page.slug
        assert page.slug not in RESERVED_SLUGS


def test_the_issue_topics_each_have_a_page():
    pages = national_pages()
    for slug in (
        "wat-is-mensenhandel",
        "mensenhandel-of-mensensmokkel",
        "seksuele-uitbuiting",
        "arbeidsuitbuiting",
        "criminele-uitbuiting",
        "gedwongen-orgaanverwijdering",
        "rollen-van-de-gemeente",
        "baliemedewerker",
        "toezichthouder",
        "wijkteam-en-wmo",
        "leerplichtambtenaar",
        "beleidsmaker",
        "aandachtsfunctionaris",
        "zorgcoordinator",
        "preventie",
        "zorgtraject-slachtoffers",
        "bestuurlijke-instrumenten",
        "landelijk-kader",
        "melden-en-doorverwijzen",
    ):
        assert slug in pages


def test_form_pages_point_at_existing_forms(db):
    forms = {page.form for page in national_pages().values() if page.form}
    assert forms == set(ExploitationForm.objects.values_list("code", flat=True))


def test_national_framework_links_the_public_sources_of_the_factsheet():
    urls = {source.url for page in national_pages().values() for source in page.sources}
    assert urls >= FACTSHEET_SOURCES
    assert {s.url for s in national_pages()["landelijk-kader"].sources} >= FACTSHEET_SOURCES


def test_malformed_page_is_refused():
    with pytest.raises(ContentError):
        parse_page("x", "geen front matter")
    with pytest.raises(ContentError):
        parse_page("x", '+++\ntitle = "x"\n+++\ntekst')


def test_barrier_models_have_the_agreed_steps():
    models = barrier_models()
    for code in ("seksuele-uitbuiting", "arbeidsuitbuiting", "criminele-uitbuiting"):
        assert [step.title for step in models[code].steps] == GENERIC_STEPS
    assert [step.code for step in models["arbeidsmigranten"].steps] == [
        "werving",
        "huisvesting",
        "registratie",
        "werk",
        "verblijf",
        "terugkeer",
    ]
    for model in models.values():
        for step in model.steps:
            assert step.signals and step.barriers and step.partners and step.facilitators, (model.code, step.code)


def test_every_signal_in_a_barrier_model_exists_in_the_indicator_catalogue(db):
    codes = set(Indicator.objects.filter(organisation__isnull=True).values_list("code", flat=True))
    named = {signal for model in barrier_models().values() for step in model.steps for signal in step.signals}
    assert named and named <= codes, named - codes


def test_the_pages_missing_in_the_walk_exist_and_cover_their_topics():
    from baken.knowledge.search import normalise

    pages = national_pages()
    salons = normalise(pages["massagesalons-en-nagelstudios"].body)
    assert all(word in salons for word in ("massagesalon", "nagelstudio", "schoonheidssalon", "integrale controle"))
    sex_work = normalise(pages["sekswerk-en-seksinrichtingen"].body)
    assert all(word in sex_work for word in ("seksinrichting", "vergunning", "escort", "thuiswerk", "apv", "bibob"))


def test_no_page_repeats_the_factsheets_wrong_minimum_sentence():
    """Twelve years is the maximum sentence of art. 273f Sr, not a minimum ("vanaf 12 jaar")."""
    import re

    wrong = re.compile(r"(vanaf|minimaal|minstens|ten minste)\s+(12|twaalf)\s+jaar", re.IGNORECASE)
    for page in national_pages().values():
        assert not wrong.search(f"{page.summary}\n{page.body}"), page.slug
