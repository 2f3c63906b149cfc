"""The huisstijl page: hex fields beside the colour pickers, a preview, and a logo URL that changes
with every upload so that a new logo shows at once."""

import re

from django.urls import reverse

from baken.core.services import organisation_update_huisstijl
from baken.testing.signals import png_file

HUISSTIJL = reverse("core:huisstijl")


def test_colours_are_hex_text_fields_with_a_picker_and_a_preview(client_for, beheerder):
    body = client_for(beheerder).get(HUISSTIJL).content.decode()
    for name in ("primary_colour", "primary_text_colour", "link_colour"):
        field = re.search(rf'<input type="text" name="{name}"[^>]*>', body)
        assert field and 'pattern="#[0-9a-fA-F]{6}"' in field.group(0), name
        assert f'data-colour-for="id_{name}"' in body
    assert 'id="huisstijl-preview"' in body and "baken/huisstijl.js" in body


def test_a_hex_typed_by_hand_is_saved(client_for, beheerder, voorbeeld):
    data = {"primary_colour": "#00416A", "primary_text_colour": "#ffffff", "link_colour": "#00416a"}
    assert client_for(beheerder).post(HUISSTIJL, data).status_code == 302
    voorbeeld.refresh_from_db()
    assert voorbeeld.primary_colour.lower() == "#00416a"


def _logo_src(client) -> str:
    body = client.get(reverse("home:index")).content.decode()
    return re.search(r'class="baken-brand__logo" src="([^"]+)"', body).group(1)


def test_every_new_logo_has_a_new_address(client_for, beheerder, voorbeeld):
    client = client_for(beheerder)
    organisation_update_huisstijl(actor=beheerder, organisation=voorbeeld, changes={"logo": png_file("a.png")})
    first = _logo_src(client)
    voorbeeld.refresh_from_db()
    organisation_update_huisstijl(actor=beheerder, organisation=voorbeeld, changes={"logo": png_file("a.png")})
    second = _logo_src(client)
    assert first != second and "?v=" in second
    assert client.get(second).status_code == 200
