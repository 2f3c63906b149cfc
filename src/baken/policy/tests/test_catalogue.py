"""The Kader catalogue: source and date, [K] blocks marked, prevention's theme codes in step."""

from baken.policy.catalogue.loader import kader
from baken.prevention.catalogue.loader import catalogue as prevention_catalogue


def test_catalogue_has_version_source_and_every_theme_both_plateaus():
    catalogue = kader()
    assert catalogue.version and catalogue.source and catalogue.date
    assert [theme.number for theme in catalogue.themes] == [1, 2, 3, 4, 5]
    for theme in catalogue.themes:
        plateaus = {block.plateau for block in catalogue.blocks if block.theme == theme.code}
        assert plateaus == {"basis", "verdieping"}, theme.code
    assert len({block.code for block in catalogue.blocks}) == len(catalogue.blocks)


def test_unconfirmed_blocks_are_marked_to_verify():
    # The official block list could not be retrieved (domain brief §10.1): every block says so.
    assert all(block.to_verify for block in kader().blocks)


def test_prevention_links_to_the_same_theme_codes():
    assert prevention_catalogue().codes("kader_themes") == {theme.code for theme in kader().themes}
    assert kader().theme_label("onbekend") == "onbekend"
    assert kader().plateau_label("basis") == "Basis"
